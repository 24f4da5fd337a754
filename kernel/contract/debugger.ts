/**
 * The debugger as the handlers see it (the Jupyter debug protocol: DAP messages inside
 * debug_request / debug_reply on control and debug_event on iopub). The implementation lives in
 * kernel/debugger and runs on the protocol thread; handlers depend on this interface only.
 */
import type { Header } from "./header.js";

/** A DAP request, the content of a debug_request. */
export interface DebugRequest {
  seq: number;
  type: "request";
  command: string;
  arguments?: Record<string, unknown>;
}

/** A DAP response, the content of a debug_reply. */
export interface DebugResponse {
  seq: number;
  type: "response";
  request_seq: number;
  success: boolean;
  command: string;
  message?: string;
  body: Record<string, unknown>;
}

/** A DAP event, the content of a debug_event. */
export interface DebugEvent {
  seq: number;
  type: "event";
  event: string;
  body: Record<string, unknown>;
}

/** The kernel's debug adapter. */
export interface Debugger {
  /** Answers one DAP request (`parent` is the debug_request's header: later events go under it). */
  request(request: DebugRequest, parent: Header): Promise<DebugResponse>;
  /** Whether a cell is stopped at a breakpoint, a step or an exception. */
  readonly paused: boolean;
  /**
   * Lets a paused cell run on, pausing nowhere until `restore` (so an interrupt can stop it the
   * usual way, and a shutdown need not wait for it).
   */
  release(): Promise<void>;
  /** Pauses at breakpoints again after `release`. */
  restore(): Promise<void>;
  /** Ends the debug session: breakpoints removed, execution resumed, the inspector closed. */
  detach(): Promise<void>;
}
