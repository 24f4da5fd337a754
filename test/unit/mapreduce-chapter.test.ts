/** The chapter's companion module and the pieces every phase shares: pair lines, key order, partitions, reducers. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { FOLD, count, foldReducer, groupValuesByKey, hashPartition, max, min, sum, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { groupAdjacent } from "../../dist/lib/mapreduce/portable/group-sorted.js";
import { compareCodePoints, sortByKeyText } from "../../dist/lib/mapreduce/tasks/key-order.js";
import { formatPair, keyText, parsePair, serialize } from "../../dist/lib/mapreduce/portable/pair-lines.js";

describe("emit and groupValuesByKey", () => {
  it("emit writes key TAB value as JSON on standard output", () => {
    const code = 'import { emit } from "lazylab/mapreduce"; emit("a", 6); emit(["x", 1], { n: 2 });';
    const out = spawnSync(process.execPath, ["--input-type=module", "-e", code], { encoding: "utf8" });
    expect(out.stdout).toBe('"a"\t6\n["x",1]\t{"n":2}\n');
  });

  it("groups sorted lines by key, like group_values_by_key(sys.stdin)", () => {
    const lines = ['"a"\t1', '"a"\t2', '"e"\t1', '"i"\t3', '"i"\t4'];
    const grouped: [string, number[]][] = [];
    for (const [key, values] of groupValuesByKey<string, number>(lines)) grouped.push([key, [...values]]);
    expect(grouped).toEqual([
      ["a", [1, 2]],
      ["e", [1]],
      ["i", [3, 4]],
    ]);
  });

  it("groups sorted pairs, and the chapter's reducer sums them", () => {
    const pairs: [string, number][] = [
      ["a", 1],
      ["a", 5],
      ["e", 5],
    ];
    const sums: [string, number][] = [];
    for (const [key, values] of groupValuesByKey(pairs)) sums.push([key, sum(values)]);
    expect(sums).toEqual([
      ["a", 6],
      ["e", 5],
    ]);
    // One pass, like itertools.groupby: values of a group left behind are skipped, not kept.
    expect([...groupValuesByKey(pairs)].map(([, vs]) => [...vs])).toEqual([[], []]);
  });

  it("skips values a reducer leaves unread, and refuses to iterate values twice", () => {
    const groups = [...groupAdjacent(["a1", "a2", "a3", "b1", "c1", "c2"][Symbol.iterator](), (s) => s[0])];
    expect(groups.map(([k]) => k)).toEqual(["a", "b", "c"]);
    const lazy = groupAdjacent(["a1", "a2", "b1"][Symbol.iterator](), (s) => s[0]);
    const [, first] = lazy.next().value as [string, Iterable<string>];
    expect([...first]).toEqual(["a1", "a2"]);
    expect(() => [...first]).toThrow(/only once/);
    const [key, second] = lazy.next().value as [string, Iterable<string>];
    expect([key, [...second]]).toEqual(["b", ["b1"]]);
  });
});

describe("pair lines", () => {
  it("round-trips keys and values, with TABs and newlines inside strings escaped", () => {
    for (const [k, v] of [
      ["a\tb", "x\ny"],
      [1, [1, 2]],
      [null, { a: true }],
      [["composite", 2], 0.5],
    ] as const) {
      const line = formatPair(k, v);
      expect(line.split("\t").length).toBe(2);
      expect(parsePair(line)).toEqual([k, v]);
      expect(keyText(line)).toBe(JSON.stringify(k));
    }
  });

  it("refuses undefined and functions with a clear message", () => {
    expect(() => serialize(undefined, "value")).toThrow(/value is undefined; keys and values must be JSON values/);
    expect(() => serialize(() => 1, "key")).toThrow(/key is a function/);
  });
});

describe("key order", () => {
  it("is the byte order of UTF-8, as LC_ALL=C sort orders lines", () => {
    const keys = ["b", "a", "ab", "", "Z", "é", "日本", "😀", "\uffff", "a b", "10", "9"];
    const byCodePoints = [...keys].sort(compareCodePoints);
    const byBytes = [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(byCodePoints).toEqual(byBytes);
    const sorted = spawnSync("sort", { input: `${keys.join("\n")}\n`, env: { LC_ALL: "C" }, encoding: "utf8" })
      .stdout.split("\n")
      .slice(0, -1);
    expect(byCodePoints).toEqual(sorted);
    // The map side's sort takes the engine's comparison when no key has a surrogate, the code point one otherwise.
    const items = (list: string[]) => list.map((keyText) => ({ keyText }));
    expect(sortByKeyText(items(keys)).map((i) => i.keyText)).toEqual(byBytes);
    const bmp = keys.filter((k) => k !== "😀");
    expect(sortByKeyText(items(bmp)).map((i) => i.keyText)).toEqual(byBytes.filter((k) => k !== "😀"));
  });
});

describe("partitions and reducers", () => {
  it("hash partitions are stable, in range and spread keys", () => {
    const words = Array.from({ length: 1000 }, (_, i) => `w${i}`);
    const parts = words.map((w) => hashPartition(w, 4));
    expect(parts.every((p) => p >= 0 && p < 4)).toBe(true);
    expect(new Set(parts).size).toBe(4);
    expect(hashPartition("lura", 4)).toBe(hashPartition("lura", 4));
    expect(hashPartition("anything", 1)).toBe(0);
    // Keys that differ in a few characters still spread over an even number of reducers.
    expect(new Set([..."aeiou"].map((v) => hashPartition(v, 2))).size).toBe(2);
    expect(new Set([..."aeiou"].map((v) => hashPartition(v, 4))).size).toBeGreaterThan(2);
  });

  it("sum, count, max, min and fold reducers", () => {
    expect([sum([1, 2, 3]), count("abc"), max([3, 9, 2]), min([3, 9, 2])]).toEqual([6, 3, 9, 2]);
    expect(sumReducer("k", [1, 2, 3])).toBe(6);
    const longest = foldReducer((a: string, b: string) => (b.length > a.length ? b : a));
    expect(longest("k", ["ab", "abcd", "abc"])).toBe("abcd");
    expect(typeof longest[FOLD]).toBe("function");
  });
});
