/** inspect_request: what the name at the cursor is (signature, docs, value). */
import type { Language } from "../contract/language.js";
import { codePointToUtf16 } from "./cursor.js";
import type { Handler } from "./dispatch.js";

/** Answers inspect_request through the language side. */
export function inspect(language: Language): Handler {
  return async ({ message }) => {
    const { code = "", cursor_pos, detail_level = 0 } = message.content as { code?: string; cursor_pos?: number; detail_level?: number };
    const cursor = codePointToUtf16(code, cursor_pos ?? [...code].length);
    const found = await language.inspect(code, cursor, detail_level);
    return { status: "ok", found: found.found, data: found.data, metadata: found.metadata };
  };
}
