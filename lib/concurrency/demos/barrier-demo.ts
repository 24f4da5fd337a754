/**
 * 4.7.6's two counters and a barrier: each thread reads the other's counter, waits for all reads,
 * writes its own, waits for all writes. Reads and writes never share a phase, so both counters
 * end at `steps`.
 */
import { Figure } from "../../render/rich-output.js";
import { Barrier } from "../barrier.js";
import { Scope } from "../scope.js";
import { SharedInts } from "../shared-ints.js";
import { moduleFunction } from "../target.js";
import { Thread } from "../thread.js";
import { Trace } from "../trace.js";

/** The chapter's `count(thread_num, steps)`. */
export const count = moduleFunction(
  import.meta.url,
  "count",
  (counters: SharedInts, barrier: Barrier, threadNum: number, steps: number): void => {
    for (let i = 0; i < steps; i++) {
      const other = counters.read(1 - threadNum);
      barrier.wait(); // wait for reads to complete
      counters.write(threadNum, other + 1);
      barrier.wait(); // wait for writes to complete
    }
  },
);

/** The outcome of threaded_count. */
export class BarrierDemo extends Figure {
  constructor(
    readonly counters: number[],
    readonly trace: Trace,
  ) {
    const steps = trace.timeline({
      title: "threaded_count: reads and writes in separate phases",
      hide: ["start", "end"],
      layout: "lanes",
      axis: "logical",
      caption: [`counters: [${counters.join(", ")}]. Vertical rules mark barrier crossings; grey bars are waits at the barrier.`],
    });
    super([steps.svg()], `counters: [${counters.join(", ")}]\n${steps.text(40)}`);
  }
}

/** Runs the chapter's threaded_count(steps) with two threads. */
export async function barrierDemo(steps = 10): Promise<BarrierDemo> {
  return Scope.run(async () => {
    const trace = new Trace();
    const counters = new SharedInts("counters", [0, 0], { trace });
    const barrier = new Barrier(2, { name: "barrier", trace });
    const threads = [0, 1].map((n) =>
      new Thread({ target: count, args: [counters, barrier, n, steps], name: `Thread ${n}`, trace }).start(),
    );
    await Promise.all(threads.map((t) => t.join()));
    return new BarrierDemo(counters.values(), trace);
  });
}
