/**
 * A session of the logic language: one database of facts and the settings its queries run with.
 * The kernel's `%%logic` and `%logic` magics and the TypeScript API share the default session,
 * `logic`, so facts stated in either are queryable from both.
 */
import type { Expr, Pair } from "./expr.js";
import { Database, factOf } from "./database.js";
import { HELP, parseProgram } from "./program.js";
import { Query, type SearchSettings } from "./query.js";
import type { OutputFormat } from "./query-output.js";
import { type LogicEvent, Transcript } from "./transcript.js";
import { readAll, type ReadOptions } from "./reader.js";
import type { Answer } from "./variable-names.js";
import type { Value } from "./answers.js";
import { type LogicStepper, logicStepper } from "./stepper.js";

/** Per-query settings that override the session's. */
export interface QueryOptions {
  /** Deepest clause tried; Infinity for no limit (default: the session's `depth`). */
  depth?: number;
  /** Refuse to bind a variable to a term that contains it (default: the session's `occursCheck`). */
  occursCheck?: boolean;
}

/** Options for running a program (what `%%logic --proof --limit N --depth N --table` set). */
export interface RunOptions extends QueryOptions, ReadOptions {
  /** Record and show each answer's proof. */
  proof?: boolean;
  /** Show answers as an HTML table (the text stays the chapter's lines). */
  table?: boolean;
  /** Stop each query after this many answers. */
  limit?: number;
  /** Instead of answering each query, give a stepper widget through its search (`%%logic --step`). */
  step?: boolean;
}

/** A database of facts and the settings of its queries. */
export class Session {
  readonly database = new Database();
  /** Deepest clause a query tries (the chapter's DEPTH_LIMIT, 20); Infinity for no limit. */
  depth = 20;
  /** Refuse to bind a variable to a term that contains it, so no binding is circular. */
  occursCheck = true;
  /** Where notes go (a depth limit that cut a search): stderr. */
  warn: (text: string) => void = (text) => void process.stderr.write(text);

  /** The facts stated so far, each as `(conclusion hypothesis…)`. */
  get facts(): Pair[] {
    return this.database.facts;
  }

  /**
   * States a fact: `fact("(parent abraham barack)")`, or with hypotheses
   * `fact("(child ?c ?p) (parent ?p ?c)")`; expressions work too: `fact(conclusion, ...hypotheses)`.
   */
  fact(text: string | Expr, ...hypotheses: Expr[]): void {
    if (typeof text === "string" && hypotheses.length === 0) {
      const parts = readAll(text).map((d) => d.expr);
      if (parts.length === 0) throw new TypeError("fact: expected a conclusion, such as (parent abraham barack)");
      this.database.add([factOf(parts[0], parts.slice(1))]);
    } else {
      this.database.add([factOf(text, hypotheses)]);
    }
  }

  /** A query: `query("(ancestor ?a herbert)")` iterates answers `{ a: "delano" }`, … lazily. */
  query<S extends string>(text: S, options?: QueryOptions): Query<Answer<S>>;
  /** A query from expressions, one per clause. */
  query(clauses: readonly Expr[], options?: QueryOptions): Query<Record<string, Value>>;
  query(text: string | readonly Expr[], options: QueryOptions = {}): Query<Record<string, Value>> {
    const goals = typeof text === "string" ? readAll(text).map((d) => d.expr) : text;
    return new Query(this.database, goals, this.settings(options));
  }

  /**
   * A widget stepping through the chapter's search for `text` (a query's clauses) over this
   * session's facts: each fact tried, unification, backtracking, the bindings and the proof so far.
   */
  stepper(text: string | readonly Expr[], options: QueryOptions = {}): LogicStepper {
    const goals = typeof text === "string" ? readAll(text).map((d) => d.expr) : text;
    const depth = options.depth ?? this.depth;
    return logicStepper(
      goals,
      () => this.facts,
      depth === Number.POSITIVE_INFINITY ? null : depth,
      options.occursCheck ?? this.occursCheck,
    );
  }

  /** Forgets every fact. */
  clear(): void {
    this.database.clear();
  }

  /** Runs a program (what a `%%logic` cell holds) and collects its outputs. */
  run(program: string, options: RunOptions = {}): Transcript {
    const events = [...this.execute(program, options)];
    for (const e of events) if (e.kind === "note") this.warn(e.text);
    return new Transcript(events);
  }

  /**
   * Runs a program statement by statement, yielding each output as it is found. The whole
   * program is read and checked first: a syntax error changes nothing.
   */
  *execute(program: string, options: RunOptions = {}): Generator<LogicEvent> {
    const statements = parseProgram(program, options);
    const format: OutputFormat = options.proof ? "proof" : options.table ? "table" : "lines";
    for (const statement of statements) {
      switch (statement.kind) {
        case "fact":
          this.database.add([statement.fact]);
          break;
        case "query": {
          if (options.step === true) {
            yield { kind: "stepper", stepper: this.stepper(statement.goals, options) };
            break;
          }
          const output = new Query(this.database, statement.goals, this.settings(options)).collect({ limit: options.limit, format });
          yield { kind: "output", output };
          if (output.note !== undefined) yield { kind: "note", text: output.note };
          break;
        }
        case "clear":
          this.clear();
          break;
        case "depth":
          this.depth = statement.limit;
          break;
        case "help":
          yield { kind: "text", text: HELP };
          break;
      }
    }
  }

  private settings(options: QueryOptions): SearchSettings {
    return {
      depthLimit: options.depth ?? this.depth,
      occursCheck: options.occursCheck ?? this.occursCheck,
      warn: (text) => this.warn(text),
    };
  }
}

/** The default session: the one database `%logic`, `%%logic` and `import { logic } from "lazylab/logic"` share. */
export const logic = new Session();
