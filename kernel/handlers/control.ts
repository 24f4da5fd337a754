/** interrupt_request and shutdown_request: answered on control even while a cell is busy. */
import type { Language } from "../contract/language.js";
import { log } from "../log.js";
import type { Handler } from "./dispatch.js";
import type { KernelState } from "./state.js";

/** Interrupts the running execution, if any, through the Language (which keeps its state). */
export function interrupt(state: KernelState, language: Language): Handler {
  return async () => {
    if (state.running !== undefined) language.interrupt(state.running.id);
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
