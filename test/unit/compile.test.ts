import vm from "node:vm";
import { describe, expect, it } from "vitest";
import { CellCompileError, compileCell } from "../../dist/kernel/engine/compile.js";

describe("cell compilation", () => {
  it("turns top-level declarations into globals and returns the last expression", () => {
    const cell = compileCell(
      "let x: number = 2\nconst { a, b: [c] } = { a: 1, b: [3] }\nfunction f() { return x }\nclass C {}\nx + a + c",
      "t.ts",
    );
    expect(cell.declared.sort()).toEqual(["C", "a", "c", "f", "x"]);
    expect(cell.isAsync).toBe(false);
    const sandbox: Record<string, unknown> = {};
    const context = vm.createContext(sandbox);
    vm.runInContext(
      `globalThis.__lazylab = { declare(ns) { for (const n of ns) if (!(n in globalThis)) globalThis[n] = undefined } }`,
      context,
    );
    const box = vm.runInContext(cell.js, context) as { value: number };
    expect(box.value).toBe(6);
    expect(typeof sandbox.f).toBe("function");
  });

  it("hoists functions so they can be called before their declaration", () => {
    const cell = compileCell("const r = g()\nfunction g() { return 7 }\nr", "t.ts");
    expect(cell.js.indexOf("g = function")).toBeLessThan(cell.js.indexOf("r = g()"));
  });

  it("makes cells with top-level await or imports async", () => {
    expect(compileCell("await 1", "t.ts").isAsync).toBe(true);
    expect(compileCell('import fs from "node:fs"', "t.ts").isAsync).toBe(true);
    expect(compileCell("async function f() { await 1 }", "t.ts").isAsync).toBe(false);
  });

  it("keeps imports whose names are used only in later cells", () => {
    expect(compileCell('import { readFileSync } from "node:fs"', "t.ts").js).toContain('"readFileSync"');
  });

  it("reports syntax errors with the cell's line and column", () => {
    try {
      compileCell("const a = 1\nconst b = (a +\n", "t.ts");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CellCompileError);
      expect((error as CellCompileError).diagnostics[0]).toMatchObject({ line: 2, column: 15, code: 1109 });
    }
  });
});
