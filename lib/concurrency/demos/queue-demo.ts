/** 4.7.4's producer and consumer over a synchronized Queue: nothing is lost however the threads interleave. */
import { Figure } from "../../render/rich-output.js";
import { Queue } from "../queue.js";
import { Scope } from "../scope.js";
import { moduleFunction } from "../target.js";
import { Thread } from "../thread.js";
import { Trace } from "../trace.js";

/** The chapter's `synchronized_consume`: forever get an item, print it, mark it done. */
export const synchronizedConsume = moduleFunction(import.meta.url, "synchronizedConsume", (queue: Queue<number>): void => {
  for (;;) {
    console.log("got an item:", queue.get());
    queue.taskDone();
  }
});

/** The outcome of the queue demo. */
export class QueueDemo extends Figure {
  constructor(
    readonly trace: Trace,
    readonly got: number[],
  ) {
    const timeline = trace.timeline({
      title: "synchronized_produce(): a daemon consumer and a Queue",
      hide: ["start", "end"],
      caption: [`the consumer got ${got.join(", ")}: every item once, in order; join() returned after the last task_done().`],
    });
    super([timeline.svg()], timeline.text());
  }
}

/** Runs the chapter's synchronized_produce(): a daemon consumer, ten puts, then join. */
export async function queueDemo(items = 10): Promise<QueueDemo> {
  return Scope.run(async () => {
    const trace = new Trace();
    const queue = new Queue<number>({ name: "queue", trace });
    const consumer = new Thread({ target: synchronizedConsume, args: [queue], daemon: true, name: "consumer", trace });
    consumer.start();
    for (let i = 0; i < items; i++) queue.put(i);
    await queue.joinAsync();
    const got = trace
      .events()
      .filter((e) => e.op === "get")
      .map((e) => Number(e.value));
    return new QueueDemo(trace, got);
  });
}
