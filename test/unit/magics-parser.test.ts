import { describe, expect, it } from "vitest";
import { parseCellMagic, parseHelpRequest, rewriteLineMagics } from "../../dist/kernel/magics/parser.js";

describe("magic parsing", () => {
  it("finds a cell magic on the first line", () => {
    expect(parseCellMagic("%%html --x\n<b>hi</b>\n")).toEqual({ name: "html", args: "--x", body: "<b>hi</b>\n" });
    expect(parseCellMagic("const a = 1\n%%html")).toBeUndefined();
  });

  it("recognises help requests", () => {
    expect(parseHelpRequest("%time?")).toBe("time");
    expect(parseHelpRequest("%%mapreduce??")).toBe("mapreduce");
    expect(parseHelpRequest("%time 1?")).toBeUndefined();
  });

  it("rewrites line magics in place, keeping line numbers, but not inside strings or comments", () => {
    const code = "const a = 1\n  %time a + 1\nconst t = `\n%time not magic\n`\n/*\n%time nor this\n*/\nlet b = a % 2";
    const out = rewriteLineMagics(code).split("\n");
    expect(out).toHaveLength(code.split("\n").length);
    expect(out[1]).toBe('  ;(await __lazylab.lineMagic("time", "a + 1"));');
    expect(out[3]).toBe("%time not magic");
    expect(out[6]).toBe("%time nor this");
    expect(out[8]).toBe("let b = a % 2");
  });

  it("tracks template literal substitutions", () => {
    const code = "const t = `${ {a: 1}.a }\n%time inside`\n%lsmagic";
    const out = rewriteLineMagics(code).split("\n");
    expect(out[1]).toBe("%time inside`");
    expect(out[2]).toContain('lineMagic("lsmagic", "")');
  });
});
