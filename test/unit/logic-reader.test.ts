/** The reader and printer: the chapter's notation in and out, and errors that name line and column. */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { LogicSyntaxError, list, nil, Pair, read, readAll, write } from "../../dist/lib/logic/index.js";

describe("reading", () => {
  it("reads the chapter's query expression into Pairs (4.4.2)", () => {
    const e = read("(?x c ?x)");
    expect(e).toEqual(new Pair("?x", new Pair("c", new Pair("?x", nil))));
    expect(inspect(e)).toBe("Pair('?x', Pair('c', Pair('?x', nil)))");
  });

  it("keeps case and dashes in symbols, reads numbers as numbers", () => {
    expect(read("(append-to-form ?Brown-Dog Abraham 42 -3 2.5 1e3 +x -)")).toEqual(
      list(["append-to-form", "?Brown-Dog", "Abraham", 42, -3, 2.5, 1000, "+x", "-"]),
    );
  });

  it("reads nested lists, (), dotted tails, comments and expressions spanning lines", () => {
    const data = readAll(
      "; the dog facts\n(fact (dog (name abraham)\n           (color white))) ; trailing\n(query (pedigree barack . ?lineage))\n()",
    );
    expect(data.map((d) => write(d.expr))).toEqual([
      "(fact (dog (name abraham) (color white)))",
      "(query (pedigree barack . ?lineage))",
      "()",
    ]);
    expect(data.map((d) => d.at)).toEqual([
      { line: 2, column: 1 },
      { line: 4, column: 1 },
      { line: 5, column: 1 },
    ]);
    expect(read("(?a . ?r)")).toEqual(new Pair("?a", "?r"));
    expect(read("(a b . (c d))")).toEqual(list(["a", "b", "c", "d"]));
  });

  it("round-trips through the printer", () => {
    for (const text of ["(a b c)", "()", "(a . b)", "((a b) c (a b))", "(a (b . ?c) () (d (e)))", "x", "42", "(?a . ?r)"]) {
      expect(write(read(text))).toBe(text);
      expect(String(read(text))).toBe(text);
    }
  });

  it("reads and prints very long and very deep lists without overflowing the stack", () => {
    const long = `(${"a ".repeat(100_000)})`;
    expect(write(read(long)).length).toBe(long.length - 1);
    const deep = `${"(".repeat(20_000)}x${")".repeat(20_000)}`;
    expect(write(read(deep))).toBe(deep);
  });
});

describe("errors name the line and column", () => {
  const error = (text: string): string => {
    try {
      readAll(text);
    } catch (e) {
      expect(e).toBeInstanceOf(LogicSyntaxError);
      return (e as Error).message;
    }
    throw new Error("no error");
  };

  it("for unbalanced parentheses", () => {
    expect(error("(fact (a b))\n  (fact (c d)))")).toBe("line 2, column 15: unbalanced parentheses: ')' closes nothing");
    expect(error("(fact (a b))\n(query (a\n ?x)")).toBe("line 2, column 1: unbalanced parentheses: '(' is never closed");
  });

  it("for malformed dotted lists", () => {
    expect(error("(a . b c)")).toBe("line 1, column 8: malformed dotted list: only one expression may follow '.'");
    expect(error("(. a)")).toBe("line 1, column 2: malformed dotted list: '.' must follow at least one element");
    expect(error("(a . )")).toBe("line 1, column 6: malformed dotted list: '.' must be followed by one expression");
    expect(error("(a . b . c)")).toBe("line 1, column 8: malformed dotted list: a second '.'");
    expect(error("a . b")).toBe("line 1, column 3: malformed dotted list: '.' outside a list");
  });

  it("for strings, which the language does not have", () => {
    expect(error('(name "rex")')).toBe("line 1, column 7: strings are not part of the logic language (write a symbol instead)");
  });

  it("counting lines from an offset, as in a %%logic cell", () => {
    expect(() => readAll("(a", { lineOffset: 1 })).toThrow("line 2, column 1");
    expect(() => readAll("x)", { columnOffset: 7 })).toThrow("line 1, column 9");
  });

  it("read takes exactly one expression", () => {
    expect(() => read("")).toThrow(/found none/);
    expect(() => read("(a) (b)")).toThrow("line 1, column 5: expected one expression, found more");
  });
});
