/** The table from message type to handler. */
import type { Debugger } from "../contract/debugger.js";
import type { Language } from "../contract/language.js";
import { type CommTable, commForward, commInfo } from "./comm.js";
import { complete } from "./complete.js";
import { interrupt, shutdown } from "./control.js";
import { debugRequest } from "./debug.js";
import type { Handler } from "./dispatch.js";
import { execute } from "./execute.js";
import { history } from "./history.js";
import { inspect } from "./inspect.js";
import { isComplete } from "./is-complete.js";
import { type LanguageFacts, kernelInfo } from "./kernel-info.js";
import type { KernelState } from "./state.js";

/** What the handlers need from the process around them. */
export interface HandlerDeps {
  language: Language;
  state: KernelState;
  facts: LanguageFacts;
  /** The debug adapter (JupyterLab's debugger). */
  debugger: Debugger;
  /** The open comms, kept on the protocol thread. */
  comms: CommTable;
  exit(): void;
}

/** Every request type this kernel answers, on shell and control alike. */
export function handlerTable(deps: HandlerDeps): Record<string, Handler> {
  const { language, state } = deps;
  return {
    kernel_info_request: kernelInfo(deps.facts),
    execute_request: execute(language, state),
    complete_request: complete(language),
    inspect_request: inspect(language),
    is_complete_request: isComplete(language),
    history_request: history(state),
    comm_info_request: commInfo(deps.comms),
    comm_open: commForward(deps.comms, language),
    comm_msg: commForward(deps.comms, language),
    comm_close: commForward(deps.comms, language),
    interrupt_request: interrupt(state, language, deps.comms, deps.debugger),
    shutdown_request: shutdown(language, deps.exit, undefined, deps.debugger),
    debug_request: debugRequest(deps.debugger),
  };
}
