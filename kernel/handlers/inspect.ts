/** inspect_request: what the name at the cursor is (signature, docs, value). */
import type { Language } from "../contract/language.js";
import { codePointToUtf16 } from "./cursor.js";
import type { Handler } from "./dispatch.js";
import { countField, stringField } from "./fields.js";

/** Answers inspect_request through the language side. */
export function inspect(language: Language): Handler {
  return async ({ message }) => {
    const code = stringField(message.content, "code", "");
    const cursor = codePointToUtf16(code, countField(message.content, "cursor_pos", [...code].length));
    const found = await language.inspect(code, cursor, countField(message.content, "detail_level", 0));
    return { status: "ok", found: found.found, data: found.data, metadata: found.metadata };
  };
}
