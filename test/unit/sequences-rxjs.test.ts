/** RxJS bridges: toObservable, fromObservable, the chapter's sources, and map/filter side by side. */
import { Observable, Subject, filter, firstValueFrom, from, lastValueFrom, map, of, take, throwError, toArray } from "rxjs";
import { describe, expect, it } from "vitest";
import {
  BufferOverflowError,
  Stream,
  filterStream,
  firstKAsList,
  fromObservable,
  generateMessages,
  generateSensorReadings,
  integers,
  makeIntegerStream,
  mapStream,
  messageFeed,
  primes,
  sensorReadings,
  sieve,
  toObservable,
} from "../../dist/lib/sequences/index.js";

const square = (x: number) => x * x;
const odd = (x: number) => x % 2 === 1;

describe("toObservable", () => {
  it("emits a Stream, an iterable or an async iterable, then completes", async () => {
    expect(await lastValueFrom(toObservable(Stream.of(1, 2, 3)).pipe(toArray()))).toEqual([1, 2, 3]);
    expect(await lastValueFrom(toObservable(new Set(["a", "b"])).pipe(toArray()))).toEqual(["a", "b"]);
    async function* later() {
      yield 1;
      await new Promise((r) => setTimeout(r, 5));
      yield 2;
    }
    expect(await lastValueFrom(toObservable(later()).pipe(toArray()))).toEqual([1, 2]);
  });

  it("walks an infinite stream only as far as the subscriber takes", async () => {
    const seen: number[] = [];
    const ints = mapStream((x: number) => (seen.push(x), x), makeIntegerStream());
    expect(await lastValueFrom(toObservable(ints).pipe(take(3), toArray()))).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
  });

  it("walks from the start for each subscriber, and from a fresh sequence when given a factory", async () => {
    const letters = toObservable(() => "abc");
    expect(await lastValueFrom(letters.pipe(toArray()))).toEqual(["a", "b", "c"]);
    expect(await lastValueFrom(letters.pipe(toArray()))).toEqual(["a", "b", "c"]);
  });

  it("passes on an error from the sequence", async () => {
    function* failing() {
      yield 1;
      throw new Error("sensor unplugged");
    }
    const values: number[] = [];
    await expect(lastValueFrom(toObservable(failing()).pipe(map((v) => (values.push(v), v))))).rejects.toThrow("sensor unplugged");
    expect(values).toEqual([1]);
  });

  it("closes the iterator when unsubscribed (a generator's finally runs)", async () => {
    let closed = 0;
    function* counting() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed++;
      }
    }
    expect(await lastValueFrom(toObservable(counting()).pipe(take(2), toArray()))).toEqual([0, 1]);
    expect(closed).toBe(1);
    const paced = toObservable(counting(), { intervalMs: 5 }).subscribe();
    await new Promise((r) => setTimeout(r, 30));
    paced.unsubscribe();
    await new Promise((r) => setTimeout(r, 5));
    expect(closed).toBe(2);
  });

  it("paces elements one per interval", async () => {
    const times: number[] = [];
    const start = performance.now();
    await lastValueFrom(toObservable([1, 2, 3, 4], { intervalMs: 40 }).pipe(map(() => times.push(performance.now() - start))));
    expect(times).toHaveLength(4);
    expect(times[0]).toBeLessThan(30); // the first at once
    for (let i = 1; i < 4; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(35);
  });
});

