/** interrupt_request and shutdown_request: answered on control even while a cell is busy (or paused in the debugger). */
import type { Debugger } from "../contract/debugger.js";
import { COMM_HANDLER_EXEC_ID, type Language } from "../contract/language.js";
import type { CommTable } from "./comm.js";
import { log } from "../log.js";
import type { Handler } from "./dispatch.js";
import type { KernelState } from "./state.js";

/**
 * Interrupts the running execution, if any, through the Language (which keeps its state); with no
 * cell running, a comm handler that is (a widget's click handler stuck in a loop). Code paused in
 * the debugger is let go first (it cannot hear an interrupt while paused), and pauses again once
 * the execution has ended.
 */
export function interrupt(state: KernelState, language: Language, comms?: CommTable, debug?: Debugger): Handler {
  return async () => {
    const running = state.running;
    const handler = comms !== undefined && comms.handling > 0;
    if (running === undefined && !handler) return { status: "ok" };
    if (debug?.paused) {
      await debug.release();
      state.afterRunning(() => void debug.restore());
    }
    if (running !== undefined) language.interrupt(running.id);
    else language.interrupt(COMM_HANDLER_EXEC_ID);
    return { status: "ok" };
  };
}

/** Lets the language side clean up (bounded in time), replies, then ends the process via `exit`. */
export function shutdown(language: Language, exit: () => void, graceMs = 1000, debug?: Debugger): Handler {
  return async ({ message, publish }) => {
    const restart = message.content.restart === true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    // A cell paused in the debugger would keep the main thread from cleaning up: let it go.
    if (debug !== undefined)
      await Promise.race([debug.detach().catch((e: Error) => log(`shutdown: detaching the debugger: ${e.message}`)), timeout]);
    await Promise.race([language.shutdown(restart).catch((e: Error) => log(`shutdown: ${e.message}`)), timeout]);
    await publish("shutdown_reply", { status: "ok", restart });
    setImmediate(exit);
    return { status: "ok", restart };
  };
}
