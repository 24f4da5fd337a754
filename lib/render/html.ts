/** Small HTML helpers shared by the library's rich displays. */

import { escapeHtml } from "./escape-html.js";

export { escapeHtml };

/** `text` in a `<code>` element, escaped. */
export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}
