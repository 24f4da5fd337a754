/**
 * Process (4.7.1): runs a target function in a child process, a separate Node with its own
 * memory. Arguments are copied, except pipe ends, which connect; shared-memory objects refuse
 * to go. The child reports its waits (for the wait-for graph) and, at the end, its trace events
 * over the IPC channel. Every child is killed when this process exits.
 */
import { type ChildProcess, fork } from "node:child_process";
import { currentBoard, State, WAIT_KINDS, type WaitKind } from "./board.js";
import { type ErrorReport, Participant, ParticipantError, type ParticipantOptions } from "./participant.js";
import { encodeArgs } from "./shippable.js";
import type { ShippedTarget } from "./target.js";
import { absorbChildEvents } from "./trace.js";
import type { TraceEvent } from "./trace-event.js";

const children = new Set<ChildProcess>();
process.once("exit", () => children.forEach((child) => child.kill("SIGKILL")));

/** What a child process sends its parent. */
export type FromChild =
  | { t: "wait"; slot: number; kind: WaitKind; resource: number; at: number }
  | { t: "trace"; logs: { token: number; events: TraceEvent[] }[] }
  | { t: "result"; value: unknown }
  | { t: "error"; error: ErrorReport };

/** What a Process sends its child. */
export interface ToChild {
  slot: number;
  name: string;
  target: ShippedTarget;
  args: unknown;
  trace: unknown;
}

/** A child process running `target(...args)`. */
export class Process<A extends unknown[] = unknown[], R = unknown> extends Participant<R> {
  private child: ChildProcess | undefined;

  /** Python's `multiprocessing.Process(target=…, args=…)`; call `start()` to run it. */
  constructor(options: ParticipantOptions<A, R>) {
    super("Process", options as ParticipantOptions<unknown[], R>);
  }

  /** The child's process id, once started. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  protected launch(slot: number, target: ShippedTarget): void {
    const message: ToChild = {
      slot,
      name: this.name,
      target,
      args: encodeArgs(this.options.args ?? [], "process", slot),
      trace: this.options.trace === undefined ? undefined : encodeArgs(this.options.trace, "process", slot),
    };
    const child = fork(new URL("./process-entry.js", import.meta.url), [], {
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "advanced",
    });
    this.child = child;
    children.add(child);
    const output = this.forwardOutput(child.stdout, child.stderr);
    const board = currentBoard();
    child.on("message", (m: FromChild) => {
      if (m.t === "wait") {
        if (m.kind === "") board.setState(m.slot, State.Running);
        else board.wait(m.slot, WAIT_KINDS.includes(m.kind) ? m.kind : "", m.resource, m.at);
      } else if (m.t === "trace") absorbChildEvents(m.logs);
      else if (m.t === "result") this.settle({ value: m.value as R });
      else this.settle({ error: new ParticipantError(this.name, m.error.message, m.error.stack) });
    });
    child.on("error", (error) => this.settle({ error: new ParticipantError(this.name, error.message, error.stack) }));
    child.once("exit", () => {
      children.delete(child);
      void output.then(() => this.gone());
    });
    if (this.daemon) child.unref();
    child.send(message);
  }

  protected kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  }
}
