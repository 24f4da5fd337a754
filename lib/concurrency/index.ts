/**
 * lazylab/concurrency: section 4.7 with Node's worker_threads, SharedArrayBuffer, Atomics and
 * child processes standing for Python's threading and multiprocessing. The primitives carry the
 * chapter's names; the demos replay, run, trace and draw each of its examples.
 */
export { Barrier } from "./barrier.js";
export { currentProcess, currentThread } from "./current.js";
export { DeadlockError, type DeadlockReport, watchForDeadlock } from "./deadlock-watch.js";
export { Lock } from "./lock.js";
export { type ParticipantOptions, ParticipantError } from "./participant.js";
export { Connection, Pipe, type PipeOptions } from "./pipe.js";
export { Process } from "./process.js";
export { Queue, type QueueOptions } from "./queue.js";
export { AbortedError, Scope } from "./scope.js";
export { SharedInts } from "./shared-ints.js";
export { SharedStringSet } from "./shared-string-set.js";
export { ShippingError } from "./shippable.js";
export { sleep, sleepAsync } from "./sleep.js";
export { moduleFunction } from "./target.js";
export { Thread } from "./thread.js";
export { Trace, type TraceOptions } from "./trace.js";
export { OPS, type Op, type TraceEvent } from "./trace-event.js";
export { Turnstile } from "./turnstile.js";
export { type WaitEdge, type WaitForGraph, type WaitNode, readWaitForGraph } from "./wait-for-graph.js";
export { Timeline, type TimelineOptions, describeEvent } from "./timeline.js";
export { type LostUpdate, findLostUpdates } from "./lost-updates.js";
// The demos: each one call from a cell, each drawn.
export { RacePlayer } from "./demos/race-player.js";
export { ParticlePlayer, ParticleSimulator, type SimulatorOptions, particleSimulator } from "./demos/particle-player.js";
export { CHAPTER_SCHEDULE, FreeRuns, type FreeRunOptions, RaceReplay, raceFreeRuns, raceReplay, raceReplayWithLock } from "./demos/race.js";
export { TracedRun, type TracedRunOptions, tracedRun } from "./demos/traced-run.js";
export { FlagDemo, flagDemo } from "./demos/flag.js";
export { QueueDemo, queueDemo } from "./demos/queue-demo.js";
export { BarrierDemo, barrierDemo } from "./demos/barrier-demo.js";
export { PipeDemo, pipeDemo } from "./demos/pipe-demo.js";
export { DeadlockDemo, type DeadlockKind, deadlockDemo, detectDeadlock } from "./demos/deadlock-demo.js";
export { CrawlReport, type CrawlOptions, crawlDeadLinks, crawlerDemo } from "./demos/crawler.js";
export { type Site, generateSite, serveSite } from "./demos/crawl-site.js";
export {
  ParticleComparison,
  type ParticleOptions,
  type VariantRun,
  particleDemo,
  runAlone,
  runProcesses,
  runThreads,
} from "./demos/particles.js";
