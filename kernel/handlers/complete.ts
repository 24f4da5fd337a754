/** complete_request: completions at the cursor, positions converted to code points both ways. */
import type { Language } from "../contract/language.js";
import { codePointToUtf16, utf16ToCodePoint } from "./cursor.js";
import type { Handler } from "./dispatch.js";
import { countField, stringField } from "./fields.js";

/** Answers complete_request through the language side. */
export function complete(language: Language): Handler {
  return async ({ message }) => {
    const code = stringField(message.content, "code", "");
    const cursor = codePointToUtf16(code, countField(message.content, "cursor_pos", [...code].length));
    const found = await language.complete(code, cursor);
    return {
      status: "ok",
      matches: found.matches,
      cursor_start: utf16ToCodePoint(code, found.cursorStart),
      cursor_end: utf16ToCodePoint(code, found.cursorEnd),
      metadata: found.metadata,
    };
  };
}
