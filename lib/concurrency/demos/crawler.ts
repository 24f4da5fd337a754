/**
 * The parallel web crawler of 4.7.4–4.7.5, for real: a generated site served on 127.0.0.1, a
 * shared Queue of URLs, worker threads fetching in parallel, and a shared `seen` set — guarded
 * by a Lock, or not. Without the lock, threads that discover the same page at the same moment
 * each fetch it; the server's request counts show the duplicates, the timeline marks them red.
 */
import { Figure } from "../../render/rich-output.js";
import { textGrid } from "../../render/text-grid.js";
import { Lock } from "../lock.js";
import { Queue } from "../queue.js";
import { Scope } from "../scope.js";
import { SharedStringSet } from "../shared-string-set.js";
import { shipTarget } from "../target.js";
import { Thread } from "../thread.js";
import { Timeline } from "../timeline.js";
import { Trace } from "../trace.js";
import type { TraceEvent } from "../trace-event.js";
import { type CrawlPart, type CrawlTask, crawl } from "./crawl-worker.js";
import { type Site, generateSite, serveSite } from "./crawl-site.js";

/** Options of a crawl. */
export interface CrawlOptions {
  threads?: number;
  useLock?: boolean;
  /** The site (a generated one by default). */
  site?: Site;
  /** Pause between check and add (the chapter's sleep(0)). */
  switchMs?: number;
  /** Give up after this long. */
  timeoutMs?: number;
  /**
   * The check-and-add each crawler thread calls, `(item, seen, seenLock) => boolean`: the
   * notebook's own `alreadySeen` (shipped to the threads). Without it, a built-in one that takes
   * `seenLock` if `useLock`; either way `useLock` names the drawing.
   */
  alreadySeen?: (item: string, seen: SharedStringSet, seenLock: Lock) => boolean;
  /** Functions of the notebook that `alreadySeen` calls. */
  uses?: readonly ((...args: never[]) => unknown)[];
}

/** What a crawl found. */
export class CrawlReport extends Figure {
  constructor(
    readonly useLock: boolean,
    /** Dead links found, sorted: "page → missing". */
    readonly deadLinks: { from: string; to: string }[],
    /** Requests per path, as the server counted them. */
    readonly requests: Map<string, number>,
    readonly ms: number,
    readonly trace: Trace,
  ) {
    const duplicates = [...requests].filter(([, n]) => n > 1);
    const extra = duplicates.reduce((sum, [, n]) => sum + n - 1, 0);
    const seenFetch = new Map<string, number>();
    const marks = new Map<TraceEvent, string>();
    // One snapshot of the events for both the marks and the drawing: marks are keyed by event object.
    const events = trace.events();
    for (const e of events) {
      if (e.op !== "fetch") continue;
      const n = (seenFetch.get(String(e.value)) ?? 0) + 1;
      seenFetch.set(String(e.value), n);
      if (n > 1) marks.set(e, `duplicate fetch of ${e.value}`);
    }
    const title = `${trace.lanes.size - 1} crawler threads, seen set ${useLock ? "with" : "without"} a Lock: ${requests.size} URLs, ${extra} duplicate fetch${extra === 1 ? "" : "es"}`;
    const caption = [
      `${deadLinks.length} dead links: ${deadLinks.map((d) => `${d.from} → ${d.to}`).join(", ")}`,
      `${Math.round(ms)} ms. Blue bars: fetches; red: a page fetched again.`,
    ];
    const timeline = new Timeline(
      { events: () => events, lanes: trace.lanes },
      { title, layout: "lanes", axis: "wall", marks, caption, hide: ["start", "end"] },
    );
    const table = textGrid(
      ["page", "fetched"],
      duplicates.map(([p, n]) => [p, `${n} times`]),
    );
    super([timeline.svg()], `${title}\n${caption.join("\n")}\n${duplicates.length > 0 ? table : "no page fetched twice"}`);
  }

  /** Fetches beyond the first of each page: the "N duplicate fetches" of the drawing's title (one red bar each). */
  get extraFetches(): number {
    return [...this.duplicates.values()].reduce((sum, n) => sum + n - 1, 0);
  }

  /** The pages fetched more than once, each with its count ("/page-20 ×3"), as the drawing's red bars show them. */
  duplicateList(): string {
    return [...this.duplicates].map(([page, n]) => `${page} ×${n}`).join(", ");
  }

  /** Pages fetched more than once, with how often. */
  get duplicates(): Map<string, number> {
    return new Map([...this.requests].filter(([, n]) => n > 1));
  }
}

/** Crawls a site (generated and served here) for dead links with `threads` threads. */
export async function crawlDeadLinks(options: CrawlOptions = {}): Promise<CrawlReport> {
  const { threads = 4, useLock = true, site = generateSite(), switchMs = 3, timeoutMs = 30_000 } = options;
  const alreadySeen = options.alreadySeen && shipTarget(options.alreadySeen, options.uses);
  return Scope.run(async (scope) => {
    const started = performance.now();
    const server = await serveSite(site);
    scope.defer(() => server.close());
    const timer = setTimeout(() => void scope.abort(new Error(`the crawl took longer than ${timeoutMs} ms`)), timeoutMs);
    scope.defer(() => clearTimeout(timer));
    const trace = new Trace();
    const queue = new Queue<CrawlTask | null>({ name: "queue" });
    const seen = new SharedStringSet({ name: "seen" });
    const seenLock = new Lock({ name: "seen_lock" });
    seen.add("/");
    queue.put({ path: "/", from: "" });
    const crawlers = Array.from({ length: threads }, (_, i) =>
      new Thread({
        target: crawl,
        args: [queue, seen, seenLock, { origin: server.origin, useLock, switchMs, alreadySeen }, trace],
        name: `crawler-${i + 1}`,
        trace,
      }).start(),
    );
    await queue.joinAsync(); // every URL put has been crawled
    for (const _ of crawlers) queue.put(null);
    const parts = (await Promise.all(crawlers.map((c) => c.join()))) as CrawlPart[];
    const dead = parts.flatMap((p) => p.dead);
    const unique = [...new Map(dead.map((d) => [d.to, d])).values()].sort((a, b) => a.to.localeCompare(b.to));
    return new CrawlReport(useLock, unique, new Map(server.requests), performance.now() - started, trace);
  });
}

/** Both crawls side by side: with seen_lock (no duplicates) and without (duplicates). */
export async function crawlerDemo(threads = 4): Promise<Figure & { withLock: CrawlReport; withoutLock: CrawlReport }> {
  const withoutLock = await crawlDeadLinks({ threads, useLock: false });
  const withLock = await crawlDeadLinks({ threads, useLock: true });
  const figure = new Figure([...withoutLock.svgs, ...withLock.svgs], `${withoutLock.plain}\n\n${withLock.plain}`);
  return Object.assign(figure, { withLock, withoutLock });
}
