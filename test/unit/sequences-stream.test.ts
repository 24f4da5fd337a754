/** 4.2.5 Streams: the chapter's examples and outputs, memoization, laziness, and the display. */
import { describe, expect, it } from "vitest";
import {
  Stream,
  computedPrefix,
  filterStream,
  firstKAsList,
  makeIntegerStream,
  mapStream,
  primes,
  streamText,
  takeStream,
} from "../../dist/lib/sequences/index.js";
import { MIMEBUNDLE } from "../../dist/lib/render/mimebundle.js";

describe("the chapter's examples", () => {
  it("s = Stream(1, lambda: Stream(2+3, lambda: Stream(9)))", () => {
    let additions = 0;
    const s = new Stream(1, () => new Stream((additions++, 2 + 3), () => new Stream(9)));
    expect(s.first).toBe(1);
    expect(additions).toBe(0); // 5 is not computed until the rest is asked for
    expect(String(s)).toBe("Stream(1, <...>)");
    expect(String(s.rest)).toBe("Stream(5, <...>)");
    expect(additions).toBe(1);
    expect(s.toArray()).toEqual([1, 5, 9]);
    expect(s.rest.rest.rest).toBe(Stream.empty);
  });

  it("ints = make_integer_stream()", () => {
    const ints = makeIntegerStream();
    expect(String(ints)).toBe("Stream(1, <...>)");
    expect(ints.first).toBe(1);
    expect(ints.rest.first).toBe(2);
    expect(String(ints.rest.rest)).toBe("Stream(3, <...>)");
  });

  it("squares the integers from 3 to 7", () => {
    const s = makeIntegerStream(3);
    expect(String(s)).toBe("Stream(3, <...>)");
    const m = mapStream((x: number) => x * x, s);
    expect(String(m)).toBe("Stream(9, <...>)");
    expect(firstKAsList(m, 5)).toEqual([9, 16, 25, 36, 49]);
  });

  it("enumerates the primes, and the stream is not used up", () => {
    const primeNumbers = primes(makeIntegerStream(2));
    expect(firstKAsList(primeNumbers, 7)).toEqual([2, 3, 5, 7, 11, 13, 17]);
    expect(primeNumbers.first).toBe(2);
    expect(firstKAsList(primeNumbers, 7)).toEqual([2, 3, 5, 7, 11, 13, 17]);
  });

  it("sieves the first 1,000 primes", () => {
    const first1000 = firstKAsList(primes(makeIntegerStream(2)), 1000);
    expect(first1000).toHaveLength(1000);
    expect(first1000[999]).toBe(7919);
  });

  it("filter_stream keeps what the predicate accepts", () => {
    const evens = filterStream((x: number) => x % 2 === 0, makeIntegerStream());
    expect(firstKAsList(evens, 4)).toEqual([2, 4, 6, 8]);
    expect(filterStream(() => true, Stream.empty)).toBe(Stream.empty);
    expect(filterStream((x: number) => x > 10, Stream.of(1, 2, 3))).toBe(Stream.empty);
  });
});

describe("memoization", () => {
  it("computes the rest at most once, and returns the same stream each time", () => {
    let calls = 0;
    const s = new Stream(1, () => (calls++, new Stream(2)));
    expect(s.restState).toBe("pending");
    const first = s.rest;
    const second = s.rest;
    expect(first).toBe(second);
    expect(calls).toBe(1);
    expect(s.restState).toBe("computed");
  });

  it("maps each element once however often the stream is walked", () => {
    let applied = 0;
    const m = mapStream((x: number) => (applied++, x * 10), makeIntegerStream());
    firstKAsList(m, 100);
    firstKAsList(m, 100);
    expect([...m.take(100)]).toHaveLength(100);
    expect(applied).toBe(100);
  });

  it("tries a failed computation again, as Python does", () => {
    let attempts = 0;
    const s = new Stream(1, () => {
      if (++attempts === 1) throw new Error("flaky");
      return new Stream(2);
    });
    expect(() => s.rest).toThrow("flaky");
    expect(s.rest.first).toBe(2);
    expect(attempts).toBe(2);
  });

  it("reports a rest that depends on itself instead of overflowing the stack", () => {
    const s: Stream<number> = new Stream(1, () => s.rest);
    expect(() => s.rest).toThrow(/depends on itself/);
  });

  it("rejects a computeRest that is not a function", () => {
    expect(() => new Stream(1, 2 as unknown as () => Stream<number>)).toThrow("computeRest must be callable.");
  });
});

