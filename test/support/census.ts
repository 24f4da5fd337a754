/** What this process has running — its threads and child processes — to check that tests leave none behind. */
import { readFileSync, readdirSync } from "node:fs";
import { afterEach, beforeAll, expect } from "vitest";

/** Counts of threads and child processes of process `pid`. */
export interface Census {
  threads: number;
  children: number;
}

/** The census of process `pid` (this one by default), from /proc. */
export function census(pid = process.pid): Census {
  const children = readdirSync("/proc").filter((d) => {
    if (!/^\d+$/.test(d)) return false;
    try {
      return readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(pid);
    } catch {
      return false;
    }
  });
  return { threads: readdirSync(`/proc/${pid}/task`).length, children: children.length };
}

/** Waits (up to 2 s) until the census is back to `baseline` or below; returns the last one. */
export async function settled(baseline: Census, pid = process.pid): Promise<Census> {
  let now = census(pid);
  for (let i = 0; i < 40 && (now.threads > baseline.threads || now.children > baseline.children); i++) {
    await new Promise((r) => setTimeout(r, 50));
    now = census(pid);
  }
  return now;
}

/**
 * For a test file: after `warmUp` (which starts what stays for the process's life, such as
 * libuv's thread pool) takes a census, and checks after every test that no thread or child
 * process was left behind. Returns the baseline, for checks inside a test.
 */
export function expectNoLeftovers(warmUp: () => Promise<unknown>): () => Census {
  let baseline: Census;
  beforeAll(async () => {
    await warmUp();
    await new Promise((r) => setTimeout(r, 200));
    baseline = census();
  });
  afterEach(async () => {
    const now = await settled(baseline);
    expect(now.threads).toBeLessThanOrEqual(baseline.threads);
    expect(now.children).toBeLessThanOrEqual(baseline.children);
  });
  return () => baseline;
}
