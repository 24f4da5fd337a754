/** 4.2 – 4.2.4: range, iterators, for statements, generators and iterables, with the chapter's outputs. */
import { describe, expect, it } from "vitest";
import {
  LetterIterable,
  Letters,
  Positives,
  StopIteration,
  allPairs,
  lettersGenerator,
  next,
  range,
} from "../../dist/lib/sequences/index.js";

describe("4.2 range", () => {
  it("computes an element instead of storing it", () => {
    const r = range(10000, 1000000000);
    expect(r.at(45006230)).toBe(45016230);
    expect(r.length).toBe(999990000);
    expect(String(r)).toBe("range(10000, 1000000000)");
  });

  it("iterates like Python's range, with steps and negative indices", () => {
    expect([...range(5)]).toEqual([0, 1, 2, 3, 4]);
    expect([...range(10, 0, -3)]).toEqual([10, 7, 4, 1]);
    expect(range(3, 8).at(-1)).toBe(7);
    expect(() => range(3).at(3)).toThrow(RangeError);
  });
});

describe("4.2.1 iterators", () => {
  it("Letters yields a to d, then stays exhausted", () => {
    const letters = new Letters();
    expect([next(letters), next(letters), next(letters), next(letters)]).toEqual(["a", "b", "c", "d"]);
    expect(() => next(letters)).toThrow(StopIteration);
    expect(letters.next()).toEqual({ done: true, value: undefined });
    expect(() => next(letters)).toThrow(StopIteration);
  });

  it("Letters is its own iterator, so it can be iterated only once", () => {
    const letters = new Letters();
    expect(letters[Symbol.iterator]()).toBe(letters);
    expect([...letters]).toEqual(["a", "b", "c", "d"]);
    expect([...letters]).toEqual([]);
  });

  it("Positives never ends", () => {
    const p = new Positives();
    expect([next(p), next(p), next(p)]).toEqual([1, 2, 3]);
    let last = 0;
    for (const n of p) if ((last = n) >= 1000) break;
    expect(last).toBe(1000);
  });
});

describe("4.2.2 for statements", () => {
  it("a for…of loop is next() until done, as the chapter's while/try rewrite shows", () => {
    const counts = [1, 2, 3];
    const viaFor: number[] = [];
    for (const item of counts) viaFor.push(item);
    const viaWhile: number[] = [];
    const items = counts[Symbol.iterator]();
    try {
      for (;;) viaWhile.push(next(items));
    } catch (error) {
      if (!(error instanceof StopIteration)) throw error;
    }
    expect(viaFor).toEqual([1, 2, 3]);
    expect(viaWhile).toEqual([1, 2, 3]);
  });
});

describe("4.2.3 generators", () => {
  it("lettersGenerator yields a to d and then StopIteration", () => {
    expect([...lettersGenerator()]).toEqual(["a", "b", "c", "d"]);
    const letters = lettersGenerator();
    expect(Object.prototype.toString.call(letters)).toBe("[object Generator]");
    expect([next(letters), next(letters), next(letters), next(letters)]).toEqual(["a", "b", "c", "d"]);
    expect(() => next(letters)).toThrow(StopIteration);
  });

  it("does not run its body until the first next()", () => {
    let started = false;
    function* watched() {
      started = true;
      yield* lettersGenerator();
    }
    const g = watched();
    expect(started).toBe(false);
    g.next();
    expect(started).toBe(true);
  });
});

describe("4.2.4 iterables", () => {
  it("allPairs of [1, 2, 3] gives the chapter's nine pairs", () => {
    expect([...allPairs([1, 2, 3])]).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
      [2, 2],
      [2, 3],
      [3, 1],
      [3, 2],
      [3, 3],
    ]);
  });

  it("LetterIterable gives a fresh iterator each time, so allPairs works on it", () => {
    const letters = new LetterIterable();
    expect(allPairs(letters).next().value).toEqual(["a", "a"]);
    expect(allPairs(letters).next().value).toEqual(["a", "a"]);
    expect([...allPairs(letters)]).toHaveLength(16);
  });

  it("a used-up Letters iterator gives allPairs only one row", () => {
    expect([...allPairs(new Letters())]).toEqual([
      ["a", "b"],
      ["a", "c"],
      ["a", "d"],
    ]);
  });
});
