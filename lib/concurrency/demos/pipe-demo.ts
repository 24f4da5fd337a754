/** 4.7.7's producer and consumer in two processes, over a one-way Pipe, None (here null) ending the stream. */
import { Figure } from "../../render/rich-output.js";
import { type Connection, Pipe } from "../pipe.js";
import { Process } from "../process.js";
import { Scope } from "../scope.js";
import { moduleFunction } from "../target.js";
import { Trace } from "../trace.js";

/** The chapter's `process_consume`: receive and print until null; returns what it got. */
export const processConsume = moduleFunction(import.meta.url, "processConsume", (inPipe: Connection<number | null>): number[] => {
  const got: number[] = [];
  for (;;) {
    const item = inPipe.recv();
    if (item === null) return got;
    console.log("got an item:", item);
    got.push(item);
  }
});

/** The outcome of the pipe demo. */
export class PipeDemo extends Figure {
  constructor(
    readonly got: number[],
    readonly trace: Trace,
  ) {
    const timeline = trace.timeline({
      title: "process_produce(): two processes and a one-way Pipe",
      hide: ["start", "end"],
      caption: [`the consumer process got ${got.join(", ")}, then null, and returned. Grey: recv waiting for a message.`],
    });
    super([timeline.svg()], timeline.text());
  }
}

/** Runs the chapter's process_produce(). */
export async function pipeDemo(items = 10): Promise<PipeDemo> {
  return Scope.run(async () => {
    const trace = new Trace();
    trace.lanes.set(0, "MainProcess");
    const pipe = Pipe<number | null>(false, { name: "pipe", trace });
    const consumer = new Process({ target: processConsume, args: [pipe[0]], trace }).start();
    for (let i = 0; i < items; i++) pipe[1].send(i);
    pipe[1].send(null); // done signal
    return new PipeDemo(await consumer.join(), trace);
  });
}
