/** HTML tables from rows of text, for answers and results that read best as a grid. */
import { escapeHtml } from "./html.js";

/** A table: column headers, rows of cell text (escaped here), and an optional caption. */
export interface TableSpec {
  headers: readonly string[];
  rows: readonly (readonly string[])[];
  caption?: string;
  /** Render cells in a monospace font (for code-like values). */
  monospace?: boolean;
}

/** The HTML of a table. */
export function htmlTable({ headers, rows, caption, monospace = false }: TableSpec): string {
  const cell = (text: string, tag: "td" | "th") =>
    `<${tag} style="text-align:left${monospace && tag === "td" ? ";font-family:monospace" : ""}">${escapeHtml(text)}</${tag}>`;
  const head = headers.length > 0 ? `<thead><tr>${headers.map((h) => cell(h, "th")).join("")}</tr></thead>` : "";
  const body = `<tbody>${rows.map((row) => `<tr>${row.map((c) => cell(c, "td")).join("")}</tr>`).join("")}</tbody>`;
  const title = caption === undefined ? "" : `<caption style="text-align:left">${escapeHtml(caption)}</caption>`;
  return `<table>${title}${head}${body}</table>`;
}
