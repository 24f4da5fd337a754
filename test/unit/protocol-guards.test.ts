/** The protocol thread's guards: history globs in linear time, the bounded replay history, JSON depth. */
import { describe, expect, it } from "vitest";
import { globMatches } from "../../dist/kernel/handlers/history-store.js";
import { ReplayGuard } from "../../dist/kernel/protocol/replay-guard.js";
import { jsonDepth, toWireJson } from "../../dist/kernel/contract/wire-json.js";

describe("globMatches", () => {
  it("matches IPython's globs over the whole input", () => {
    expect(globMatches("*", "")).toBe(true);
    expect(globMatches("a*c", "abbbc")).toBe(true);
    expect(globMatches("a*c", "abbbcd")).toBe(false);
    expect(globMatches("a?c", "abc")).toBe(true);
    expect(globMatches("a?c", "ac")).toBe(false);
    expect(globMatches("*.ts*", "x.tsx")).toBe(true);
    expect(globMatches("[a]", "[a]")).toBe(true); // no character classes: brackets are literal
    expect(globMatches("*a*b", "xaxb\nmore b")).toBe(true);
  });

  it("answers a pathological pattern on a long input without backtracking (a regex would run for minutes)", () => {
    const text = "a".repeat(200_000);
    expect(globMatches("*a*a*a*a*a*a*a*a*b", text)).toBe(false);
    expect(globMatches("*a*a*a*a*a*a*a*a*a", text)).toBe(true);
  });
});

describe("ReplayGuard", () => {
  it("refuses a signature seen before and forgets the oldest beyond its capacity", () => {
    const guard = new ReplayGuard(3);
    expect(["a", "b", "c"].map((s) => guard.admit(s))).toEqual([true, true, true]);
    expect(guard.admit("b")).toBe(false);
    expect(guard.admit("d")).toBe(true); // "a" forgotten
    expect(guard.admit("a")).toBe(true);
    expect(guard.admit("d")).toBe(false);
    expect(guard.admit("")).toBe(true);
    expect(guard.admit("")).toBe(true); // unsigned messages carry no digest to compare
  });
});

describe("wire JSON", () => {
  it("measures nesting outside strings", () => {
    expect(jsonDepth(`{"a":[1,{"b":"[[[[\\"]]"}]}`)).toBe(3);
    expect(jsonDepth("1")).toBe(0);
  });

  it("names why a value cannot be sent", () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    let deep: unknown[] = [];
    for (let i = 0; i < 600; i++) deep = [deep];
    expect(() => toWireJson({ n: 1n })).toThrow(/BigInt/);
    expect(() => toWireJson(cycle)).toThrow(/cycle/);
    expect(() => toWireJson(deep)).toThrow(/nested 601 levels deep/);
    expect(toWireJson({ fine: [1, "two"] })).toBe('{"fine":[1,"two"]}');
  });
});
