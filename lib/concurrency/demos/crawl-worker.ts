/**
 * One crawler thread (4.7.4, 4.7.5): take a URL from the shared Queue, fetch it, report it if it
 * is dead, and put every new same-site link it finds back on the queue, using the shared `seen`
 * set so that no page is fetched twice — if "check, then add" is done under `seen_lock`.
 */
import { request } from "node:http";
import type { Lock } from "../lock.js";
import type { Queue } from "../queue.js";
import type { SharedStringSet } from "../shared-string-set.js";
import { sleep } from "../sleep.js";
import { moduleFunction, reviveTarget, type ShippedTarget } from "../target.js";
import type { Trace } from "../trace.js";

/** A URL to crawl and the page that linked to it. */
export interface CrawlTask {
  path: string;
  from: string;
}

/** What one thread found. */
export interface CrawlPart {
  fetched: string[];
  dead: { from: string; to: string }[];
}

/** The settings a crawler thread needs. */
export interface CrawlSettings {
  origin: string;
  useLock: boolean;
  /** A pause between "check" and "add", as the chapter's sleep(0): it widens the window in which another thread can come between. */
  switchMs: number;
  /** The notebook's `alreadySeen(item, seen, seenLock)` (the chapter's listing), shipped; without it, the check below. */
  alreadySeen?: ShippedTarget;
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: 5000 }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("timeout", () => req.destroy(new Error(`timeout fetching ${url}`)));
    req.on("error", reject);
    req.end();
  });
}

/** The crawler thread's loop; stops at a null task. */
export const crawl = moduleFunction(
  import.meta.url,
  "crawl",
  async (
    queue: Queue<CrawlTask | null>,
    seen: SharedStringSet,
    seenLock: Lock,
    settings: CrawlSettings,
    trace: Trace,
  ): Promise<CrawlPart> => {
    const part: CrawlPart = { fetched: [], dead: [] };
    // The chapter's already_seen: membership check and insertion must happen together.
    const checkAndAdd = (path: string): boolean => {
      if (!seen.has(path)) {
        if (settings.switchMs > 0) sleep(settings.switchMs);
        seen.add(path);
        return false;
      }
      return true;
    };
    const builtIn = (path: string): boolean => (settings.useLock ? seenLock.with(() => checkAndAdd(path)) : checkAndAdd(path));
    const given = settings.alreadySeen && (await reviveTarget(settings.alreadySeen, "alreadySeen"));
    const alreadySeen = given ? (path: string): boolean => given(path, seen, seenLock) === true : builtIn;
    for (;;) {
      const task = queue.get();
      if (task === null) return part;
      try {
        trace.record("fetch", "", task.path);
        const { status, body } = await get(settings.origin + task.path);
        trace.record("fetched", "", `${task.path} ${status}`);
        part.fetched.push(task.path);
        if (status === 404) {
          part.dead.push({ from: task.from, to: task.path });
          trace.record("found", "", `${task.from} → ${task.path}`);
        }
        for (const [, href] of body.matchAll(/href="([^"]*)"/g)) {
          const url = new URL(href, settings.origin + task.path);
          if (url.origin !== settings.origin) continue; // another site: not ours to crawl
          if (!alreadySeen(url.pathname)) queue.put({ path: url.pathname, from: task.path });
        }
      } finally {
        queue.taskDone();
      }
    }
  },
);
