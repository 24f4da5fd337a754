/**
 * Queries: a lazy, re-runnable sequence of answers (`Query`), and the collected result of running
 * one, displayed the chapter's way (`QueryOutput`): `Success!` and the answer lines as text, with
 * an HTML table (`--table`) or collapsible proof trees (`--proof`) beside it.
 */
import { htmlTable } from "../render/table.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { escapeHtml } from "../render/html.js";
import { answerLine, answerObject, chapterLines, type Value } from "./answers.js";
import type { Database } from "./database.js";
import { type Expr, variablesOf, list } from "./expr.js";
import { Machine } from "./machine.js";
import { write } from "./printer.js";
import { proofHtml, type ProofNode, proofOf, proofSvg, proofText } from "./proofs.js";
import { toExpr } from "./terms.js";


/** How a query runs. */
export interface SearchSettings {
  /** Deepest clause tried (the chapter's DEPTH_LIMIT); Infinity for none. */
  depthLimit: number;
  occursCheck: boolean;
  /** Where the note about a depth cut goes (stderr by default). */
  warn(text: string): void;
}

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
    return headers.length === 0 ? `<div>${escapeHtml(caption)}</div>` : htmlTable({ headers, rows, caption, monospace: true });
  }

  private proofsHtml(): string {
    if (!this.success) return "<div>Failed.</div>";
    const parts = this.solutions.map((s) => {
      const line = this.variables.length > 0 ? `<div><b><code>${escapeHtml(answerLine(this.variables, s.values).replaceAll("\t", "   "))}</code></b></div>` : "";
      return `${line}<div style="margin:0.2em 0 0.6em 0">${proofHtml(s.proof ?? [])}${drawingHtml(s.proof ?? [])}</div>`;
    });
    return `<div>Success!</div>${parts.join("")}`;
  }
}

/** A proof's drawing, folded away under the tree (empty when the proof is too big to draw). */
function drawingHtml(proof: readonly ProofNode[]): string {
  const svg = proofSvg(proof);
  return svg === undefined || proof.length === 0 ? "" : `<details style="margin-left:0.2em"><summary style="opacity:0.6">drawing</summary>${svg}</details>`;
}

/** A picture: SVG, with text for consoles. */
export class Drawing {
  constructor(
    readonly svg: string,
    private readonly text: string,
  ) {}

  /** The text form. */
  toString(): string {
    return this.text;
  }

  /** SVG, and text. */
  [MIMEBUNDLE](): MimeBundle {
    return { "text/plain": this.text, "image/svg+xml": this.svg };
  }
}

/** One answer with its proof, shown as the answer line above a collapsible tree. */
export class Proof<A = Record<string, Value>> {
  constructor(
    readonly answer: A,
    readonly tree: readonly ProofNode[],
    private readonly line: string,
  ) {}

  /** The answer line and the indented proof. */
  toString(): string {
    return [this.line, proofText(this.tree, "  ")].filter((s) => s !== "").join("\n");
  }

  /** Text, and the proof as collapsible HTML. */
  [MIMEBUNDLE](): MimeBundle {
    const line = this.line === "" ? "" : `<div><b><code>${escapeHtml(this.line.replaceAll("\t", "   "))}</code></b></div>`;
    return { "text/plain": this.toString(), "text/html": line + proofHtml(this.tree) + drawingHtml(this.tree) };
  }

  /** The proof drawn as a tree of boxes (SVG); throws if it has more than 400 goals. */
  draw(): Drawing {
    const svg = proofSvg(this.tree);
    if (svg === undefined) throw new RangeError("this proof is too big to draw (over 400 goals); see its text or HTML form");
    return new Drawing(svg, this.toString());
  }
}

/** Most answers a displayed query shows before it stops (a query shown in a cell runs to the end otherwise). */
const DISPLAY_LIMIT = 1000;

/**
 * A query: iterate it for its answers (plain objects, lists as arrays), found one at a time as
 * asked for; each iteration searches afresh against the database as it then is.
 */
export class Query<A = Record<string, Value>> implements Iterable<A> {
  /** The query's variables, with `?`, in order of first appearance. */
  readonly variables: readonly string[];

  constructor(
    private readonly database: Database,
    /** The query's clauses. */
    readonly goals: readonly Expr[],
    private readonly settings: SearchSettings,
  ) {
    this.variables = variablesOf(list(goals));
  }

  /** The answers, searched lazily. A depth cut is noted on stderr when the iteration ends. */
  *[Symbol.iterator](): Iterator<A> {
    const machine = this.machine(false);
    try {
      while (machine.next()) yield answerObject(this.variables, this.values(machine)) as A;
    } finally {
      if (machine.cut) this.settings.warn(depthNote(this.settings.depthLimit));
    }
  }

  /** Each answer with its proof, lazily. */
  *proofs(): Generator<Proof<A>> {
    const machine = this.machine(true);
    try {
      while (machine.next()) {
        const values = this.values(machine);
        yield new Proof(answerObject(this.variables, values) as A, proofOfMachine(machine), answerLine(this.variables, values));
      }
    } finally {
      if (machine.cut) this.settings.warn(depthNote(this.settings.depthLimit));
    }
  }

  /** How many answers there are (up to `limit`), without making their values. */
  count(limit = Infinity): number {
    const machine = this.machine(false);
    let n = 0;
    while (n < limit && machine.next()) n++;
    if (machine.cut) this.settings.warn(depthNote(this.settings.depthLimit));
    return n;
  }

  /** Runs the search to the end, or until `limit` answers, and collects what it found. */
  collect(options: { limit?: number; format?: OutputFormat } = {}): QueryOutput {
    const format = options.format ?? "lines";
    const limit = options.limit ?? Infinity;
    const machine = this.machine(format === "proof");
    const solutions: Solution[] = [];
    while (solutions.length < limit && machine.next()) {
      solutions.push({ values: this.values(machine), proof: format === "proof" ? proofOfMachine(machine) : undefined });
    }
    const limited = solutions.length >= limit; // there may be more
    return new QueryOutput(this.goals, this.variables, solutions, machine.cut, this.settings.depthLimit, limited, format);
  }

  /** The chapter's output for this query. */
  toString(): string {
    return this.collect({ limit: DISPLAY_LIMIT }).toString();
  }

  /** Shown in a cell: the chapter's lines (at most 1000 answers); a depth cut is noted on stderr. */
  [MIMEBUNDLE](): MimeBundle {
    const output = this.collect({ limit: DISPLAY_LIMIT });
    if (output.note !== undefined) this.settings.warn(output.note);
    return output[MIMEBUNDLE]();
  }

  private machine(proofs: boolean): Machine {
    return new Machine(this.database, this.goals, { depthLimit: this.settings.depthLimit, occursCheck: this.settings.occursCheck, proofs });
  }

  private values(machine: Machine): Expr[] {
    return this.variables.map((v) => toExpr(machine.variables.get(v)!));
  }
}

function proofOfMachine(machine: Machine): ProofNode[] {
  return proofOf(machine.lastStep);
}
