/** The %logic / %%logic option line. */
import { describe, expect, it } from "vitest";
import { parseLogicOptions } from "../../dist/kernel/magics/logic.js";

describe("parseLogicOptions", () => {
  it("reads the options before the program", () => {
    expect(parseLogicOptions("--proof --limit 3 --depth 50 --table (query (p ?x))")).toEqual({
      options: { proof: true, limit: 3, depth: 50, table: true },
      program: "(query (p ?x))",
      programStart: 37,
    });
    expect(parseLogicOptions("--depth inf --no-occurs-check").options).toEqual({ depth: Infinity, occursCheck: false });
    expect(parseLogicOptions("(fact (p a))")).toEqual({ options: {}, program: "(fact (p a))", programStart: 0 });
    expect(parseLogicOptions("")).toEqual({ options: {}, program: "", programStart: 0 });
  });

  it("refuses unknown options and bad values", () => {
    expect(() => parseLogicOptions("--prove")).toThrow("%logic: unknown option --prove");
    expect(() => parseLogicOptions("--limit 0")).toThrow("--limit takes a whole number ≥ 1, not 0");
    expect(() => parseLogicOptions("--depth deep")).toThrow("--depth takes a whole number ≥ 0 or inf, not deep");
    expect(() => parseLogicOptions("--limit")).toThrow("--limit needs a value");
  });
});
