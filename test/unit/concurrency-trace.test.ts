/** Traces, their drawings, lost-update analysis, the wait-for graph's rule and the shipping checks (no threads needed). */
import { describe, expect, it } from "vitest";
import { Lock, Thread, Trace, findLostUpdates } from "../../dist/lib/concurrency/index.js";
import { freeNames } from "../../dist/lib/concurrency/free-names.js";
import { shipTarget } from "../../dist/lib/concurrency/target.js";
import { expectNoLeftovers } from "../support/census.js";

expectNoLeftovers(() => new Thread({ target: () => 1 }).start().join());

function chapterTrace(): Trace {
  const trace = new Trace();
  trace.lanes.set(1, "Thread 0").set(2, "Thread 1");
  const at = (thread: number, op: "read" | "write" | "compute", value: number | string) =>
    trace.absorb([{ thread, time: trace.clock, wall: 0, op, object: "counter[0]", value }]);
  at(1, "read", 0);
  at(2, "read", 0);
  at(1, "compute", "calculate 0 + 1: 1");
  at(1, "write", 1);
  at(2, "compute", "calculate 0 + 1: 1");
  at(2, "write", 1);
  return trace;
}

describe("traces", () => {
  it("find the chapter's lost update", () => {
    const lost = findLostUpdates(chapterTrace().events());
    expect(lost).toHaveLength(1);
    expect(lost[0].lost).toMatchObject({ thread: 1, op: "write", value: 1 });
    expect(lost[0].overwrittenBy).toMatchObject({ thread: 2, op: "write" });
  });

  it("draw the chapter's table as text and as static SVG, the lost update in red", () => {
    const timeline = chapterTrace().timeline({ title: "race" });
    expect(timeline.text()).toMatch(/read counter\[0\]: 0[\s\S]*write 1 -> counter\[0\] {2}<- lost: overwritten by Thread 1/);
    const svg = timeline.svg();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).not.toMatch(/<script|<style|on\w+=/i);
    expect(svg).toContain("lost: overwritten by Thread 1");
    const bundle = (timeline as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("jupyter.mimebundle")]();
    expect(Object.keys(bundle).sort()).toEqual(["image/svg+xml", "text/html", "text/plain"]);
  });

  it("record from many threads without losing events, in a global order", async () => {
    const trace = new Trace({ capacity: 5000 });
    function record(trace: Trace, n: number): void {
      for (let i = 0; i < n; i++) trace.record("note", "x", i);
    }
    await Promise.all([0, 1].map(() => new Thread({ target: record, args: [trace, 1000] }).start().join()));
    const events = trace.events();
    expect(events).toHaveLength(1000 * 2);
    expect(new Set(events.map((e) => e.time)).size).toBe(2000);
  });

  it("count what did not fit", () => {
    const trace = new Trace({ capacity: 3 });
    for (let i = 0; i < 5; i++) trace.record("note", "", i);
    expect(trace.events()).toHaveLength(3);
    expect(trace.dropped).toBe(2);
  });
});

describe("shipping targets", () => {
  it("names what a function uses from outside", () => {
    expect(freeNames("function f(a) { const b = a + c; return Math.max(b, d.e) }", [])).toEqual(["c", "d"]);
    expect(freeNames("(x, { y, z: [w] }) => x + y + w + sleep(1)", ["sleep"])).toEqual([]);
    expect(freeNames("function f() { for (const k of [1]) { try { g(k) } catch (err) { return err } } }", [])).toEqual(["g"]);
  });

  it("refuses closures, classes and bound functions, with the reason", () => {
    const secret = 1;
    expect(() => shipTarget(() => secret)).toThrow(/uses 'secret'/);
    expect(() => shipTarget(class {})).toThrow(/is a class/);
    expect(() => shipTarget(function f() {}.bind(null))).toThrow(/built-in or bound/);
    expect(
      shipTarget(
        {
          m(a: number) {
            return a;
          },
        }.m,
      ),
    ).toMatchObject({ kind: "source" });
  });

  it("keeps the lock usable from the notebook's thread without blocking", async () => {
    const lock = new Lock();
    await lock.acquireAsync();
    expect(lock.locked()).toBe(true);
    expect(() => lock.acquire()).toThrow(/would block the thread that serves the notebook/);
    lock.release();
    expect(await lock.withAsync(() => 3)).toBe(3);
  });
});
