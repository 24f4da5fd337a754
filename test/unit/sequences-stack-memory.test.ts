/**
 * Walking far: the 1,000,000th element of a mapped, filtered integer stream without overflowing
 * the stack (long runs of rejections included) and without keeping the walked prefix alive.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { Stream, filterStream, makeIntegerStream, mapStream } from "../../dist/lib/sequences/index.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const settle = () => new Promise((r) => setTimeout(r, 0)); // WeakRef targets stay alive until the current job ends

const square = (x: number) => x * x;
const odd = (x: number) => x % 2 === 1;

// Built inside a function: an argument expression in the walking frame would hold the head.
function oddSquares(): Stream<number> {
  return mapStream(square, filterStream(odd, makeIntegerStream()));
}

/** The chapter's filter_stream, translated literally: recursion for every rejected element. */
function chapterFilterStream<T>(fn: (x: T) => boolean, s: Stream<T>): Stream<T> {
  if (s === Stream.empty) return s;
  const computeRest = (): Stream<T> => chapterFilterStream(fn, s.rest);
  if (fn(s.first)) return new Stream(s.first, computeRest);
  return computeRest();
}

describe("stack safety", () => {
  it("walks to the 1,000,000th element of a mapped, filtered integer stream", () => {
    let s = oddSquares();
    for (let i = 1; i < 1_000_000; i++) s = s.rest;
    expect(s.first).toBe(1_999_999 ** 2);
  });

  it("filters through 100,000 rejections in a row, where the chapter's recursion overflows", () => {
    const rare = (x: number) => x % 100_001 === 0;
    const s = filterStream(rare, makeIntegerStream());
    expect([s.first, s.rest.first, s.rest.rest.first]).toEqual([100_001, 200_002, 300_003]);
    expect(() => chapterFilterStream(rare, makeIntegerStream())).toThrow(RangeError); // the control: Maximum call stack size exceeded
  });

  it("keeps the stack flat however far the walk goes", () => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Infinity;
    try {
      let deepest = 0;
      const depth = () => (new Error().stack ?? "").split("\n").length;
      const observed = () =>
        mapStream(
          (x: number) => ((deepest = Math.max(deepest, depth())), x),
          filterStream((x: number) => x % 1000 === 0, makeIntegerStream()),
        );
      let s = observed();
      for (let i = 0; i < 100; i++) s = s.rest;
      const near = deepest;
      for (let i = 0; i < 5_000; i++) s = s.rest;
      expect(s.first).toBe(5_101_000);
      expect(near).toBeLessThan(100);
      expect(deepest).toBe(near); // as deep at the 5,100th element as at the 100th
    } finally {
      Error.stackTraceLimit = limit;
    }
  });
});

describe("memory", () => {
  it("lets the walked prefix go when the caller does not hold the head", async () => {
    let s = oddSquares();
    const head = new WeakRef(s);
    const early = new WeakRef(s.rest.rest);
    await settle();
    for (let i = 0; i < 1_000_000; i++) s = s.rest;
    await settle();
    gc();
    expect(head.deref()).toBeUndefined();
    expect(early.deref()).toBeUndefined();
    expect(s.first).toBe(2_000_001 ** 2);
  });

  it("lets it go when walking with for…of too", async () => {
    const refs: WeakRef<Stream<number>>[] = [];
    let n = 0;
    const made = (): Stream<number> => {
      const s = oddSquares();
      refs.push(new WeakRef(s));
      return s;
    };
    for (const x of made()) if (++n === 1_000_000 && x > 0) break;
    await settle();
    gc();
    expect(refs[0].deref()).toBeUndefined();
  });

  it("keeps what the caller holds: the head, and so every computed element (memoization)", async () => {
    const head = oddSquares();
    let s = head;
    for (let i = 0; i < 1000; i++) s = s.rest;
    await settle();
    gc();
    expect(String(head)).toMatch(/^Stream\(1, 9, 25, .*…\+989 computed, <\.\.\.>\)$/);
  });

  it("walks 3,000,000 elements in a heap of 16 MiB (a retained prefix would need hundreds)", () => {
    const built = join(resolve(import.meta.dirname, "..", ".."), "dist", "lib", "sequences", "index.js");
    expect(existsSync(built), "run npm run build first").toBe(true);
    const script = `
      import { makeIntegerStream, mapStream, filterStream } from ${JSON.stringify(pathToFileURL(built).href)};
      function pipeline() { return mapStream((x) => x * 2, filterStream((x) => x % 3 === 0, makeIntegerStream())); }
      let s = pipeline();
      for (let i = 1; i < 3_000_000; i++) s = s.rest;
      console.log(s.first);`;
    const out = execFileSync(process.execPath, ["--max-old-space-size=16", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(out.trim()).toBe(String(2 * 3 * 3_000_000));
  }, 60_000);
});
