/** Live rendering of Observables: the view model, and renderLive against a fake router and executor. */
import { Observable, Subject, interval, map, of, take, throwError } from "rxjs";
import { describe, expect, it } from "vitest";
import { UPDATE_INTERVAL_MS, isLive, renderLive } from "../../dist/kernel/engine/live.js";
import type { CellContext } from "../../dist/kernel/display/output.js";
import { KeyboardInterrupt } from "../../dist/kernel/engine/traceback.js";
import { LiveView, Stream, defaultPlot, live, sensorReadings } from "../../dist/lib/sequences/index.js";
import { svgImagesIn } from "../support/svg-images.js";

type Sent = { msgType: string; content: { data: Record<string, string>; transient: { display_id: string } }; at: number };

const context = { execId: 7, executionCount: 1, parent: {}, allowStdin: false } as unknown as CellContext;

/** A router that records, and an executor whose interrupt() rejects what renderLive awaits. */
function fakes() {
  const sent: Sent[] = [];
  let interruptNow: () => void = () => {};
  const router = {
    emit: (msgType: string, content: Record<string, unknown>) =>
      void sent.push({ msgType, content: content as Sent["content"], at: performance.now() }),
  };
  const executor = {
    interruptible<T>(work: Promise<T>, execId: number): Promise<T> {
      expect(execId).toBe(7);
      return Promise.race([work, new Promise<never>((_, reject) => (interruptNow = () => reject(new KeyboardInterrupt())))]);
    },
    async call<T>(fn: () => T | Promise<T>): Promise<T> {
      return fn();
    },
  };
  return { sent, router, executor, interrupt: () => interruptNow() };
}

describe("LiveView", () => {
  it("lists the latest values under a status line, without timings in the text", () => {
    const view = new LiveView<number>({ keep: 3, title: "ticks" });
    for (let i = 0; i < 5; i++) view.push(i * 10);
    expect(view.text()).toBe("ticks · live · 5 values so far\n  … 2 earlier\n  [2] 20\n  [3] 30\n  [4] 40");
    view.end("completed");
    view.end("interrupted"); // the first end wins
    expect(view.text().split("\n")[0]).toBe("ticks · completed · 5 values");
    const html = view.html();
    expect(html).toContain('data-live-status="completed"');
    // A sparkline of the numbers, as an image (it survives untrusted front ends' sanitizing), no inline <svg>.
    const [sparkline] = svgImagesIn(html);
    expect(sparkline).toMatch(/^<svg[^>]*><polyline/);
    expect(html).not.toContain("<svg");
    expect(html).toContain("latest 3 shown, 2 earlier");
  });

  it("tabulates records by field and plots their numeric field", () => {
    const view = new LiveView<{ sensor: string; g: number }>();
    view.push({ sensor: "z", g: 1.01 });
    view.push({ sensor: "z", g: 0.98 });
    expect(view.html()).toMatch(/<th[^>]*>sensor<\/th><th[^>]*>g<\/th>/);
    expect(defaultPlot({ seq: 1, g: 0.5, timeMs: 100 })).toBe(0.5);
    expect(defaultPlot({ id: 3, from: "ada" })).toBeUndefined(); // an id is not worth a chart
    expect(defaultPlot({ value: 3, other: 9 })).toBe(3);
    expect(defaultPlot("text")).toBeUndefined();
  });

  it("shows an error", () => {
    const view = new LiveView();
    view.end("error", new RangeError("bad reading"));
    expect(view.text()).toContain("RangeError: bad reading");
    expect(view.html()).toContain("RangeError: bad reading");
  });
});

describe("isLive", () => {
  it("is true for Observables and live() requests only", () => {
    expect(isLive(of(1))).toBe(true);
    expect(isLive(new Subject())).toBe(true);
    expect(isLive(live(of(1), { limit: 3 }))).toBe(true);
    expect(isLive(Stream.of(1))).toBe(false);
    expect(isLive([1])).toBe(false);
    expect(isLive(null)).toBe(false);
  });
});

