/**
 * What Thread and Process share: a name and a slot on the board, `start` and `join`, the target's
 * result or error, output that reaches the cell that started it, and being stopped when its scope
 * ends, when the cell that started it is interrupted, or (daemons) when that cell ends.
 */
import { AsyncResource } from "node:async_hooks";
import type { Readable } from "node:stream";
import { currentCellLifetime } from "../jupyter.js";
import { beginWait, currentBoard, nameSlot, State } from "./board.js";
import { registerResource } from "./resources.js";
import { Scope, unlessAborted } from "./scope.js";
import type { ShippedTarget } from "./target.js";
import { shipTarget } from "./target.js";
import type { Trace } from "./trace.js";

/** The options of a Thread or a Process: the chapter's `target` and `args`, and more. */
export interface ParticipantOptions<A extends unknown[], R> {
  /** The function to run. */
  target: (...args: A) => R;
  /** Its arguments: data is copied, the library's shared objects are shared. */
  args?: A;
  /** Functions of the cell that the target calls: shipped with it and in scope under their names. */
  uses?: readonly ((...args: never[]) => unknown)[];
  /** "Thread-1", "Process-1" … by default. */
  name?: string;
  /** A daemon is stopped when the cell that started it ends (Python: when the program exits). */
  daemon?: boolean;
  /** Records start and end of the target on this trace (and lanes are named after the participant). */
  trace?: Trace;
}

/** An error thrown by a target, as seen from the notebook. */
export class ParticipantError extends Error {
  override name = "ParticipantError";
  constructor(
    readonly participant: string,
    message: string,
    stack: string | undefined,
  ) {
    super(`in ${participant}: ${message}`);
    if (stack !== undefined) this.stack = `${this.name}: in ${participant}: ${stack}`;
  }
}

/** A serialized error. */
export interface ErrorReport {
  message: string;
  stack?: string;
}

/** Turns anything thrown into an ErrorReport. */
export function reportOf(error: unknown): ErrorReport {
  return error instanceof Error ? { message: `${error.name}: ${error.message}`, stack: error.stack } : { message: String(error) };
}

const counters = { Thread: 0, Process: 0 };

/** Base of Thread and Process. */
export abstract class Participant<R> {
  readonly name: string;
  readonly daemon: boolean;
  /** The participant's slot on the board (its `ident`), once started. */
  ident: number | undefined;
  protected readonly options: ParticipantOptions<unknown[], R>;
  private settled: { value?: R; error?: ParticipantError } | undefined;
  private finished: Promise<void> | undefined;
  private joined = false;
  private stopping = false;
  private resolveFinished: () => void = () => undefined;

  protected constructor(kind: "Thread" | "Process", options: ParticipantOptions<unknown[], R>) {
    this.options = options;
    this.name = options.name ?? `${kind}-${++counters[kind]}`;
    this.daemon = options.daemon ?? false;
  }

  /** Starts the target in a new thread or process; returns this. */
  start(): this {
    if (this.finished !== undefined) throw new Error(`${this.name} was already started`);
    const target = shipTarget(this.options.target, this.options.uses);
    const board = currentBoard();
    const slot = board.allocateSlot();
    this.ident = slot;
    this.options.trace?.lanes.set(slot, this.name);
    nameSlot(slot, this.name);
    registerResource(-slot, { name: this.name, wakers: () => [slot] }); // joining it waits on resource −slot, which only it can end
    this.finished = new Promise((resolve) => (this.resolveFinished = resolve));
    this.launch(slot, target);
    const stop = () => this.stop();
    Scope.current()?.defer(stop);
    const cell = currentCellLifetime();
    if (cell !== undefined) {
      cell.signal.addEventListener("abort", stop, { once: true });
      void this.finished.then(() => cell.signal.removeEventListener("abort", stop));
      if (this.daemon) cell.onEnd(stop);
    }
    return this;
  }

  /** Waits for the target to finish; resolves to what it returned, rejects with what it threw. */
  async join(): Promise<Awaited<R>> {
    if (this.finished === undefined) throw new Error(`${this.name} was not started`);
    this.joined = true;
    if (this.settled === undefined) {
      const resume = beginWait("join", -this.ident!);
      try {
        await unlessAborted(this.finished);
      } finally {
        resume();
      }
    }
    if (this.settled?.error !== undefined) throw this.settled.error;
    return this.settled?.value as Awaited<R>;
  }

  /** Whether it has started and not yet finished. */
  isAlive(): boolean {
    return this.finished !== undefined && this.settled === undefined;
  }

  /** Stops it now (a stuck thread or process too); resolves once it is gone. */
  async stop(): Promise<void> {
    if (this.finished === undefined || this.settled !== undefined) return this.finished;
    await new Promise((resolve) => setTimeout(resolve, 10)); // let output it already wrote arrive first
    if (this.settled !== undefined) return this.finished;
    this.stopping = true;
    await this.kill();
    this.settle({ error: new ParticipantError(this.name, "stopped", undefined) });
    return this.finished;
  }

  /** Starts the thread or process. */
  protected abstract launch(slot: number, target: ShippedTarget): void;
  /** Ends it by force; resolves when it is gone. */
  protected abstract kill(): Promise<void>;

  /** Records the outcome (first one wins) and marks the slot finished. */
  protected settle(outcome: { value?: R; error?: ParticipantError }): void {
    if (this.settled !== undefined) return;
    this.settled = outcome;
    if (this.ident !== undefined) currentBoard().setState(this.ident, State.Finished);
    if (outcome.error !== undefined && !this.joined && outcome.error.message !== `in ${this.name}: stopped`) {
      process.stderr.write(`Exception in ${this.name}:\n${outcome.error.stack ?? outcome.error.message}\n`);
    }
  }

  /** The participant is gone and its output delivered. */
  protected gone(): void {
    if (this.settled === undefined)
      this.settle({ error: new ParticipantError(this.name, this.stopping ? "stopped" : "exited without a result", undefined) });
    this.resolveFinished();
  }

  /** Sends a child's stdout and stderr to the cell that started it (its async context, captured now). */
  protected forwardOutput(stdout: Readable | null, stderr: Readable | null): Promise<void> {
    const out = AsyncResource.bind((chunk: Buffer) => void process.stdout.write(chunk));
    const err = AsyncResource.bind((chunk: Buffer) => void process.stderr.write(chunk));
    const ended = (stream: Readable | null) =>
      stream === null ? Promise.resolve() : new Promise<void>((resolve) => stream.once("end", resolve).once("close", resolve));
    stdout?.on("data", out);
    stderr?.on("data", err);
    return Promise.all([ended(stdout), ended(stderr)]).then(() => undefined);
  }
}
