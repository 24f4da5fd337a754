/** A cell's helper functions shipped with a thread's target (`uses`), and tracedRun drawing a cell-defined listing. */
import { describe, expect, it } from "vitest";
import { Lock, Process, SharedStringSet, Thread, tracedRun } from "../../dist/lib/concurrency/index.js";
import { shipTarget } from "../../dist/lib/concurrency/target.js";

function alreadySeen(item: string, seen: SharedStringSet, seenLock: Lock): boolean {
  return seenLock.with(() => {
    if (!seen.has(item)) {
      seen.add(item);
      return false;
    }
    return true;
  });
}

function checkAll(items: string[], seen: SharedStringSet, seenLock: Lock): number {
  let fresh = 0;
  for (const item of items) if (!alreadySeen(item, seen, seenLock)) fresh++;
  return fresh;
}

function square(x: number): number {
  return x * x;
}

function sumOfSquares(xs: number[]): number {
  return xs.map(square).reduce((a, b) => a + b, 0);
}

describe("uses: helpers shipped with a target", () => {
  it("refuses a target calling a cell function unless it is named in uses, and says how", () => {
    expect(() => shipTarget(checkAll)).toThrow(/uses 'alreadySeen'.*`uses` option/);
    expect(shipTarget(checkAll, [alreadySeen])).toMatchObject({ kind: "source", helpers: [{ name: "alreadySeen" }] });
  });

  it("runs the helper inside threads (sharing the set and the lock) and in a process", async () => {
    const seen = new SharedStringSet({ name: "seen" });
    const seenLock = new Lock({ name: "seen_lock" });
    const items = Array.from({ length: 200 }, (_, i) => `/page-${i}`);
    const threads = [0, 1, 2].map(() => new Thread({ target: checkAll, args: [items, seen, seenLock], uses: [alreadySeen] }).start());
    const fresh = await Promise.all(threads.map((t) => t.join()));
    expect(fresh.reduce((a, b) => a + b)).toBe(200);
    // A child process gets the helpers too (its data is copied, not shared).
    expect(await new Process({ target: sumOfSquares, args: [[1, 2, 3]], uses: [square] }).start().join()).toBe(14);
  });
});

describe("tracedRun", () => {
  it("draws what a cell's threads did and captions it from the result", async () => {
    const run = await tracedRun(
      async (trace) => {
        const seen = new SharedStringSet({ name: "seen", trace });
        const seenLock = new Lock({ name: "seen_lock", trace });
        const t = new Thread({ target: checkAll, args: [["/a", "/b"], seen, seenLock], uses: [alreadySeen], trace }).start();
        return t.join();
      },
      { title: "two URLs", caption: (fresh) => `new: ${fresh}` },
    );
    expect(run.result).toBe(2);
    expect(run.plain).toMatch(/^new: 2\n/);
    expect(run.svgs[0]).toMatch(/^<svg/);
  });
});