describe("renderLive", () => {
  it("sends display_data, then update_display_data with the same display_id, and ends with the final view", async () => {
    const { sent, router, executor } = fakes();
    const result = await renderLive(interval(10).pipe(take(25)), router, executor, context);
    expect(result).toBeUndefined();
    expect(sent[0].msgType).toBe("display_data");
    expect(sent.length).toBeGreaterThanOrEqual(3);
    const id = sent[0].content.transient.display_id;
    expect(sent.slice(1).every((m) => m.msgType === "update_display_data" && m.content.transient.display_id === id)).toBe(true);
    const last = sent[sent.length - 1].content.data;
    expect(last["text/plain"]).toMatch(/^Observable · completed · 25 values\n/);
    expect(last["text/plain"]).toContain("[24] 24");
    expect(typeof last["text/html"]).toBe("string");
  });

  it("sends at most one message per 100 ms (≤ 10 updates a second)", async () => {
    const { sent, router, executor } = fakes();
    await renderLive(interval(2).pipe(take(150)), router, executor, context);
    // Timers run on libuv's cached loop time, so a 100 ms timer can measure ~98 ms on performance.now (seen in CI).
    for (let i = 1; i < sent.length; i++) expect(sent[i].at - sent[i - 1].at).toBeGreaterThanOrEqual(UPDATE_INTERVAL_MS - 3);
    expect(sent.length).toBeLessThan(150 / 10);
  });

  it("stops an endless Observable at the value limit, unsubscribing it", async () => {
    const { sent, router, executor } = fakes();
    let unsubscribed = false;
    let emitted = 0;
    const endless = new Observable<number>((subscriber) => {
      while (!subscriber.closed) subscriber.next(emitted++); // synchronous and infinite
      return () => void (unsubscribed = true);
    });
    await renderLive(live(endless, { limit: 50 }), router, executor, context);
    expect(unsubscribed).toBe(true);
    expect(emitted).toBe(50);
    expect(sent[sent.length - 1].content.data["text/plain"]).toMatch(/^Observable · stopped at the value limit · 50 values/);
  });

  it("stops at the time limit", async () => {
    const { sent, router, executor } = fakes();
    await renderLive(live(interval(20), { seconds: 0.15, title: "clock" }), router, executor, context);
    expect(sent[sent.length - 1].content.data["text/plain"]).toMatch(/^clock · stopped at the time limit · \d+ values/);
  });

  it("rejects with the Observable's error and shows it", async () => {
    const { sent, router, executor } = fakes();
    await expect(
      renderLive(
        throwError(() => new TypeError("no signal")),
        router,
        executor,
        context,
      ),
    ).rejects.toThrow("no signal");
    expect(sent[sent.length - 1].content.data["text/plain"]).toMatch(/failed · 0 values\n {2}TypeError: no signal/);
  });

  it("on interrupt: unsubscribes, keeps the final view, and rejects with KeyboardInterrupt", async () => {
    const { sent, router, executor, interrupt } = fakes();
    let unsubscribed = false;
    const source = new Observable<number>((subscriber) => {
      const inner = sensorReadings({ intervalMs: 5 })
        .pipe(map((r) => r.g))
        .subscribe(subscriber);
      return () => {
        unsubscribed = true;
        inner.unsubscribe();
      };
    });
    const rendering = renderLive(source, router, executor, context);
    await new Promise((r) => setTimeout(r, 120));
    interrupt();
    await expect(rendering).rejects.toBeInstanceOf(KeyboardInterrupt);
    expect(unsubscribed).toBe(true);
    const count = sent.length;
    const final = sent[count - 1].content.data["text/plain"];
    expect(final).toMatch(/^Observable · interrupted · \d+ values/);
    await new Promise((r) => setTimeout(r, 150));
    expect(sent.length).toBe(count); // nothing after the final view
  });
});
