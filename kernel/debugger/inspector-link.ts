/**
 * The protocol thread's line to V8's inspector on the main thread
 * (`inspector.Session.connectToMainThread()`): while a cell is paused at a breakpoint, the main
 * thread waits inside the inspector for our messages, and this thread (sockets, heartbeat,
 * control) runs on. Connected only while a debugger is attached: no cost otherwise.
 *
 * Never send Runtime.terminateExecution through it: terminating the main thread from here
 * aborts Node (an async-hooks assertion). Interrupting a paused cell resumes it first (session.ts).
 */
import { Session } from "node:inspector";

/** A V8 inspector event's parameters. */
export type EventParams = Record<string, unknown>;

/** A connected inspector session on the main thread. */
export class InspectorLink {
  private session: Session | undefined;
  private readonly listeners = new Map<string, (params: EventParams) => void>();

  /** Whether a session is open. */
  get connected(): boolean {
    return this.session !== undefined;
  }

  /** Opens the session (idempotent). */
  connect(): void {
    if (this.session !== undefined) return;
    const session = new Session();
    session.connectToMainThread();
    for (const [event, listener] of this.listeners) session.on(event, (message: { params: EventParams }) => listener(message.params));
    this.session = session;
  }

  /** Listens to an inspector event (on this and later sessions). */
  on(event: string, listener: (params: EventParams) => void): void {
    this.listeners.set(event, listener);
    this.session?.on(event, (message: { params: EventParams }) => listener(message.params));
  }

  /** Sends a command; resolves to its result. */
  post<R = Record<string, unknown>>(method: string, params: Record<string, unknown> = {}): Promise<R> {
    const session = this.session;
    if (session === undefined) return Promise.reject(new Error("the debugger is not attached"));
    return new Promise((resolve, reject) => {
      (session.post as (m: string, p: object, cb: (e: Error | null, r?: object) => void) => void)(method, params, (error, result) =>
        error ? reject(new Error(error.message)) : resolve((result ?? {}) as R),
      );
    });
  }

  /** Closes the session (V8 then resumes a paused main thread and drops our breakpoints). */
  disconnect(): void {
    this.session?.disconnect();
    this.session = undefined;
  }
}
