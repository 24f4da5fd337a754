/** interrupt_request and shutdown_request: answered on control even while a cell is busy. */
import { COMM_HANDLER_EXEC_ID, type Language } from "../contract/language.js";
import type { CommTable } from "./comm.js";
import { log } from "../log.js";
import type { Handler } from "./dispatch.js";
import type { KernelState } from "./state.js";

/**
 * Interrupts the running execution, if any, through the Language (which keeps its state); with no
 * cell running, a comm handler that is (a widget's click handler stuck in a loop).
 */
export function interrupt(state: KernelState, language: Language, comms?: CommTable): Handler {
  return async () => {
    if (state.running !== undefined) language.interrupt(state.running.id);
    else if (comms !== undefined && comms.handling > 0) language.interrupt(COMM_HANDLER_EXEC_ID);
    return { status: "ok" };
  };
}

/** Lets the language side clean up (bounded in time), replies, then ends the process via `exit`. */
export function shutdown(language: Language, exit: () => void, graceMs = 1000): Handler {
  return async ({ message, publish }) => {
    const restart = message.content.restart === true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
    await Promise.race([language.shutdown(restart).catch((e: Error) => log(`shutdown: ${e.message}`)), timeout]);
    await publish("shutdown_reply", { status: "ok", restart });
    setImmediate(exit);
    return { status: "ok", restart };
  };
}
