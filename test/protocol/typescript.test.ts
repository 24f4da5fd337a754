/** The TypeScript engine: cross-cell type checking, completion and inspection, tslab notebooks. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Client, TestKernel, kernelForFile, resultText, streamText } from "../support/kernel-client.js";

let _kernel: TestKernel;
let client: Client;
const plain = (lines: unknown) => (lines as string[]).join("\n").replace(/\x1b\[[0-9;]*m/g, "");

function notebookFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "lazylab-ts-"));
  const pkg = join(dir, "node_modules", "typed-pkg");
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "typed-pkg", main: "index.js", types: "index.d.ts" }));
  writeFileSync(join(pkg, "index.js"), "exports.scale = (v, k) => ({ x: v.x * k, y: v.y * k });");
  writeFileSync(
    join(pkg, "index.d.ts"),
    "export interface Vec { x: number; y: number }\n/** Multiplies a vector by k. */\nexport declare function scale(v: Vec, k: number): Vec;\n",
  );
  writeFileSync(
    join(dir, "geometry.ts"),
    'import { scale, type Vec } from "typed-pkg"\nexport const origin: Vec = { x: 0, y: 0 }\nexport function double(v: Vec): Vec { return scale(v, 2) }\n',
  );
  return dir;
}

kernelForFile(
  (started) => {
    _kernel = started;
    client = started.client;
  },
  () => ({ cwd: notebookFolder() }),
);

describe("type checking", () => {
  it("blocks a cell with type errors and reports every diagnostic at its line and column", async () => {
    const { reply, outputs } = await client.execute('console.log("side effect")\nconst n: number = "three"\nconst s: string = 4');
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("TSError");
    expect(streamText(outputs)).toBe(""); // not run at all
    const traceback = plain(reply.content.traceback);
    expect(traceback).toMatch(/line 2, column 7: error TS2322: Type 'string' is not assignable to type 'number'/);
    expect(traceback).toMatch(/line 3, column 7: error TS2322: Type 'number' is not assignable to type 'string'/);
    expect(traceback).toContain('--> 2 | const n: number = "three"\n      |       ^');
  });

  it("lets types flow across cells", async () => {
    await client.execute("interface Planet { name: string; moons: number }\nconst earth: Planet = { name: 'Earth', moons: 1 }");
    expect(resultText((await client.execute("earth.moons.toFixed(1)")).outputs)).toBe("'1.0'");
    const wrong = await client.execute("earth.rings");
    expect(plain(wrong.reply.content.traceback)).toMatch(/TS2339: Property 'rings' does not exist on type 'Planet'/);
  });

  it("lets a later cell redeclare a name with a new type", async () => {
    await client.execute("let value: number = 1");
    await client.execute('let value: string = "text"');
    expect(resultText((await client.execute("value.toUpperCase()")).outputs)).toBe("'TEXT'");
    expect((await client.execute("value.toFixed()")).reply.content.ename).toBe("TSError");
  });

  it("checks imports of local .ts files and typed npm packages, and runs them", async () => {
    const { reply, outputs } = await client.execute(
      'import { double, origin } from "./geometry"\nimport { scale } from "typed-pkg"\n[double({ x: 1, y: 2 }), scale(origin, 3)]',
    );
    expect(reply.content.status).toBe("ok");
    expect(resultText(outputs)).toBe("[ { x: 2, y: 4 }, { x: 0, y: 0 } ]");
    expect(plain((await client.execute("double(3)")).reply.content.traceback)).toMatch(/TS2345/);
    // An interface imported without `type` is fine: it has no value at run time.
    const typeImport = await client.execute('import { Vec } from "typed-pkg"\nconst v: Vec = { x: 1, y: 1 }\nv.x');
    expect(resultText(typeImport.outputs)).toBe("1");
  });

  it("accepts modern syntax: satisfies, using, decorators, const type parameters", async () => {
    const code = [
      "const conf = { port: 8080 } satisfies Record<string, number>",
      "function first<const T extends readonly unknown[]>(xs: T): T[0] { return xs[0] }",
      "function logged(target: any, context: ClassMethodDecoratorContext) { return target }",
      "class Svc { @logged run() { return 'ran' } }",
      "let disposed = false",
      "{ using res = { [Symbol.dispose]() { disposed = true } } }",
      "[conf.port, first(['a', 'b'] as const), new Svc().run(), disposed]",
    ].join("\n");
    const { reply, outputs } = await client.execute(code);
    expect(reply.content.status).toBe("ok");
    expect(resultText(outputs)).toBe("[ 8080, 'a', 'ran', true ]");
  });

  it("maps a runtime error in a function defined three cells earlier to that cell and line", async () => {
    const first = await client.execute("function risky(o: { x?: { y: number } }): number {\n  // a comment\n  return o.x!.y\n}");
    const defined = first.reply.content.execution_count;
    await client.execute("const unrelated = 1");
    await client.execute("const alsoUnrelated = 2");
    const { reply } = await client.execute("risky({})");
    expect(plain(reply.content.traceback)).toMatch(new RegExp(`at risky \\(Cell In\\[${defined}\\], line 3, column \\d+\\)`));
  });
});

