/**
 * The Language interface across threads. The protocol thread calls methods on a LanguageClient;
 * the main thread's LanguageHost runs them and streams output events back on the same port, so
 * a cell's outputs always arrive before its outcome.
 */
import type { MessagePort, Worker } from "node:worker_threads";
import type { Exchange, TrafficQuery } from "../protocol/recorder.js";
import type { InterruptFlags } from "../contract/interrupt-flags.js";
import type {
  CommEvent,
  Completeness,
  Completion,
  ExecuteOutcome,
  ExecuteRequest,
  InputRequest,
  Inspection,
  Language,
  OutputEvent,
} from "../contract/language.js";
import { Promise, Error, String, Map, JSON } from "../contract/intrinsics.js";
import { toWireJson } from "../contract/wire-json.js";

type Port = Pick<MessagePort, "postMessage" | "on"> | Pick<Worker, "postMessage" | "on">;

/** Messages from the protocol thread to the main thread. */
export type ToHost =
  | { t: "call"; id: number; method: keyof Language; args: unknown[] }
  | { t: "interrupt"; execId: number }
  | { t: "inputReply"; id: number; value?: string; error?: string }
  | { t: "trafficReply"; id: number; exchanges: Exchange[]; error?: string }
  | { t: "exit" };

/** Messages from the main thread to the protocol thread. */
export type ToClient =
  /** The value as JSON text (undefined: no value), so that no value can fail to cross the thread. */
  | { t: "return"; id: number; json: string | undefined }
  | { t: "throw"; id: number; message: string }
  | { t: "output"; event: OutputEvent }
  | { t: "input"; id: number; request: InputRequest }
  | { t: "traffic"; id: number; query: TrafficQuery };

/** What the protocol thread does with events that are not replies. */
export interface ClientHooks {
  output(event: OutputEvent): void;
  input(request: InputRequest): Promise<string>;
  /** The recorded wire traffic `query` asks for. */
  traffic(query: TrafficQuery): Exchange[];
}

/** The protocol thread's proxy for the language running on the main thread. */
export class LanguageClient implements Language {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  constructor(
    private readonly port: Port,
    private readonly flags: InterruptFlags,
    hooks: ClientHooks,
  ) {
    port.on("message", (message: ToClient) => {
      switch (message.t) {
        case "output":
          return hooks.output(message.event);
        case "input":
          return void hooks.input(message.request).then(
            (value) => this.post({ t: "inputReply", id: message.id, value }),
            (error: Error) => this.post({ t: "inputReply", id: message.id, error: error.message }),
          );
        case "traffic": {
          // Deeply nested traffic cannot be cloned across threads: answer with what can be, never crash.
          let exchanges: Exchange[];
          try {
            exchanges = JSON.parse(toWireJson(hooks.traffic(message.query), "the recorded traffic")) as Exchange[];
          } catch (error) {
            return this.post({ t: "trafficReply", id: message.id, exchanges: [], error: (error as Error).message });
          }
          return this.post({ t: "trafficReply", id: message.id, exchanges });
        }
        case "return":
        case "throw": {
          const call = this.pending.get(message.id);
          this.pending.delete(message.id);
          if (message.t === "return") call?.resolve(message.json === undefined ? undefined : JSON.parse(message.json));
          else call?.reject(new Error(message.message));
        }
      }
    });
  }

  execute(request: ExecuteRequest): Promise<ExecuteOutcome> {
    return this.call("execute", request) as Promise<ExecuteOutcome>;
  }
  complete(code: string, cursor: number): Promise<Completion> {
    return this.call("complete", code, cursor) as Promise<Completion>;
  }
  inspect(code: string, cursor: number, detailLevel: number): Promise<Inspection> {
    return this.call("inspect", code, cursor, detailLevel) as Promise<Inspection>;
  }
  isComplete(code: string): Promise<Completeness> {
    return this.call("isComplete", code) as Promise<Completeness>;
  }
  shutdown(restart: boolean): Promise<void> {
    return this.call("shutdown", restart) as Promise<void>;
  }
  comm(event: CommEvent): Promise<void> {
    return this.call("comm", event) as Promise<void>;
  }

