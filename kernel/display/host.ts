/** The kernel's side of lib/jupyter.ts: display_data, update_display_data, clear_output, input. */
import { type CellLifetime, HOST, type JupyterHost } from "../../lib/jupyter.js";
import type { InputRequest } from "../contract/language.js";
import type { CommHost } from "../../lib/comm.js";
import { toMimeBundle } from "./mimebundle.js";
import type { OutputRouter } from "./output.js";
import { Object, Error } from "../contract/intrinsics.js";

/** Raised when a cell asks for input and the front end has no stdin channel (as IPython does). */
export class StdinNotImplementedError extends Error {
  override name = "StdinNotImplementedError";
}

/** Registers the display host so `display`, `clearOutput` and `input` reach the front end. */
export function installDisplayHost(
  router: OutputRouter,
  askFrontEnd: (request: InputRequest) => Promise<string>,
  lifetimeOf: (execId: number) => CellLifetime | undefined = () => undefined,
  comms?: CommHost,
): void {
  const send = (data: Record<string, unknown>, metadata: Record<string, unknown>, displayId: string | undefined, update: boolean) => {
    const content: Record<string, unknown> = { data, metadata, transient: displayId === undefined ? {} : { display_id: displayId } };
    router.emit(update ? "update_display_data" : "display_data", content);
  };
  const host: JupyterHost & { comms?: CommHost } = {
    comms,
    display: send,
    displayValue(value, displayId, update) {
      const { data, metadata } = toMimeBundle(value);
      send(data, metadata, displayId, update);
    },
    clearOutput(wait) {
      router.emit("clear_output", { wait });
    },
    async input(prompt, password) {
      const context = router.current();
      if (context === undefined || !context.allowStdin) {
        throw new StdinNotImplementedError("input() was called, but this front end does not support input requests");
      }
      router.flush();
      return askFrontEnd({ prompt, password, parent: context.parent });
    },
    cellLifetime() {
      const context = router.current();
      // A comm handler runs for a cell that may have ended long ago: it has no lifetime of its own.
      return context === undefined || context.commParent !== undefined ? undefined : lifetimeOf(context.execId);
    },
  };
  Object.defineProperty(globalThis, HOST, { value: host, configurable: true });
}
