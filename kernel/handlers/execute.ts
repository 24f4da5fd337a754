/** execute_request: echo the input, run it on the language side, publish the result, reply. */
import type { Language } from "../contract/language.js";
import type { Handler } from "./dispatch.js";
import { stringField } from "./fields.js";
import type { KernelState } from "./state.js";

interface ExecuteContent {
  code?: string;
  silent?: boolean;
  store_history?: boolean;
  user_expressions?: Record<string, string>;
  allow_stdin?: boolean;
  stop_on_error?: boolean;
}

/** Runs cells one at a time, numbering those that store history. */
export function execute(language: Language, state: KernelState): Handler {
  return async ({ message, publish, abortQueue }) => {
    const request = message.content as ExecuteContent;
    const code = stringField(message.content, "code", "");
    if (request.user_expressions !== undefined && (typeof request.user_expressions !== "object" || Array.isArray(request.user_expressions)))
      throw new TypeError("user_expressions must be an object of names to expressions");
    const silent = request.silent === true;
    const storeHistory = !silent && request.store_history !== false;
    if (storeHistory) state.executionCount++;
    const count = state.executionCount;
    if (!silent) void publish("execute_input", { code, execution_count: count });
    if (storeHistory) state.history.record(count, code);
    state.remember(message);

    const id = ++state.executeSeq;
    state.running = { id, message };
    const outcome = await language
      .execute({
        id,
        code,
        silent,
        storeHistory,
        allowStdin: request.allow_stdin !== false,
        userExpressions: request.user_expressions ?? {},
        executionCount: count,
        parent: message.header,
      })
      .finally(() => state.finishRunning());

    if (outcome.status === "error") {
      await publish("error", { ename: outcome.ename, evalue: outcome.evalue, traceback: outcome.traceback });
      if (request.stop_on_error !== false) abortQueue();
      const { ename, evalue, traceback } = outcome;
      return { status: "error", execution_count: count, ename, evalue, traceback, payload: [], user_expressions: {} };
    }
    if (outcome.result !== undefined && !silent) {
      await publish("execute_result", { execution_count: count, ...outcome.result });
      const text = outcome.result.data["text/plain"];
      if (storeHistory && typeof text === "string") state.history.setOutput(count, text);
    }
    return { status: "ok", execution_count: count, payload: outcome.payload, user_expressions: outcome.userExpressions };
  };
}
