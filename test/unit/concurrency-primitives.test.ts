/** Lock, Atomics.add and Barrier keep counts exact; the replayed race loses exactly one update; Queue and Pipe deliver everything once, in order. */
import { describe, expect, it } from "vitest";
import {
  Lock,
  Pipe,
  Process,
  Queue,
  SharedInts,
  Thread,
  Trace,
  barrierDemo,
  raceFreeRuns,
  raceReplay,
  raceReplayWithLock,
} from "../../dist/lib/concurrency/index.js";
import { expectNoLeftovers } from "../support/census.js";

// Warm up what stays (libuv's thread pool, V8's helpers), then take the baseline.
expectNoLeftovers(raceReplay);

describe("the shared counter", () => {
  it("replayed in the chapter's interleaving, loses exactly one update, every time", async () => {
    for (let i = 0; i < 10; i++) {
      const replay = await raceReplay();
      expect(replay.count).toBe(1);
      expect(replay.lost).toBe(1);
    }
  });

  it("replayed with a Lock, colliding, loses nothing: the second thread waits, every time", async () => {
    for (let i = 0; i < 5; i++) {
      const replay = await raceReplayWithLock();
      expect(replay.count).toBe(2);
      expect(replay.lost).toBe(0);
      const ops = replay.trace
        .events()
        .filter((e) => e.object === "lock")
        .map((e) => `${replay.trace.lanes.get(e.thread) === "Thread 0" ? 0 : 1}:${e.op}`);
      expect(ops).toEqual(["0:acquire", "1:request", "0:release", "1:acquire", "1:release"]);
    }
  });

  it("replayed one thread after the other, loses nothing", async () => {
    const replay = await raceReplay([0, 0, 0, 1, 1, 1]);
    expect(replay.count).toBe(2);
    expect(replay.lost).toBe(0);
  });

  it("with a Lock or with Atomics.add, is exact over many free runs", async () => {
    for (const mode of ["lock", "atomic"] as const) {
      const runs = await raceFreeRuns({ runs: 12, ms: 20, mode });
      expect(runs.runs).toHaveLength(12);
      for (const run of runs.runs) {
        expect(run.expected).toBeGreaterThan(0);
        expect(run.actual).toBe(run.expected);
      }
    }
  });

  it("with plain increments, counts what was lost (never more than was done)", async () => {
    const runs = await raceFreeRuns({ runs: 4, ms: 20, mode: "plain" });
    for (const run of runs.runs) expect(run.lost).toBeGreaterThanOrEqual(0);
    expect(runs.svg()).toMatch(/^<svg/);
  });

  it("with a barrier (threaded_count), ends with both counters at the step count, every time", async () => {
    for (let i = 0; i < 10; i++) expect((await barrierDemo(10)).counters).toEqual([10, 10]);
  });

  it("with a Lock taken by cell-shipped functions in four threads, is exact", async () => {
    const counter = new SharedInts("counter", [0]);
    const lock = new Lock();
    function add(counter: SharedInts, lock: Lock, n: number): void {
      for (let i = 0; i < n; i++) lock.with(() => counter.write(0, counter.read(0) + 1));
    }
    const threads = Array.from({ length: 4 }, () => new Thread({ target: add, args: [counter, lock, 2000] }).start());
    await Promise.all(threads.map((t) => t.join()));
    expect(counter.values()).toEqual([8000]);
  });
});

