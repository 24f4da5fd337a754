/** debug_request: a DAP request for the kernel's debugger, answered with a debug_reply (on control, even while a cell is paused). */
import type { DebugRequest, Debugger } from "../contract/debugger.js";
import type { Handler } from "./dispatch.js";
import { RequestFieldError } from "./fields.js";

/** Hands the DAP request in a debug_request's content to the debugger; its response is the reply's content. */
export function debugRequest(debug: Debugger): Handler {
  return async ({ message }) => {
    const request = message.content as Partial<DebugRequest>;
    if (typeof request.command !== "string") throw new RequestFieldError("a debug_request's content is a DAP request with a command");
    const response = await debug.request(
      { ...request, seq: Number(request.seq ?? 0), type: "request", command: request.command },
      message.header,
    );
    return { ...response };
  };
}