describe("completion and inspection", () => {
  const complete = async (code: string, cursor = [...code].length) =>
    (await client.request("shell", "complete_request", { code, cursor_pos: cursor })).content as {
      matches: string[];
      cursor_start: number;
      cursor_end: number;
      metadata: Record<string, unknown>;
    };

  it("completes members, even of literals", async () => {
    const reply = await complete("Math.PI.toFix");
    expect(reply.matches).toContain("toFixed");
    expect(reply.cursor_start).toBe("Math.PI.".length);
    const types = reply.metadata._jupyter_types_experimental as { text: string; type: string; signature: string }[];
    expect(types.find((t) => t.text === "toFixed")).toMatchObject({ type: "method" });
    expect(types.find((t) => t.text === "toFixed")!.signature).toMatch(/fractionDigits/);
  });

  it("completes identifiers from earlier cells", async () => {
    await client.execute("const chapterTitle = 'Data Processing'");
    expect((await complete("chapterT")).matches).toContain("chapterTitle");
    expect((await complete("earth.mo")).matches).toEqual(["moons"]);
  });

  it("completes module specifiers and magic names", async () => {
    const modules = await complete('import { scale } from "typed-');
    expect(modules.matches).toContain("typed-pkg");
    expect((await complete("%ti")).matches).toEqual(expect.arrayContaining(["%time", "%timeit"]));
  });

  it("inspects with the signature and JSDoc; detail level 1 adds the declaration", async () => {
    await client.execute(
      "/** Counts the vowels of a word. */\nfunction vowels(word: string): number { return word.replace(/[^aeiou]/g, '').length }",
    );
    const reply = await client.request("shell", "inspect_request", { code: "vowels", cursor_pos: 3, detail_level: 0 });
    const data = reply.content.data as Record<string, string>;
    expect(reply.content.found).toBe(true);
    expect(data["text/plain"]).toContain("function vowels(word: string): number");
    expect(data["text/plain"]).toContain("Counts the vowels of a word.");
    expect(data["text/markdown"]).toContain("```typescript");
    const detailed = await client.request("shell", "inspect_request", { code: "scale", cursor_pos: 2, detail_level: 1 });
    expect((detailed.content.data as Record<string, string>)["text/plain"]).toContain("Multiplies a vector by k.");
  });

  it("at detail level 1 shows a member's own declaration, not its container's, and a bounded one", async () => {
    for (const detail_level of [0, 1]) {
      const reply = await client.request("shell", "inspect_request", { code: "Math.max(1, 2)", cursor_pos: 6, detail_level });
      const plain = (reply.content.data as Record<string, string>)["text/plain"];
      expect(plain).toContain("max(...values: number[]): number");
      expect(plain).toContain("Returns the larger of a set of supplied numeric expressions.");
      expect(plain).not.toContain("interface Math"); // ~8.5K characters of every Math member before
      expect(plain.length).toBeLessThan(1500);
      if (detail_level === 1) expect(plain).toMatch(/\n\nmax\(\.\.\.values: number\[\]\): number;$/);
    }
    // A long declaration is cut, saying how much was left out.
    await client.execute(
      `interface Big {\n${Array.from({ length: 200 }, (_, i) => `  field${i}: number`).join("\n")}\n}\nconst big: Big = {} as Big`,
    );
    const reply = await client.request("shell", "inspect_request", { code: "let b: Big", cursor_pos: 8, detail_level: 1 });
    const plain = (reply.content.data as Record<string, string>)["text/plain"];
    expect(plain).toContain("interface Big {\n  field0: number");
    expect(plain).toMatch(/\n… \(\d+ more lines\)$/);
    expect(plain.length).toBeLessThan(2600);
  });
});

describe("tslab notebooks", () => {
  it("run unchanged: tslab.display and tslab.newDisplay", async () => {
    const { reply, outputs } = await client.execute(
      'import * as tslab from "tslab"\ntslab.display.html("<b>tslab</b>")\nconst view = tslab.newDisplay()\nview.markdown("*one*")\nview.markdown("*two*")',
    );
    expect(reply.content.status).toBe("ok");
    const kinds = outputs.filter((m) => m.header.msg_type.endsWith("display_data")).map((m) => m.header.msg_type);
    expect(kinds).toEqual(["display_data", "display_data", "update_display_data"]);
  });
});

describe("tsconfig.json next to the notebook", () => {
  it("overrides the strict defaults", async () => {
    const strict = await client.execute("function loose(x) { return x }");
    expect(plain(strict.reply.content.traceback)).toMatch(/TS7006: Parameter 'x' implicitly has an 'any' type/);
    const dir = mkdtempSync(join(tmpdir(), "lazylab-tsconfig-"));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: false } }));
    const relaxed = await TestKernel.start({ cwd: dir });
    try {
      const { reply, outputs } = await relaxed.client.execute("function loose(x) { return x }\nloose(5)");
      expect(reply.content.status).toBe("ok");
      expect(resultText(outputs)).toBe("5");
    } finally {
      await relaxed.stop();
    }
  });
});
