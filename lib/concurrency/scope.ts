/**
 * Lifetimes of parallel work started from the notebook. A Scope owns what was started inside it
 * (threads, processes, servers, pipes) and stops all of it when it ends, when it is aborted (a
 * deadlock, an error) or when the cell that runs it is interrupted. The running scope is found
 * through AsyncLocalStorage, so primitives created inside `Scope.run` register themselves.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { setMaxListeners } from "node:events";
import { currentCellLifetime } from "../jupyter.js";

type Closer = () => Promise<void> | void;

const storage = new AsyncLocalStorage<Scope>();

/** Raised in waits that a scope abandoned. */
export class AbortedError extends Error {
  override name = "AbortedError";
}

/** A group of parallel work that ends together. */
export class Scope {
  private readonly controller = new AbortController();
  private readonly closers: Closer[] = [];
  private closing: Promise<void> | undefined;

  /** Aborted when the scope is aborted or the cell that runs it is interrupted. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The scope the running code belongs to, if any. */
  static current(): Scope | undefined {
    return storage.getStore();
  }

  /** Runs `body` in a new scope; everything started in it is stopped when it returns, throws or is interrupted. */
  static async run<T>(body: (scope: Scope) => Promise<T>): Promise<T> {
    const scope = new Scope();
    const cell = currentCellLifetime();
    const onInterrupt = () => void scope.abort(new AbortedError("interrupted"));
    cell?.signal.addEventListener("abort", onInterrupt, { once: true });
    try {
      return await storage.run(scope, () => body(scope));
    } finally {
      cell?.signal.removeEventListener("abort", onInterrupt);
      await scope.close();
    }
  }

  /** Registers cleanup to run when the scope ends (last registered, first run). */
  defer(closer: Closer): void {
    if (this.closing !== undefined) void Promise.resolve().then(closer);
    else this.closers.push(closer);
  }

  /** Aborts waits in the scope and stops what it started; `reason` is what the waits reject with. */
  async abort(reason: Error): Promise<void> {
    if (!this.controller.signal.aborted) this.controller.abort(reason);
    await this.close();
  }

  /** Stops everything the scope started; resolves when all of it has stopped (however often it is called). */
  close(): Promise<void> {
    this.closing ??= this.runClosers();
    return this.closing;
  }

  private async runClosers(): Promise<void> {
    const errors: unknown[] = [];
    for (const closer of this.closers.splice(0).reverse()) {
      try {
        await closer();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw errors[0];
  }
}

/** The signals that abandon a wait on the notebook's thread: the running scope's and the cell's interrupt. */
export function abandonSignals(): AbortSignal[] {
  const signals: AbortSignal[] = [];
  const scope = Scope.current();
  if (scope !== undefined) signals.push(scope.signal);
  const cell = currentCellLifetime();
  if (cell !== undefined) {
    setMaxListeners(0, cell.signal); // one listener per pending wait: many threads may be waited on at once
    signals.push(cell.signal);
  }
  return signals;
}

/** Settles like `work`, unless one of `signals` aborts first (then rejects with its reason). */
export function unlessAborted<T>(work: Promise<T>, signals: AbortSignal[] = abandonSignals()): Promise<T> {
  if (signals.length === 0) return work;
  const aborted = signals.find((s) => s.aborted);
  if (aborted !== undefined) return Promise.reject(reasonOf(aborted));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (event: Event) => {
      done();
      reject(reasonOf(event.target as AbortSignal));
    };
    const done = () => signals.forEach((s) => s.removeEventListener("abort", onAbort));
    signals.forEach((s) => s.addEventListener("abort", onAbort, { once: true }));
    work.then(
      (value) => (done(), resolve(value)),
      (error: unknown) => (done(), reject(error)),
    );
  });
}

function reasonOf(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new AbortedError(String(signal.reason));
}
