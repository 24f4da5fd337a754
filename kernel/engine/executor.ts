/**
 * Runs compiled cells in the kernel's global scope. The synchronous part runs under
 * `breakOnSigint`, so SIGINT (sent by the protocol thread, or by a front end) stops even
 * `while (true) {}` with state intact; the asynchronous part is raced against an interrupt.
 */
import vm from "node:vm";
import type { InterruptFlags } from "../contract/interrupt-flags.js";
import type { CompiledCell } from "./compile.js";
import { KeyboardInterrupt } from "./traceback.js";
import { Promise, Symbol, type Error, Map } from "../contract/intrinsics.js";

// Calls a host function under breakOnSigint, so the synchronous work of magics (a long logic
// search, say) is interruptible like cell code.
const trampoline = new vm.Script("globalThis[Symbol.for('lazylab.call')]()", { filename: "lazylab-trampoline" });
const CALL = Symbol.for("lazylab.call");

/** Runs cells and interrupts them. */
export class Executor {
  private readonly waiting = new Map<number, (error: Error) => void>();
  private depth = 0; // nested synchronous runs (a magic running cell code): only the outermost flags

  constructor(private readonly flags: InterruptFlags) {}

  /** Runs a compiled cell as part of execution `execId`; resolves to its value (undefined if none). */
  async run(cell: CompiledCell, fileName: string, execId: number): Promise<unknown> {
    const script = new vm.Script(cell.script, { filename: fileName });
    let box = this.runSync(() => script.runInThisContext({ breakOnSigint: true, displayErrors: false }), execId);
    if (cell.isAsync) box = await this.interruptible(box as Promise<unknown>, execId);
    return (box as { value?: unknown } | undefined)?.value;
  }

  /** Calls `fn` (a magic, say) so that its synchronous part and what it awaits are interruptible. */
  async call<T>(fn: () => T | Promise<T>, execId: number): Promise<T> {
    const result = this.runSync(() => {
      const g = globalThis as Record<symbol, unknown>;
      g[CALL] = fn;
      try {
        return trampoline.runInThisContext({ breakOnSigint: true, displayErrors: false }) as T | Promise<T>;
      } finally {
        delete g[CALL];
      }
    }, execId);
    return result instanceof Promise ? this.interruptible(result, execId) : result;
  }

  // The synchronous part, bracketed by the shared "running synchronously" flag.
  private runSync<T>(fn: () => T, execId: number): T {
    try {
      if (this.depth++ === 0 && this.flags.enterSync(execId)) throw new KeyboardInterrupt();
      return fn();
    } catch (error) {
      if (isSigint(error) || error instanceof KeyboardInterrupt) {
        this.flags.clear(execId);
        throw new KeyboardInterrupt();
      }
      throw error;
    } finally {
      if (--this.depth === 0) this.flags.leaveSync();
    }
  }

  /** Waits for `work`, unless execution `execId` is interrupted first. */
  interruptible<T>(work: Promise<T>, execId: number): Promise<T> {
    if (this.flags.pending(execId)) {
      this.flags.clear(execId);
      return Promise.reject(new KeyboardInterrupt());
    }
    const interrupted = new Promise<never>((_, reject) => this.waiting.set(execId, reject));
    return Promise.race([work, interrupted]).finally(() => this.waiting.delete(execId));
  }

  /** Interrupts execution `execId` if it is waiting on async work; true if it was. */
  interrupt(execId: number): boolean {
    const reject = this.waiting.get(execId);
    if (reject === undefined) return false;
    this.flags.clear(execId);
    reject(new KeyboardInterrupt());
    return true;
  }
}

function isSigint(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "ERR_SCRIPT_EXECUTION_INTERRUPTED";
}