describe("fromObservable", () => {
  it("reads an Observable's values with for await, then ends on completion", async () => {
    const out: number[] = [];
    for await (const v of fromObservable(of(1, 2, 3))) out.push(v);
    expect(out).toEqual([1, 2, 3]);
  });

  it("waits for values pushed later", async () => {
    const subject = new Subject<string>();
    const reader = fromObservable(subject);
    const first = reader.next();
    subject.next("a");
    expect(await first).toEqual({ done: false, value: "a" });
    subject.next("b");
    subject.complete();
    expect(await reader.next()).toEqual({ done: false, value: "b" });
    expect(await reader.next()).toEqual({ done: true, value: undefined });
  });

  it("delivers the values buffered before an error, then the error", async () => {
    const reader = fromObservable(new Observable<number>((s) => (s.next(1), s.next(2), s.error(new Error("lost link")))));
    expect((await reader.next()).value).toBe(1);
    expect((await reader.next()).value).toBe(2);
    await expect(reader.next()).rejects.toThrow("lost link");
    expect(await reader.next()).toEqual({ done: true, value: undefined });
    await expect(fromObservable(throwError(() => new Error("at once"))).next()).rejects.toThrow("at once");
  });

  it("unsubscribes when the reader stops (break)", async () => {
    let unsubscribed = false;
    const endless = new Observable<number>((subscriber) => {
      let i = 0;
      const timer = setInterval(() => subscriber.next(i++), 1);
      return () => {
        unsubscribed = true;
        clearInterval(timer);
      };
    });
    for await (const v of fromObservable(endless)) if (v === 3) break;
    expect(unsubscribed).toBe(true);
  });

  it("does not subscribe until the first next()", () => {
    let subscribed = false;
    fromObservable(new Observable(() => void (subscribed = true)));
    expect(subscribed).toBe(false);
  });

  it("overflow 'error': the buffered values, then BufferOverflowError, and the source is unsubscribed", async () => {
    const source = new Subject<number>();
    const reader = fromObservable(source, { bufferSize: 2 });
    const first = reader.next(); // subscribes; waits
    for (let i = 0; i < 5; i++) source.next(i);
    expect((await first).value).toBe(0); // handed straight to the waiting reader
    expect((await reader.next()).value).toBe(1);
    expect((await reader.next()).value).toBe(2);
    await expect(reader.next()).rejects.toBeInstanceOf(BufferOverflowError);
    expect(source.observed).toBe(false);
  });

  it("overflow 'drop-oldest' keeps the latest values, 'drop-newest' the earliest, and both count drops", async () => {
    const oldest = fromObservable(from([0, 1, 2, 3, 4, 5]), { bufferSize: 2, overflow: "drop-oldest" });
    const kept: number[] = [];
    for await (const v of oldest) kept.push(v);
    expect(kept).toEqual([4, 5]);
    expect(oldest.dropped).toBe(4);
    const newest = fromObservable(from([0, 1, 2, 3, 4, 5]), { bufferSize: 2, overflow: "drop-newest" });
    const early: number[] = [];
    for await (const v of newest) early.push(v);
    expect(early).toEqual([0, 1]);
    expect(newest.dropped).toBe(4);
  });
});

describe("the chapter's map and filter, as Stream functions and as RxJS operators", () => {
  it("give the same odd squares", async () => {
    const viaStreams = firstKAsList(mapStream(square, filterStream(odd, makeIntegerStream())), 5);
    const viaMethods = makeIntegerStream().filter(odd).map(square).take(5).toArray();
    const viaRx = await lastValueFrom(integers().pipe(filter(odd), map(square), take(5), toArray()));
    expect(viaStreams).toEqual([1, 9, 25, 49, 81]);
    expect(viaMethods).toEqual(viaStreams);
    expect(viaRx).toEqual(viaStreams);
  });

  it("sieve() finds the primes as primes() does", async () => {
    const viaRx = await lastValueFrom(integers(2).pipe(sieve(), take(7), toArray()));
    expect(viaRx).toEqual([2, 3, 5, 7, 11, 13, 17]);
    expect(viaRx).toEqual(firstKAsList(primes(makeIntegerStream(2)), 7));
    expect(await lastValueFrom(integers(2).pipe(sieve(), take(3), toArray()))).toEqual([2, 3, 5]); // fresh state per subscription
  });
});

describe("the chapter's unbounded sources", () => {
  it("sensor readings are deterministic per seed, paced, and unbounded", async () => {
    const a = await lastValueFrom(sensorReadings({ seed: 7, intervalMs: 1 }).pipe(take(50), toArray()));
    const b = await lastValueFrom(sensorReadings({ seed: 7, intervalMs: 1 }).pipe(take(50), toArray()));
    expect(a).toEqual(b);
    expect(a[3]).toMatchObject({ seq: 3, timeMs: 3, sensor: "accel-z" });
    expect(a.every((r) => r.g > 0 && r.g < 2)).toBe(true);
    const gen = generateSensorReadings(7, 1);
    expect(Array.from({ length: 50 }, () => gen.next().value)).toEqual(a);
  });

  it("the message feed has spam to filter out", async () => {
    const feed = await lastValueFrom(messageFeed({ intervalMs: 1 }).pipe(take(40), toArray()));
    expect(feed.map((m) => m.id)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(feed.some((m) => m.spam) && feed.some((m) => !m.spam)).toBe(true);
    const clean = Stream.from(generateMessages())
      .filter((m) => !m.spam)
      .take(5)
      .toArray();
    expect(clean.every((m) => !m.spam)).toBe(true);
  });

  it("integers() is make_integer_stream as an Observable", async () => {
    expect(await firstValueFrom(integers(5))).toBe(5);
  });
});