describe("Queue", () => {
  it("delivers every item once and in order, through a ring smaller than the items", async () => {
    const queue = new Queue<{ i: number; pad: string } | null>({ capacityBytes: 512 });
    function produce(queue: Queue<{ i: number; pad: string } | null>, n: number): void {
      for (let i = 0; i < n; i++) queue.put({ i, pad: "x".repeat(i % 37) });
      queue.put(null);
    }
    const producer = new Thread({ target: produce, args: [queue, 3000] }).start();
    const got: number[] = [];
    for (;;) {
      const item = await queue.getAsync();
      queue.taskDone();
      if (item === null) break;
      got.push(item.i);
    }
    await producer.join();
    expect(got).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    await queue.joinAsync();
  });

  it("joins only once every item is marked done, with several consumers", async () => {
    const queue = new Queue<number>();
    const done = new SharedInts("done", [0]);
    function consume(queue: Queue<number>, done: SharedInts): void {
      for (;;) {
        const item = queue.get();
        if (item < 0) {
          queue.taskDone();
          return;
        }
        done.add(0, item);
        queue.taskDone();
      }
    }
    const consumers = [0, 1, 2].map(() => new Thread({ target: consume, args: [queue, done] }).start());
    for (let i = 1; i <= 500; i++) queue.put(i);
    await queue.joinAsync();
    expect(done.values()).toEqual([125250]);
    for (const _ of consumers) queue.put(-1);
    await Promise.all(consumers.map((c) => c.join()));
  });
});

describe("Pipe", () => {
  it("between a thread and the notebook's thread, both ways, delivers every message once and in order", async () => {
    const [here, there] = Pipe<number | null>();
    function echo(end: typeof there): number {
      let n = 0;
      for (;;) {
        const item = end.recv();
        end.send(item === null ? null : item * 2);
        if (item === null) return n;
        n++;
      }
    }
    const thread = new Thread({ target: echo, args: [there] }).start();
    const got: number[] = [];
    for (let i = 0; i < 1000; i++) here.send(i);
    here.send(null);
    for (;;) {
      const item = await here.recvAsync();
      if (item === null) break;
      got.push(item);
    }
    expect(await thread.join()).toBe(1000);
    expect(got).toEqual(Array.from({ length: 1000 }, (_, i) => 2 * i));
    here.close();
  });

  it("between two processes, one way, delivers every message once and in order, and traces sends before receives", async () => {
    const trace = new Trace();
    const [recvEnd, sendEnd] = Pipe<number[] | null>(false, { trace });
    function produce(out: typeof sendEnd, n: number): void {
      for (let i = 0; i < n; i++) out.send([i, i * i]);
      out.send(null);
    }
    function consume(inPipe: typeof recvEnd): number[] {
      const got: number[] = [];
      for (;;) {
        const item = inPipe.recv();
        if (item === null) return got;
        got.push(item[0]);
      }
    }
    const consumer = new Process({ target: consume, args: [recvEnd], trace }).start();
    const producer = new Process({ target: produce, args: [sendEnd, 300], trace }).start();
    const [got] = await Promise.all([consumer.join(), producer.join()]);
    expect(got).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const events = trace.events();
    const sendTime = new Map(events.filter((e) => e.op === "send").map((e) => [e.value, e.time]));
    for (const recv of events.filter((e) => e.op === "recv")) expect(recv.time).toBeGreaterThan(sendTime.get(recv.value)!);
  });

  it("keeps messages from a process that has already exited until the receiver reads them", async () => {
    const [recvEnd, sendEnd] = Pipe<string | null>(false);
    function produce(out: typeof sendEnd): void {
      for (const word of ["sent", "before", "reading"]) out.send(word);
      out.send(null);
    }
    function consume(inPipe: typeof recvEnd): string[] {
      const got: string[] = [];
      for (let item = inPipe.recv(); item !== null; item = inPipe.recv()) got.push(item);
      return got;
    }
    await new Process({ target: produce, args: [sendEnd] }).start().join();
    expect(await new Process({ target: consume, args: [recvEnd] }).start().join()).toEqual(["sent", "before", "reading"]);
  });

  it("reports a process's exception to whoever joins it", async () => {
    const failing = new Process({
      target: (n: number) => {
        if (n > 1) throw new TypeError(`too big: ${n}`);
      },
      args: [2],
    }).start();
    await expect(failing.join()).rejects.toThrow(/in Process-\d+: TypeError: too big: 2/);
  });

  it("refuses to send shared memory to a process", async () => {
    expect(() => new Process({ target: (l: Lock) => l, args: [new Lock()] }).start()).toThrow(/processes communicate through a Pipe/);
  });
});
