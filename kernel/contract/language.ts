/**
 * The language side of the kernel, as the protocol side sees it: one method per request family
 * (the shape of xeus's interpreter interface). The protocol thread holds a proxy; the main
 * thread, where cells run, holds the implementation.
 */
import type { Header } from "./header.js";

/** A MIME bundle: MIME type → data. */
export type MimeBundle = Record<string, unknown>;

/** What the execute handler tells the language about one execute_request. */
export interface ExecuteRequest {
  /** A sequence number for every execute_request, silent ones included. */
  id: number;
  code: string;
  silent: boolean;
  storeHistory: boolean;
  allowStdin: boolean;
  userExpressions: Record<string, string>;
  executionCount: number;
  parent: Header;
}

/** An error as Jupyter shows it. */
export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** A payload of an execute_reply (a pager page, for instance). */
export interface Payload {
  source: string;
  [key: string]: unknown;
}

/** The outcome of one execution. */
export type ExecuteOutcome =
  | {
      status: "ok";
      result?: { data: MimeBundle; metadata: Record<string, unknown> };
      payload: Payload[];
      userExpressions: Record<string, unknown>;
    }
  | ({ status: "error"; payload: Payload[]; userExpressions: Record<string, unknown> } & ErrorContent);

/** A complete_reply's content, positions in UTF-16 units of the code. */
export interface Completion {
  matches: string[];
  cursorStart: number;
  cursorEnd: number;
  metadata: Record<string, unknown>;
}

/** An inspect_reply's content. */
export interface Inspection {
  found: boolean;
  data: MimeBundle;
  metadata: Record<string, unknown>;
}

/** An is_complete_reply's content. */
export type Completeness = { status: "complete" | "invalid" | "unknown" } | { status: "incomplete"; indent: string };

/** The requests the protocol side forwards to the language side. */
export interface Language {
  execute(request: ExecuteRequest): Promise<ExecuteOutcome>;
  complete(code: string, cursor: number): Promise<Completion>;
  inspect(code: string, cursor: number, detailLevel: number): Promise<Inspection>;
  isComplete(code: string): Promise<Completeness>;
  /**
   * Stops execution `execId` and keeps all state (xeus' interrupt_request_impl): synchronous code
   * by a SIGINT into its breakOnSigint, code waiting on async work by rejecting that wait.
   * Returns at once: control answers while the cell unwinds.
   */
  interrupt(execId: number): void;
  /** Prepares for the process to end (stops child processes, flushes output). */
  shutdown(restart: boolean): Promise<void>;
  /**
   * Delivers a comm_open, comm_msg or comm_close from the front end to the comm's owner on the
   * main thread. Resolves once its handlers have run (the protocol thread coalesces what queues
   * up meanwhile); a handler's error is shown as output, never rejected.
   */
  comm(event: CommEvent): Promise<void>;
}

/**
 * The execution id comm handlers run as: an interrupt_request while no cell runs but a handler
 * does (a click handler stuck in a loop) interrupts the handler.
 */
export const COMM_HANDLER_EXEC_ID = -1;

/** A comm message from the front end, as the main thread receives it. */
export interface CommEvent {
  msgType: "comm_open" | "comm_msg" | "comm_close";
  /** comm_id, data, and target_name for comm_open. */
  content: { comm_id: string; target_name?: string; data: Record<string, unknown> };
  metadata: Record<string, unknown>;
  buffers: Uint8Array[];
  /** The header of the front end's message (the parent of what its handlers send back). */
  header: Header;
}

/** Something cells caused that the protocol side publishes on iopub, under `parent`. */
export interface OutputEvent {
  msgType: "stream" | "display_data" | "update_display_data" | "clear_output" | "error" | "comm_open" | "comm_msg" | "comm_close";
  /** The content as JSON text, already checked (wire-json.ts): the protocol thread sends it as it is. */
  json: string;
  parent: Header;
  /** Binary buffers after the JSON frames (comm messages only). */
  buffers?: Uint8Array[];
  /** The message's metadata (comm_open carries the widget protocol version there). */
  metadata?: Record<string, unknown>;
}

/** A cell asking the front end for a line of input over the stdin channel. */
export interface InputRequest {
  prompt: string;
  password: boolean;
  parent: Header;
}
