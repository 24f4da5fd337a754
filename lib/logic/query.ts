/**
 * Queries: a lazy, re-runnable sequence of answers. Iterating one runs a fresh search of the
 * database as it then is and yields each answer as a plain object (lists as arrays) when asked
 * for it; `collect` runs to the end for display, `proofs` yields answers with their proofs.
 */
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { answerLine, answerObject, type Value } from "./answers.js";
import type { Database } from "./database.js";
import { type Expr, list, variablesOf } from "./expr.js";
import { Machine } from "./machine.js";
import { Proof, type ProofNode, proofOf } from "./proofs.js";
import { depthNote, type OutputFormat, QueryOutput, type Solution } from "./query-output.js";
import { toExpr } from "./terms.js";

/** How a query runs. */
export interface SearchSettings {
  /** Deepest clause tried (the chapter's DEPTH_LIMIT); Infinity for none. */
  depthLimit: number;
  occursCheck: boolean;
  /** Where the note about a depth cut goes (stderr by default). */
  warn(text: string): void;
}

/**
 * A query: iterate it for its answers (plain objects, lists as arrays), found one at a time as
 * asked for; each iteration searches afresh against the database as it then is.
 */
export class Query<A = Record<string, Value>> implements Iterable<A> {
  /**
   * Most answers, and most seconds of search, for a query shown as a cell's value. The kernel
   * works out a value's display after the cell has run, where Interrupt cannot reach: it must end.
   */
  static display = { answers: 1000, seconds: 10 };

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
  collect(options: { limit?: number; format?: OutputFormat; seconds?: number } = {}): QueryOutput {
    const format = options.format ?? "lines";
    const limit = options.limit ?? Infinity;
    const machine = this.machine(format === "proof", options.seconds);
    const solutions: Solution[] = [];
    while (solutions.length < limit && machine.next()) {
      solutions.push({ values: this.values(machine), proof: format === "proof" ? proofOfMachine(machine) : undefined });
    }
    const limited = solutions.length >= limit; // there may be more
    return new QueryOutput(this.goals, this.variables, solutions, machine.cut, this.settings.depthLimit, limited, format, machine.stopped);
  }

  /** The chapter's output for this query. */
  toString(): string {
    return this.collect({ limit: Query.display.answers }).toString();
  }

  /** Shown as a cell's value: the chapter's lines, for at most 1000 answers or 10 s; cuts are noted on stderr. */
  [MIMEBUNDLE](): MimeBundle {
    const { answers, seconds } = Query.display;
    const output = this.collect({ limit: answers, seconds });
    if (output.note !== undefined) this.settings.warn(output.note);
    if (output.stopped) {
      this.settings.warn(
        `note: stopped showing this query after ${seconds} s; iterate it, or run it with %%logic (which Interrupt can stop), to search on\n`,
      );
    } else if (output.limited) {
      this.settings.warn(`note: showing the first ${answers} answers; iterate the query for the rest\n`);
    }
    return output[MIMEBUNDLE]();
  }

  private machine(proofs: boolean, seconds?: number): Machine {
    const deadline = seconds === undefined ? undefined : performance.now() + seconds * 1000;
    return new Machine(this.database, this.goals, {
      depthLimit: this.settings.depthLimit,
      occursCheck: this.settings.occursCheck,
      proofs,
      deadline,
    });
  }

  private values(machine: Machine): Expr[] {
    return this.variables.map((v) => toExpr(machine.variables.get(v)!));
  }
}

function proofOfMachine(machine: Machine): ProofNode[] {
  return proofOf(machine.lastStep);
}
