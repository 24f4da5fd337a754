/**
 * A row of boxes joined by arrows, each marked computed or pending: how a lazy list looks when
 * some of it exists and some does not yet. Inline styles only, so the view survives nbconvert
 * and sanitising front ends.
 */
import { escapeHtml } from "./escape-html.js";

/** One box: a value that exists, a part not computed yet, the end of the list, or elided cells. */
export interface RowCell {
  text: string;
  state: "computed" | "pending" | "end" | "elided";
  /** Tooltip. */
  title?: string;
}

const BOX = "display:inline-block;padding:2px 8px;margin:2px 0;border-radius:4px;font-family:monospace;white-space:pre;";
const STYLES: Record<RowCell["state"], string> = {
  computed: `${BOX}border:1.5px solid #2e7d32;background:#e8f5e9;color:#1b5e20;`,
  pending: `${BOX}border:1.5px dashed #9e9e9e;background:#fafafa;color:#757575;font-style:italic;`,
  end: `${BOX}border:1.5px solid #bdbdbd;background:#eeeeee;color:#616161;`,
  elided: "display:inline-block;padding:2px 4px;color:#757575;font-family:monospace;",
};
const ARROW = '<span style="color:#9e9e9e;margin:0 4px">→</span>';

/** The HTML of a row of cells. */
export function cellRowHtml(cells: readonly RowCell[]): string {
  return cells
    .map((cell) => {
      const title = cell.title === undefined ? "" : ` title="${escapeHtml(cell.title)}"`;
      return `<span data-state="${cell.state}" style="${STYLES[cell.state]}"${title}>${escapeHtml(cell.text)}</span>`;
    })
    .join(ARROW);
}

/** A row of cells under a one-line caption. */
export function captionedRowHtml(caption: string, cells: readonly RowCell[]): string {
  return (
    '<div style="line-height:1.9">' +
    `<div style="font-size:0.85em;color:#616161;font-family:sans-serif">${escapeHtml(caption)}</div>` +
    `<div>${cellRowHtml(cells)}</div>` +
    "</div>"
  );
}
