/** is_complete_request: whether a console should run the code or ask for another line. */
import type { Language } from "../contract/language.js";
import type { Handler } from "./dispatch.js";
import { stringField } from "./fields.js";

/** Answers is_complete_request through the language side. */
export function isComplete(language: Language): Handler {
  return async ({ message }) => ({ ...(await language.isComplete(stringField(message.content, "code", ""))) });
}
