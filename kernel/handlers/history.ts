/** history_request: tail, range and search over this session's inputs. */
import type { Handler } from "./dispatch.js";
import type { KernelState } from "./state.js";

interface HistoryContent {
  output?: boolean;
  hist_access_type?: "tail" | "range" | "search";
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

/** Answers history_request from the kernel's history store. */
export function history(state: KernelState): Handler {
  return async ({ message }) => {
    const r = message.content as HistoryContent;
    const output = r.output === true;
    const store = state.history;
    switch (r.hist_access_type) {
      case "tail":
        return { status: "ok", history: store.tail(r.n ?? 10, output) };
      case "range":
        return { status: "ok", history: store.range(r.session ?? 0, r.start ?? 1, r.stop ?? undefined, output) };
      case "search":
        return { status: "ok", history: store.search(r.pattern ?? "*", r.n, r.unique === true, output) };
      default:
        return { status: "error", ename: "ValueError", evalue: `unknown hist_access_type ${String(r.hist_access_type)}`, traceback: [] };
    }
  };
}
