/** What the protocol side remembers between requests: counts, the running execution, history. */
import type { Message } from "../protocol/wire.js";
import { History } from "./history-store.js";

/** An execute_request that has been handed to the language side. */
export interface RunningExecute {
  id: number;
  message: Message;
}

/** Shared by the handlers of one kernel. */
export class KernelState {
  /** The In[n] counter: incremented by executes that store history. */
  executionCount = 0;
  /** A sequence number for every execute, silent or not (interrupt targets it). */
  executeSeq = 0;
  running: RunningExecute | undefined;
  private readonly whenDone: (() => void)[] = [];
  readonly history = new History();
  /** Recent execute requests by msg_id, so late input requests find their front end. */
  readonly recent = new Map<string, Message>();

  /** Runs `fn` once the running execution has ended (at once if none runs). */
  afterRunning(fn: () => void): void {
    if (this.running === undefined) fn();
    else this.whenDone.push(fn);
  }

  /** The running execution has ended. */
  finishRunning(): void {
    this.running = undefined;
    for (const fn of this.whenDone.splice(0)) fn();
  }

  /** Remembers an execute request, keeping only the latest hundred. */
  remember(message: Message): void {
    this.recent.set(message.header.msg_id, message);
    if (this.recent.size > 100) this.recent.delete(this.recent.keys().next().value as string);
  }
}