describe("laziness", () => {
  it("take(k) and firstKAsList compute nothing after the k-th element", () => {
    const seen: number[] = [];
    const s = mapStream((x: number) => (seen.push(x), x), makeIntegerStream());
    expect(s.take(3).toArray()).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
    expect(firstKAsList(s, 3)).toEqual([1, 2, 3]);
    expect(takeStream(s, 0)).toBe(Stream.empty);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("iteration computes the next rest only when the next element is asked for", () => {
    const seen: number[] = [];
    const s = mapStream((x: number) => (seen.push(x), x), makeIntegerStream());
    for (const x of s) if (x === 2) break;
    expect(seen).toEqual([1, 2]);
  });

  it("Stream.from pulls from its iterable one element at a time", () => {
    let pulled = 0;
    function* counting() {
      for (let i = 0; ; i++) {
        pulled++;
        yield i;
      }
    }
    const s = Stream.from(counting());
    expect(pulled).toBe(1); // `first` is a field: the first element is pulled at once
    expect(s.take(5).toArray()).toEqual([0, 1, 2, 3, 4]);
    expect(pulled).toBe(5);
    expect(s.take(5).toArray()).toEqual([0, 1, 2, 3, 4]); // memoized: the generator is not pulled again
    expect(pulled).toBe(5);
  });
});

describe("Stream.empty and idiomatic TypeScript", () => {
  it("Stream.empty has no first element or rest", () => {
    expect(String(Stream.empty)).toBe("Stream.empty");
    expect(Stream.empty.isEmpty).toBe(true);
    expect(() => Stream.empty.first).toThrow(/no first element/);
    expect(() => Stream.empty.rest).toThrow(/no rest/);
    expect(Stream.empty.toArray()).toEqual([]);
    expect(mapStream((x: number) => x, Stream.empty)).toBe(Stream.empty);
  });

  it("map, filter, take, toArray and spreading compose like arrays", () => {
    const s = makeIntegerStream()
      .filter((x) => x % 2 === 1)
      .map((x) => x * x)
      .take(4);
    expect(s.toArray()).toEqual([1, 9, 25, 49]);
    expect([...s]).toEqual([1, 9, 25, 49]);
    expect(Stream.of("a", "b").firstK(5)).toEqual(["a", "b"]);
    expect(Stream.from(new Set([3, 1])).toArray()).toEqual([3, 1]);
  });

  it("narrows with a type-guard filter", () => {
    const mixed = Stream.of<number | string>(1, "a", 2, "b");
    const strings: Stream<string> = mixed.filter((x): x is string => typeof x === "string");
    expect(strings.toArray()).toEqual(["a", "b"]);
  });
});

describe("display", () => {
  it("shows the computed prefix and marks the rest pending, without computing anything", () => {
    let calls = 0;
    const ints = mapStream((x: number) => (calls++, x), makeIntegerStream());
    expect(streamText(ints)).toBe("Stream(1, <...>)");
    ints.rest.rest;
    expect(calls).toBe(3);
    expect(streamText(ints)).toBe("Stream(1, 2, 3, <...>)");
    const bundle = ints[MIMEBUNDLE]();
    expect(calls).toBe(3);
    expect(bundle["text/plain"]).toBe("Stream(1, 2, 3, <...>)");
    expect(bundle["text/html"].match(/data-state="computed"/g)).toHaveLength(3);
    expect(bundle["text/html"]).toMatch(/data-state="pending"[^>]*>&lt;\.\.\.&gt;/);
    expect(bundle["text/html"]).toContain("3 elements computed");
  });

  it("shows a finite stream that is all computed as complete", () => {
    const s = Stream.of(1, 5, 9);
    s.toArray();
    expect(String(s)).toBe("Stream(1, 5, 9)");
    expect(s[MIMEBUNDLE]()["text/html"]).toMatch(/complete.*data-state="end"/);
  });

  it("elides a long computed prefix and counts it", () => {
    const s = makeIntegerStream();
    firstKAsList(s, 1000);
    expect(String(s)).toBe("Stream(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, …+988 computed, <...>)");
    expect(computedPrefix(s)).toMatchObject({ more: 988, ends: "pending", countCapped: false });
  });

  it("quotes strings as the chapter's repr does, and escapes HTML", () => {
    const s = Stream.of("<a>");
    expect(String(s)).toBe("Stream('<a>', <...>)");
    expect(s[MIMEBUNDLE]()["text/html"]).toContain("&#39;&lt;a&gt;&#39;");
  });
});
