/** Small HTML helpers shared by the library's rich displays. */

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** `text` safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** `text` in a `<code>` element, escaped. */
export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}