  /**
   * Interrupts execution `execId`. The flags say whether the main thread is inside the cell's
   * synchronous code: then a SIGINT to this process stops it (breakOnSigint). Either way the main
   * thread is told, so a cell waiting on async work has that wait rejected.
   */
  interrupt(execId: number): void {
    if (this.flags.request(execId)) process.kill(process.pid, "SIGINT");
    this.post({ t: "interrupt", execId });
  }

  private call(method: keyof Language, ...args: unknown[]): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ t: "call", id, method, args });
    });
  }

  private post(message: ToHost): void {
    this.port.postMessage(message);
  }
}

/** The main thread's side: runs calls on `language`, forwards interrupts and input. */
export class LanguageHost {
  private nextInput = 1;
  private readonly inputs = new Map<number, { resolve(v: string): void; reject(e: Error): void }>();
  private nextTrafficAsk = 1;
  private readonly trafficAsks = new Map<number, { resolve(exchanges: Exchange[]): void; reject(e: Error): void }>();

  constructor(
    private readonly port: Port,
    language: Language,
  ) {
    port.on("message", (message: ToHost) => {
      if (message.t === "interrupt") return language.interrupt(message.execId);
      if (message.t === "trafficReply") {
        const ask = this.trafficAsks.get(message.id);
        this.trafficAsks.delete(message.id);
        if (message.error !== undefined) ask?.reject(new Error(message.error));
        else ask?.resolve(message.exchanges);
        return;
      }
      if (message.t === "inputReply") {
        const waiting = this.inputs.get(message.id);
        this.inputs.delete(message.id);
        if (message.error !== undefined) waiting?.reject(new Error(message.error));
        else waiting?.resolve(message.value ?? "");
        return;
      }
      if (message.t !== "call") return;
      const method = language[message.method] as (...args: unknown[]) => Promise<unknown>;
      // A method that throws before returning its promise still answers: the protocol thread's
      // request would otherwise wait for ever, and the shell with it.
      new Promise<unknown>((resolve) => resolve(method.apply(language, message.args))).then(
        (value) => this.postReturn(message.id, message.method, value),
        (error: Error) => this.post({ t: "throw", id: message.id, message: error?.stack ?? String(error) }),
      );
    });
  }

  /** Sends an output event to be published on iopub. */
  output(event: OutputEvent): void {
    this.post({ t: "output", event });
  }

  /** Asks the front end for input through the protocol thread's stdin socket. */
  input(request: InputRequest): Promise<string> {
    const id = this.nextInput++;
    return new Promise((resolve, reject) => {
      this.inputs.set(id, { resolve, reject });
      this.post({ t: "input", id, request });
    });
  }

  /** Asks the protocol thread for recorded wire traffic (the key stays there; signatures come checked). */
  traffic(query: TrafficQuery): Promise<Exchange[]> {
    const id = this.nextTrafficAsk++;
    return new Promise((resolve, reject) => {
      this.trafficAsks.set(id, { resolve, reject });
      this.post({ t: "traffic", id, query });
    });
  }

  /**
   * Sends a call's value as JSON text. A cell whose value cannot be sent (a BigInt or a cycle in
   * its MIME bundle, nesting too deep) fails with an error saying so: its reply and error output
   * still go out, and the kernel keeps its state.
   */
  private postReturn(id: number, method: keyof Language, value: unknown): void {
    try {
      this.post({
        t: "return",
        id,
        json: value === undefined ? undefined : toWireJson(value, method === "execute" ? "the cell's value" : `the ${method} reply`),
      });
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      if (method !== "execute") {
        this.post({ t: "throw", id, message: e.message });
        return;
      }
      const traceback = [`\x1b[0;31m${e.name}\x1b[0m: ${e.message}`];
      const outcome = { status: "error", ename: e.name, evalue: e.message, traceback, payload: [], userExpressions: {} };
      this.post({ t: "return", id, json: JSON.stringify(outcome) });
    }
  }

  private post(message: ToClient): void {
    this.port.postMessage(message);
  }
}
