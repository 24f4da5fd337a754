/**
 * Per-execution lifetimes handed to library code (lib/jupyter.ts `CellLifetime`): an AbortSignal
 * aborted on interrupt, and listeners run when the cell ends. An interrupted cell's awaits are
 * abandoned by the executor's race, so work the cell started (worker threads, child processes,
 * servers) learns of the interrupt only through this signal.
 */
import type { CellLifetime } from "../../lib/jupyter.js";
import { Error, Map } from "../contract/intrinsics.js";

interface Lifetime extends CellLifetime {
  controller: AbortController;
  listeners: (() => void)[];
}

/** The lifetimes of running (and recently ended) executions, by execution id. */
export class CellLifetimes {
  private readonly live = new Map<number, Lifetime>();

  /** The lifetime of execution `execId`, created on first use. */
  of(execId: number): CellLifetime {
    let lifetime = this.live.get(execId);
    if (lifetime === undefined) {
      const controller = new AbortController();
      const listeners: (() => void)[] = [];
      lifetime = { controller, listeners, signal: controller.signal, onEnd: (listener) => void listeners.push(listener) };
      this.live.set(execId, lifetime);
    }
    return lifetime;
  }

  /** Execution `execId` was interrupted. */
  interrupt(execId: number): void {
    this.live.get(execId)?.controller.abort(new Error("KeyboardInterrupt"));
  }

  /** Execution `execId` has ended: runs its end listeners (errors in them are not the cell's). */
  end(execId: number): void {
    const lifetime = this.live.get(execId);
    this.live.delete(execId);
    for (const listener of lifetime?.listeners ?? []) {
      try {
        listener();
      } catch {
        // cleanup that fails must not turn a finished cell into a failed one
      }
    }
  }
}
