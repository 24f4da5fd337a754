/**
 * Where cell output goes. Every execution runs inside an AsyncLocalStorage context holding its
 * request header, so output from timers, promises and streams the cell started is published
 * under that cell, whichever cell runs when it happens. Stream text is buffered briefly and
 * coalesced (2,000 console.log lines become a few messages), and always flushed before the
 * execution's reply.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { OutputEvent } from "../contract/language.js";
import type { Header } from "../contract/header.js";
import { Date, setTimeout, clearTimeout, JSON } from "../contract/intrinsics.js";
import { WireValueError, toWireJson } from "../contract/wire-json.js";

/** The execution a piece of code belongs to. */
export interface CellContext {
  /** The execute sequence number (targets of interrupts). */
  execId: number;
  executionCount: number;
  parent: Header;
  allowStdin: boolean;
  /** Set while a comm handler runs: the front end's comm message it answers. */
  commParent?: Header;
  /** Set inside an Output widget's capture: output goes to this sink as nbformat outputs, not to iopub. */
  capture?: (output: Record<string, unknown>) => void;
}

type StreamName = "stdout" | "stderr";

const FLUSH_BYTES = 64 * 1024;
const FLUSH_MS = 50;

/** Routes output events to the protocol side under the right parent. */
export class OutputRouter {
  private readonly storage = new AsyncLocalStorage<CellContext>();
  private pending: { name: StreamName; parent: Header; text: string } | undefined;
  private lastFlush = Date.now();
  private timer: NodeJS.Timeout | undefined;
  /** The most recent execution: owner of output whose async context was lost. */
  latest: CellContext | undefined;

  constructor(private readonly send: (event: OutputEvent) => void) {}

  /** Runs `fn` as part of execution `context`. */
  run<R>(context: CellContext, fn: () => R): R {
    this.latest = context;
    return this.storage.run(context, fn);
  }

  /**
   * Runs `fn` as part of `context` without making it the latest execution: a comm handler runs for
   * the cell that created its widget, but output that lost its context still belongs to the newest cell.
   */
  within<R>(context: CellContext, fn: () => R): R {
    return this.storage.run(context, fn);
  }

  /** The execution the running code belongs to. */
  current(): CellContext | undefined {
    return this.storage.getStore() ?? this.latest;
  }

  /** Appends stream text for the current execution. */
  write(name: StreamName, text: string): void {
    const context = this.current();
    if (context === undefined || text === "") return;
    if (context.capture !== undefined) {
      context.capture({ output_type: "stream", name, text });
      return;
    }
    const pending = this.pending;
    if (pending !== undefined && (pending.name !== name || pending.parent !== context.parent)) this.flush();
    if (this.pending === undefined) this.pending = { name, parent: context.parent, text };
    else this.pending.text += text;
    // Also flush from inside long synchronous loops: postMessage reaches the protocol thread at once.
    if (this.pending.text.length > FLUSH_BYTES || Date.now() - this.lastFlush > FLUSH_MS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /**
   * Publishes a non-stream event for the current execution (flushing stream text first, to keep
   * order). Throws WireValueError, in the code that displayed it, when the content cannot be sent
   * (a BigInt, a cycle, nesting too deep): that cell then fails with an error saying so, instead of
   * the protocol thread failing to encode it.
   */
  emit(msgType: OutputEvent["msgType"], content: Record<string, unknown>, context = this.current()): void {
    if (context === undefined) return;
    if (context.capture !== undefined) {
      context.capture(capturedOutput(msgType, content));
      return;
    }
    let json: string;
    try {
      json = toWireJson(content, msgType === "error" ? "this error" : "this output");
    } catch (error) {
      if (msgType !== "error" || !(error instanceof WireValueError)) throw error;
      // An error whose own fields cannot be encoded: send what can be said of it.
      json = JSON.stringify({ ename: "WireValueError", evalue: error.message, traceback: [error.message] });
    }
    this.flush();
    this.send({ msgType, json, parent: context.parent });
  }

  /**
   * Takes the buffered stream text instead of sending it (the debugger's protocol-thread side
   * publishes it itself before announcing a pause, so it cannot arrive after the `stopped` event).
   */
  take(): { name: StreamName; parent: Header; text: string } | undefined {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }

  /** Sends buffered stream text now. */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlush = Date.now();
    const pending = this.pending;
    this.pending = undefined;
    if (pending !== undefined)
      this.send({ msgType: "stream", json: JSON.stringify({ name: pending.name, text: pending.text }), parent: pending.parent });
  }
}

/** An iopub output as the nbformat output an Output widget keeps (clear_output stays a marker for its sink). */
function capturedOutput(msgType: OutputEvent["msgType"], content: Record<string, unknown>): Record<string, unknown> {
  if (msgType === "error") return { output_type: "error", ...content };
  if (msgType === "display_data" || msgType === "update_display_data")
    return { output_type: "display_data", data: content.data, metadata: content.metadata ?? {} };
  return { output_type: msgType, ...content };
}
