/**
 * The collected answers of a query, shown as the chapter's interpreter shows them: `Success!` and
 * one line per answer (or `Failed.`) as text, with an HTML table (`--table`) or each answer's
 * collapsible proof (`--proof`) beside it for notebooks.
 */
import { escapeHtml } from "../render/html.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { htmlTable } from "../render/table.js";
import { answerLine, answerObject, chapterLines, type Value } from "./answers.js";
import type { Expr } from "./expr.js";
import { write } from "./printer.js";
import { answerLineHtml, drawingHtml, proofHtml, type ProofNode, proofText } from "./proofs.js";

/** How a collected query is shown. */
export type OutputFormat = "lines" | "table" | "proof";

/** One answer: the values of the query's variables, in order, and its proof when recorded. */
export interface Solution {
  values: Expr[];
  proof?: ProofNode[];
}

/** The note written when the depth limit cut a search. */
export function depthNote(limit: number): string {
  return `note: depth limit ${limit} reached: clauses deeper than ${limit} were not tried, so answers may be missing (raise it with (depth N) or --depth N)\n`;
}

/** The answers of a query run to the end (or to a limit), shown as the chapter's interpreter shows them. */
export class QueryOutput {
  constructor(
    /** The query's clauses. */
    readonly goals: readonly Expr[],
    /** Its variables, with `?`, in order of first appearance. */
    readonly variables: readonly string[],
    readonly solutions: readonly Solution[],
    /** Whether the depth limit kept some clause from being tried. */
    readonly cut: boolean,
    readonly depthLimit: number,
    /** Whether the search stopped at an answer limit (there may be more). */
    readonly limited: boolean,
    readonly format: OutputFormat = "lines",
    /** Whether the search gave up at a time limit (there may be more answers). */
    readonly stopped = false,
  ) {}

  /** Whether some answer was found. */
  get success(): boolean {
    return this.solutions.length > 0;
  }

  /** The chapter's lines: `Success!` then one line per answer, or `Failed.`. */
  lines(): string[] {
    return chapterLines(
      this.variables,
      this.solutions.map((s) => s.values),
    );
  }

  /** The note for stderr when the depth limit cut the search; undefined otherwise. */
  get note(): string | undefined {
    return this.cut ? depthNote(this.depthLimit) : undefined;
  }

  /** The answers as plain objects. */
  answers(): Record<string, Value>[] {
    return this.solutions.map((s) => answerObject(this.variables, s.values));
  }

  /** The chapter's output as text; with proofs, each answer is followed by its indented proof. */
  toString(): string {
    if (this.format !== "proof" || !this.success) return this.lines().join("\n");
    const out = ["Success!"];
    for (const s of this.solutions) {
      if (this.variables.length > 0) out.push(answerLine(this.variables, s.values));
      out.push(proofText(s.proof ?? [], "  "));
    }
    return out.join("\n");
  }

  /** Text, and HTML for tables and proofs. */
  [MIMEBUNDLE](): MimeBundle {
    const text = this.toString();
    if (this.format === "lines") return { "text/plain": text };
    if (this.format === "table") return { "text/plain": text, "text/html": this.tableHtml() };
    return { "text/plain": text, "text/html": this.proofsHtml() };
  }

  private tableHtml(): string {
    const headers = this.variables.map((v) => v.slice(1));
    const rows = this.solutions.map((s) => s.values.map(write));
    const caption = this.success ? `Success! ${rows.length} answer${rows.length === 1 ? "" : "s"}` : "Failed.";
    return headers.length === 0
      ? `<div>${escapeHtml(caption)}</div>`
      : htmlTable(
          headers,
          rows.map((row) => [...row]),
          caption,
        );
  }

  private proofsHtml(): string {
    if (!this.success) return "<div>Failed.</div>";
    const parts = this.solutions.map((s) => {
      const line = this.variables.length > 0 ? answerLineHtml(answerLine(this.variables, s.values)) : "";
      return `${line}<div style="margin:0.2em 0 0.6em 0">${proofHtml(s.proof ?? [])}${drawingHtml(s.proof ?? [])}</div>`;
    });
    return `<div>Success!</div>${parts.join("")}`;
  }
}
