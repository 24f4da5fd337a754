/**
 * Thread (4.7.1): runs a target function in a worker thread, sharing memory with the others
 * through the library's shared objects. The worker runs worker-entry.js (a real module of this
 * package), which rebuilds the target and its arguments.
 */
import { AsyncResource } from "node:async_hooks";
import { Worker } from "node:worker_threads";
import { currentBoard, currentSelf } from "./board.js";
import { type ErrorReport, Participant, ParticipantError, type ParticipantOptions } from "./participant.js";
import { encodeArgs } from "./shippable.js";
import type { ShippedTarget } from "./target.js";
import type { OutputMessage, WorkerData } from "./worker-entry.js";

/** A thread of execution running `target(...args)`. */
export class Thread<A extends unknown[] = unknown[], R = unknown> extends Participant<R> {
  private worker: Worker | undefined;

  /** Python's `threading.Thread(target=…, args=…)`; call `start()` to run it. */
  constructor(options: ParticipantOptions<A, R>) {
    super("Thread", options as ParticipantOptions<unknown[], R>);
  }

  protected launch(slot: number, target: ShippedTarget): void {
    const data: WorkerData = {
      slot,
      name: this.name,
      processName: currentSelf().processName,
      target,
      args: encodeArgs(this.options.args ?? [], "thread", slot),
      board: currentBoard().buffer,
      trace: this.options.trace?.toShipped(),
    };
    const worker = new Worker(new URL("./worker-entry.js", import.meta.url), { workerData: data, stdout: true, stderr: true });
    this.worker = worker;
    const output = this.forwardOutput(worker.stdout, worker.stderr);
    const write = AsyncResource.bind((m: OutputMessage) => void process[m.name].write(m.text)); // to the cell that started it
    worker.on("message", (message: { t: "result"; value: R } | { t: "error"; error: ErrorReport } | OutputMessage) => {
      if (message.t === "output") write(message);
      else if (message.t === "result") this.settle({ value: message.value });
      else this.settle({ error: new ParticipantError(this.name, message.error.message, message.error.stack) });
    });
    worker.on("error", (error) => this.settle({ error: new ParticipantError(this.name, `${error.name}: ${error.message}`, error.stack) }));
    worker.once("exit", () => void output.then(() => this.gone()));
    if (this.daemon) worker.unref(); // as Python's daemon threads: plain Node may exit without them
  }

  protected async kill(): Promise<void> {
    await this.worker?.terminate();
  }
}
