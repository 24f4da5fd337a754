/** Deadlocks found and cleaned up within the bound, every time; the crawler finds exactly the dead links; the particle variants agree. */
import { describe, expect, it } from "vitest";
import {
  crawlDeadLinks,
  deadlockDemo,
  generateSite,
  particleDemo,
  pipeDemo,
  runAlone,
  runThreads,
  queueDemo,
  flagDemo,
} from "../../dist/lib/concurrency/index.js";
import { maxDifference } from "../../dist/lib/concurrency/demos/particles.js";
import { census, expectNoLeftovers } from "../support/census.js";

const baseline = expectNoLeftovers(() => deadlockDemo("locks"));

describe("deadlock", () => {
  for (const kind of ["pipes", "locks"] as const) {
    it(`(${kind}) is detected within 100 ms and cleaned up, every time`, async () => {
      for (let i = 0; i < 5; i++) {
        const demo = await deadlockDemo(kind);
        expect(demo.report.detectedAfterMs).toBeLessThan(100);
        expect(demo.allStopped).toBe(true);
        expect(demo.report.nodes.length).toBeGreaterThanOrEqual(2);
        // the drawing shows the cycle: one red arrow each way
        expect(demo.svgs[0].match(/stroke="#c62828" stroke-width="2.5"/g)?.length).toBeGreaterThanOrEqual(2);
        expect(census().children).toBeLessThanOrEqual(baseline().children);
      }
    });
  }
});

describe("the crawler", () => {
  it("finds exactly the dead links of the generated site, fetching each page once with seen_lock", async () => {
    const site = generateSite(40, 6);
    const report = await crawlDeadLinks({ threads: 4, useLock: true, site });
    const expected = [...site.deadLinks].sort((a, b) => a.to.localeCompare(b.to));
    expect(report.deadLinks).toEqual(expected);
    expect(report.duplicates.size).toBe(0);
    expect(report.requests.size).toBe(site.pages.size + site.deadLinks.length);
    expect(report.requests.has("/not-followed")).toBe(false);
  });

  it("without the lock still finds the same dead links (some pages may be fetched twice)", async () => {
    const site = generateSite(40, 6, 11);
    const report = await crawlDeadLinks({ threads: 4, useLock: false, site });
    expect(report.deadLinks.map((d) => d.to)).toEqual(site.deadLinks.map((d) => d.to).sort());
    const fetches = [...report.requests.values()].reduce((a, b) => a + b, 0);
    expect(fetches).toBe(report.requests.size + [...report.duplicates.values()].reduce((a, n) => a + n - 1, 0));
  });
});

describe("the particle simulator", () => {
  it("gives the same positions alone, with threads and a barrier, and with a process ring (to 1e-12)", async () => {
    const comparison = await particleDemo({ n: 600, steps: 8 });
    expect(comparison.differences.every((d) => d <= 1e-12)).toBe(true);
    expect(comparison.agree).toBe(true);
    expect(comparison.runs.map((r) => r.name)).toEqual(["1 thread", "2 threads + barrier", "2 processes, ring"]);
  });

  it("threads taking chunks from a shared counter compute every chunk once and agree bit for bit with the chapter's fixed blocks", async () => {
    const options = { n: 437, steps: 6, workers: 3 };
    const [alone, blocks, chunks] = [
      await runAlone(options),
      await runThreads({ ...options, schedule: "blocks" }),
      await runThreads({ ...options, chunk: 20 }),
    ];
    expect(maxDifference(alone.pos, blocks.pos)).toBe(0);
    expect(maxDifference(alone.pos, chunks.pos)).toBe(0);
    expect(blocks.chunks).toBeUndefined();
    expect(chunks.chunks!.reduce((a, b) => a + b, 0)).toBe(6 * Math.ceil(437 / 20)); // each step's 22 chunks, each taken once
    expect(blocks.name).toBe("3 threads + barrier, own blocks");
  });
});

describe("the chapter's small examples", () => {
  it("queue: the daemon consumer gets every item once, in order, and is stopped", async () => {
    expect((await queueDemo(10)).got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("pipe: the consumer process gets every item once, in order", async () => {
    expect((await pipeDemo(10)).got).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("flag: the consumer sees the flag and the items", async () => {
    const demo = await flagDemo();
    expect(demo.consumed.sawFlag).toBe(true);
    expect(demo.consumed.items.length).toBeGreaterThan(0);
  });
});
