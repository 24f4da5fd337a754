/** The debugger's pure parts: JupyterLab's cell hash, source maps both ways, and whether a try/catch catches a throw. */
import { describe, expect, it } from "vitest";
import { murmur2 as jupyterlabMurmur2 } from "@jupyterlab/debugger/lib/hash.js";
import { HASH_SEED, TMP_FILE_SUFFIX, cellPath } from "../../dist/kernel/debugger/adapter-facts.js";
import { willBeCaught } from "../../dist/kernel/debugger/caught.js";
import { murmur2 } from "../../dist/kernel/debugger/murmur2.js";
import { CodeMap, dataUrlText, decodeMappings } from "../../dist/kernel/debugger/source-map.js";
import { compileCell } from "../../dist/kernel/engine/compile.js";
import { seededRandom } from "../../dist/lib/sequences/seeded-random.js";

describe("murmur2, as JupyterLab names cells", () => {
  it("gives JupyterLab's values for known texts", () => {
    const known: [string, number][] = [
      ["", 3990065800],
      ["a", 2167009006],
      ["abcd", 804720481],
      ["const x = 1;\nx", 552911769],
      ["héllo → ∀ 😀", 2160804761],
    ];
    for (const [text, hash] of known) expect(murmur2(text, 0xc70f6907)).toBe(hash);
  });

  it("agrees with @jupyterlab/debugger's own hash on random texts of every length", () => {
    const random = seededRandom(19);
    const alphabet = "abc xyz\n\t{}();=>→∀😀é";
    for (let length = 0; length < 200; length++) {
      const chars = [...alphabet];
      const text = Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join("");
      expect(murmur2(text, HASH_SEED)).toBe(jupyterlabMurmur2(text, HASH_SEED));
    }
  });

  it("makes a cell's path from its text", () => {
    expect(cellPath("1 + 1")).toMatch(new RegExp(`lazylab_${process.pid}.${murmur2("1 + 1", HASH_SEED)}\\${TMP_FILE_SUFFIX}$`));
  });
});

describe("source maps", () => {
  it("decodes VLQ mappings", () => {
    expect(decodeMappings("AAAA;AACA,EAAE")).toEqual([
      { line: 0, column: 0, source: 0, originalLine: 0, originalColumn: 0 },
      { line: 1, column: 0, source: 0, originalLine: 1, originalColumn: 0 },
      { line: 1, column: 2, source: 0, originalLine: 1, originalColumn: 2 },
    ]);
  });

  it("maps a compiled cell's TypeScript lines to its JavaScript and back, through the inline map the kernel runs", () => {
    const code = "const base = 40;\nfunction add(x: number): number {\n  const y: number = x + base;\n  return y;\n}\nadd(2)";
    const cell = compileCell(code, "debugger-unit.ts");
    const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(cell.script)?.[1] ?? "";
    const map = CodeMap.parse(dataUrlText(url) ?? "")!;
    expect(map.json.sourcesContent).toEqual([code]);
    expect(map.json.x_lazylab_cell).toBe(true);
    const js = cell.js.split("\n");
    const [at] = map.generated(0, 2); // TypeScript line 3: const y …
    expect(js[at.line].trim()).toBe("const y = x + base;");
    expect(map.original(at.line, at.column)?.originalLine).toBe(2);
    expect(map.lines(0).has(2)).toBe(true);
  });
});

describe("whether a try/catch catches a throw", () => {
  const source = ["function f() {", "  try {", "    g();", "  } catch {}", "}", "function g() {", "  throw new Error();", "}", "g();"].join(
    "\n",
  );

  it("is caught when an outer frame calls inside a try block", () => {
    expect(
      willBeCaught([
        { source, line: 6, column: 2 },
        { source, line: 2, column: 4 },
      ]),
    ).toBe(true);
  });

  it("is not caught when no frame up to the kernel is inside one", () => {
    expect(
      willBeCaught([
        { source, line: 6, column: 2 },
        { source, line: 8, column: 0 },
        { source: undefined, line: 0, column: 0 },
      ]),
    ).toBe(false);
  });

  it("does not count a try around a function's definition", () => {
    const around = "try {\n  var h = () => { throw 1 };\n} catch {}\nh();";
    expect(
      willBeCaught([
        { source: around, line: 1, column: 18 },
        { source: around, line: 3, column: 0 },
        { source: undefined, line: 0, column: 0 },
      ]),
    ).toBe(false);
  });
});
