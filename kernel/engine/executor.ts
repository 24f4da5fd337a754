/**
 * Runs compiled cells in the kernel's global scope. The synchronous part runs under
 * `breakOnSigint`, so SIGINT (sent by the protocol thread, or by a front end) stops even
 * `while (true) {}` with state intact; the asynchronous part is raced against an interrupt.
 */
import vm from "node:vm";
import type { InterruptFlags } from "../language/interrupt-flags.js";
import type { CompiledCell } from "./compile.js";
import { KeyboardInterrupt } from "./traceback.js";

/** Runs cells and interrupts them. */
export class Executor {
  private readonly waiting = new Map<number, (error: Error) => void>();

  constructor(private readonly flags: InterruptFlags) {}

  /** Runs a compiled cell as part of execution `execId`; resolves to its value (undefined if none). */
  async run(cell: CompiledCell, fileName: string, execId: number): Promise<unknown> {
    const script = new vm.Script(cell.js, { filename: fileName });
    let box: unknown;
    try {
      if (this.flags.enterSync(execId)) throw new KeyboardInterrupt();
      box = script.runInThisContext({ breakOnSigint: true, displayErrors: false });
    } catch (error) {
      if (isSigint(error) || error instanceof KeyboardInterrupt) {
        this.flags.clear(execId);
        throw new KeyboardInterrupt();
      }
      throw error;
    } finally {
      this.flags.leaveSync();
    }
    if (cell.isAsync) box = await this.interruptible(box as Promise<unknown>, execId);
    return (box as { value?: unknown } | undefined)?.value;
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
