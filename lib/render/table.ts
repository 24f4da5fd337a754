/** Tables as HTML (for notebooks) and as aligned plain text (the text/plain fallback). */
import { escapeHtml } from "./escape-html.js";

/** A cell of a table: text, or text aligned right (numbers). */
export type TableCell = string | { text: string; align?: "left" | "right"; title?: string };

function cellText(cell: TableCell): string {
  return typeof cell === "string" ? cell : cell.text;
}

function cellAlign(cell: TableCell): "left" | "right" {
  return typeof cell === "string" ? "left" : (cell.align ?? "left");
}

/** An HTML table; `caption` above it, cells escaped. */
export function htmlTable(headers: TableCell[], rows: TableCell[][], caption?: string): string {
  const th = headers.map((h) => `<th style="text-align:${cellAlign(h)}">${escapeHtml(cellText(h))}</th>`).join("");
  const body = rows
    .map((row) => {
      const tds = row.map((c) => {
        const title = typeof c !== "string" && c.title !== undefined ? ` title="${escapeHtml(c.title)}"` : "";
        return `<td style="text-align:${cellAlign(c)};font-family:monospace"${title}>${escapeHtml(cellText(c))}</td>`;
      });
      return `<tr>${tds.join("")}</tr>`;
    })
    .join("\n");
  const cap = caption === undefined ? "" : `<caption style="caption-side:top;text-align:left">${escapeHtml(caption)}</caption>`;
  return `<table>${cap}<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table>`;
}

/** Columns padded with spaces to line up in a monospace font. */
export function textTable(headers: TableCell[], rows: TableCell[][]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, i) => Math.max(...all.map((r) => cellText(r[i] ?? "").length)));
  const line = (row: TableCell[]) =>
    row
      .map((c, i) =>
        cellAlign(headers[i]) === "right" || cellAlign(c) === "right" ? cellText(c).padStart(widths[i]) : cellText(c).padEnd(widths[i]),
      )
      .join("  ")
      .trimEnd();
  return all.map(line).join("\n");
}
