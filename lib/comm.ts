/**
 * Jupyter comms from library and cell code: a channel of JSON messages (with binary buffers)
 * between an object in the kernel and its counterpart in the front end, the transport of
 * widgets. Inside the lazylab kernel they go through the host it registers (lib/jupyter.ts); in
 * plain Node a comm is detached: it sends nothing, so widget code still runs (and can be tested).
 */
import { randomUUID } from "node:crypto";
import { HOST, type JupyterHost } from "./jupyter.js";

/** One message on a comm. */
export interface CommMessage {
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
}

/** Handles a message from the front end; may be async. */
export type CommHandler = (message: CommMessage) => void | Promise<void>;

/** The kernel's end of a comm. */
export interface Comm {
  readonly commId: string;
  readonly targetName: string;
  /** Sends a comm_msg to the front end. */
  send(data: Record<string, unknown>, metadata?: Record<string, unknown>, buffers?: Uint8Array[]): void;
  /** Sends comm_close; the comm receives nothing more. */
  close(data?: Record<string, unknown>): void;
  /** Sets the handler of the front end's comm_msgs. */
  onMsg(handler: CommHandler): void;
  /** Sets the handler of the front end's comm_close. */
  onClose(handler: CommHandler): void;
  /**
   * Sets where an error that escapes the handlers goes (an Interrupt of a runaway handler); it may
   * rethrow, and by default the error is shown under the cell that opened the comm.
   */
  onError?(handler: (error: unknown) => void): void;
}

/** Called when the front end opens a comm on a registered target. */
export type CommTarget = (comm: Comm, open: CommMessage) => void | Promise<void>;

/** What a hosting kernel provides for comms. */
export interface CommHost {
  /** Opens a comm to `targetName` in the front end (comm_open), owned by the running cell. */
  open(targetName: string, data: Record<string, unknown>, metadata: Record<string, unknown>, buffers: Uint8Array[], commId?: string): Comm;
  /** Accepts comm_opens from the front end for `targetName`. */
  registerTarget(targetName: string, target: CommTarget): void;
  /**
   * Runs `fn` with its output (stream text, display data, errors) handed to `sink` as nbformat
   * outputs instead of published: what the Output widget's `capture` needs.
   */
  capture<R>(sink: (output: Record<string, unknown>) => void, fn: () => R): R;
  /** An error as Jupyter shows it, its traceback mapped to the cells' lines. */
  describeError(thrown: unknown): { ename: string; evalue: string; traceback: string[] };
}

function commHost(): CommHost | undefined {
  return (globalThis as Record<symbol, (JupyterHost & { comms?: CommHost }) | undefined>)[HOST]?.comms;
}

/** Whether comms reach a front end (false in plain Node, where comms are detached). */
export function commsConnected(): boolean {
  return commHost() !== undefined;
}

/** Opens a comm to `targetName` in the front end. */
export function openComm(
  targetName: string,
  data: Record<string, unknown> = {},
  metadata: Record<string, unknown> = {},
  buffers: Uint8Array[] = [],
): Comm {
  return commHost()?.open(targetName, data, metadata, buffers) ?? detachedComm(targetName);
}

/** Registers a target for comms the front end opens (nothing to do in plain Node). */
export function registerCommTarget(targetName: string, target: CommTarget): void {
  commHost()?.registerTarget(targetName, target);
}

/** Runs `fn` with its output handed to `sink` (plain Node: runs it, output goes to the console). */
export function captureOutput<R>(sink: (output: Record<string, unknown>) => void, fn: () => R): R {
  const host = commHost();
  return host === undefined ? fn() : host.capture(sink, fn);
}

/** `thrown` as an nbformat error output (the kernel's traceback when there is a kernel). */
export function errorOutput(thrown: unknown): Record<string, unknown> {
  const host = commHost();
  if (host !== undefined) return { output_type: "error", ...host.describeError(thrown) };
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  return { output_type: "error", ename: error.name, evalue: error.message, traceback: (error.stack ?? error.message).split("\n") };
}

/** A comm with no front end: sends go nowhere, no message ever arrives. */
function detachedComm(targetName: string): Comm {
  return { commId: randomUUID(), targetName, send() {}, close() {}, onMsg() {}, onClose() {} };
}
