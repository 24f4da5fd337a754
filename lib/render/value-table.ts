/**
 * A compact HTML table of values: one column per field when the values are records with the
 * same fields (readings, messages), a single column otherwise.
 */
import { escapeHtml } from "./escape-html.js";
import { valueText } from "./value-text.js";

const CELL = "padding:1px 8px;text-align:left;font-family:monospace;border-bottom:1px solid #eeeeee;";
const HEAD = "padding:1px 8px;text-align:left;font-family:sans-serif;font-size:0.85em;color:#616161;border-bottom:1px solid #bdbdbd;";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The table of `values`, each row prefixed by its label (its position in the sequence, say). */
export function valueTableHtml(values: readonly unknown[], labels: readonly string[], labelHeading = "#"): string {
  const records = values.length > 0 && values.every(isRecord);
  const columns = records ? [...new Set(values.flatMap((v) => Object.keys(v as Record<string, unknown>)))].slice(0, 8) : ["value"];
  const head = [labelHeading, ...columns].map((c) => `<th style="${HEAD}">${escapeHtml(c)}</th>`).join("");
  const rows = values
    .map((value, i) => {
      const cells = records ? columns.map((c) => (value as Record<string, unknown>)[c]) : [value];
      const tds = cells.map(
        (cell) => `<td style="${CELL}">${escapeHtml(cell === undefined ? "" : typeof cell === "string" ? cell : valueText(cell, 40))}</td>`,
      );
      return `<tr><td style="${CELL}color:#9e9e9e">${escapeHtml(labels[i] ?? "")}</td>${tds.join("")}</tr>`;
    })
    .join("");
  return `<table style="border-collapse:collapse;margin:4px 0"><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}
