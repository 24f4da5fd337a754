import { describe, expect, it } from "vitest";
import { codePointToUtf16, utf16ToCodePoint } from "../../dist/kernel/handlers/cursor.js";
import { History } from "../../dist/kernel/handlers/history-store.js";

describe("cursor positions", () => {
  it("converts between code points and UTF-16 around astral characters", () => {
    const text = "a😀b😀c";
    expect(codePointToUtf16(text, 2)).toBe(3);
    expect(codePointToUtf16(text, 5)).toBe(7);
    expect(utf16ToCodePoint(text, 3)).toBe(2);
    expect(utf16ToCodePoint(text, 7)).toBe(5);
  });
});

describe("history", () => {
  const history = new History();
  ["let a = 1", "a + 1", "console.log(a)", "a + 1"].forEach((code, i) => history.record(i + 1, code));
  history.setOutput(2, "2");

  it("answers tail in order, with outputs on request", () => {
    expect(history.tail(2, false)).toEqual([
      [1, 3, "console.log(a)"],
      [1, 4, "a + 1"],
    ]);
    expect(history.tail(3, true)[0]).toEqual([1, 2, ["a + 1", "2"]]);
  });

  it("answers a range of lines", () => {
    expect(history.range(0, 2, 4, false).map((r) => r[1])).toEqual([2, 3]);
    expect(history.range(7, 1, 4, false)).toEqual([]);
  });

  it("searches by glob, unique and last n", () => {
    expect(history.search("a*", undefined, false, false).map((r) => r[1])).toEqual([2, 4]);
    expect(history.search("a*", undefined, true, false)).toEqual([[1, 4, "a + 1"]]);
    expect(history.search("*a*", 2, false, false).map((r) => r[1])).toEqual([3, 4]);
  });
});
