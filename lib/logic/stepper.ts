/**
 * `%%logic --step` (`logic.stepper(query)`): a query's search one decision at a time, with the
 * chapter's interpreter (chapter/traced-search.ts). "step" shows the next event (a fact tried,
 * unification succeeding or failing, backtracking); "next answer" runs to the next answer. The
 * view shows the current frame's bindings of the query's variables and the proof so far: the
 * goals in force with the fact chosen for each.
 */
import { escapeHtml } from "../render/html.js";
import { Button, HBox, HTML, VBox } from "../widgets/index.js";
import { bind } from "./chapter/bind.js";
import { Frame } from "./chapter/frame.js";
import { type ChapterProgram, chapterProgram } from "./chapter/program.js";
import { type ProofStep, type SearchEvent, tracedSearch } from "./chapter/traced-search.js";
import { type Expr, elements, type Pair, list, variablesOf } from "./expr.js";
import { write } from "./printer.js";

const LOG_LINES = 8;

/** A fact as the chapter writes it: `(conclusion hypothesis…)` → `conclusion <- hypotheses`. */
function factText(fact: Pair): string {
  const hypotheses = elements(fact.second).items;
  return hypotheses.length === 0 ? write(fact.first) : `${write(fact.first)} <- ${hypotheses.map(write).join(", ")}`;
}

/** One event in words. */
export function describeSearchEvent(event: SearchEvent): string {
  const indent = "  ".repeat("depth" in event ? event.depth : 0);
  switch (event.kind) {
    case "try":
      return `${indent}try ${write(event.goal)} with fact ${factText(event.fact)}`;
    case "unified":
      return `${indent}unified: ${write(event.goal)} = ${write(event.fact.first)}`;
    case "failed":
      return `${indent}does not unify: ${write(event.goal)} ≠ ${write(event.fact.first)}`;
    case "backtrack":
      return `${indent}no more facts for ${write(event.goal)}: backtrack`;
    case "cut":
      return `${indent}depth limit reached at ${write(event.goal)}`;
    case "answer":
      return "answer found";
  }
}

/** The stepper of one query. */
export class LogicStepper extends VBox {
  readonly stepButton: Button;
  readonly answerButton: Button;
  readonly restartButton: Button;
  /** The answers found so far, as the chapter prints them (`a: delano`). */
  readonly answers: string[] = [];
  /** Events shown so far. */
  steps = 0;
  private readonly view: HTML;
  private readonly variables: string[];
  private events!: Generator<SearchEvent>;
  private path: ProofStep[] = [];
  private current: SearchEvent | undefined;
  private env = new Frame(null);
  private log: string[] = [];
  private done = false;

  constructor(
    private readonly goals: readonly Expr[],
    private readonly program: () => ChapterProgram,
  ) {
    const view = new HTML("");
    const stepButton = new Button({ description: "step", buttonStyle: "primary", tooltip: "the search's next decision" });
    const answerButton = new Button({ description: "next answer", tooltip: "run to the next answer" });
    const restartButton = new Button({ description: "restart" });
    super([new HBox([stepButton, answerButton, restartButton]), view]);
    this.view = view;
    this.stepButton = stepButton;
    this.answerButton = answerButton;
    this.restartButton = restartButton;
    this.variables = variablesOf(list([...goals]));
    stepButton.onClick(() => void this.step());
    answerButton.onClick(() => void this.nextAnswer());
    restartButton.onClick(() => this.restart());
    this.restart();
  }

  /** Starts the search over. */
  restart(): void {
    this.path = [];
    this.events = tracedSearch(list([...this.goals]), new Frame(null), 0, this.program(), this.path);
    this.current = undefined;
    this.env = new Frame(null);
    this.log = [];
    this.answers.length = 0;
    this.steps = 0;
    this.done = false;
    this.draw();
  }

  /** Shows the next event; returns it (undefined once the search is over). */
  step(): SearchEvent | undefined {
    if (this.done) return undefined;
    const next = this.events.next();
    if (next.done === true) {
      this.done = true;
      this.current = undefined;
      this.log.push(this.answers.length === 0 ? "search over: Failed." : `search over: ${this.answers.length} answer(s)`);
    } else {
      this.current = next.value;
      this.steps++;
      if ("env" in next.value) this.env = next.value.env;
      if (next.value.kind === "answer") this.answers.push(this.answerText(next.value.env));
      this.log.push(describeSearchEvent(next.value));
    }
    this.draw();
    return this.current;
  }

  /** Steps until the next answer (or the end); returns it as the chapter prints it. */
  nextAnswer(): string | undefined {
    for (let event = this.step(); event !== undefined; event = this.step())
      if (event.kind === "answer") return this.answers[this.answers.length - 1];
    return undefined;
  }

  override describe(): string {
    const answers = `${this.answers.length} answer${this.answers.length === 1 ? "" : "s"}`;
    return `LogicStepper(${this.goals.map(write).join(" ")}: ${this.steps} steps, ${answers}${this.done ? ", done" : ""})`;
  }

  private answerText(env: Frame): string {
    return this.variables.map((v) => `${v.slice(1)}: ${write(bind(v, env))}`).join("\t");
  }

  private draw(): void {
    const bindings = this.variables
      .map((v) => `<tr><td>${escapeHtml(v)}</td><td>${escapeHtml(write(bind(v, this.env)))}</td></tr>`)
      .join("");
    const proof = this.path.map(
      (p) =>
        `<li style="margin-left:${p.depth}em"><code>${escapeHtml(write(p.goal))}</code> ← <code>${escapeHtml(factText(p.fact))}</code></li>`,
    );
    const log = this.log
      .slice(-LOG_LINES)
      .map((line, i, shown) => (i === shown.length - 1 ? `<b>${escapeHtml(line)}</b>` : escapeHtml(line)));
    const now =
      this.current === undefined
        ? this.done
          ? "the search is over"
          : "not started: press step"
        : describeSearchEvent(this.current).trim();
    this.view.value = [
      `<div class="lazylab-logic-step" data-steps="${this.steps}">`,
      `<div><b>query</b> <code>${escapeHtml(this.goals.map(write).join(" "))}</code> · step ${this.steps}: <span class="lazylab-logic-now">${escapeHtml(now)}</span></div>`,
      `<div><b>bindings in the current frame</b><table>${bindings || "<tr><td>(no variables)</td></tr>"}</table></div>`,
      `<div><b>proof so far</b><ul>${proof.join("") || "<li>(nothing chosen yet)</li>"}</ul></div>`,
      `<div><b>answers</b> ${this.answers.length === 0 ? "none yet" : `<pre>Success!\n${escapeHtml(this.answers.join("\n"))}</pre>`}</div>`,
      `<pre class="lazylab-logic-log">${log.join("\n")}</pre>`,
      "</div>",
    ].join("");
  }
}

/** A stepper over `goals` with the given facts and settings (read again at each restart). */
export function logicStepper(
  goals: readonly Expr[],
  facts: () => readonly Pair[],
  depthLimit: number | null,
  occursCheck: boolean,
): LogicStepper {
  return new LogicStepper(goals, () => chapterProgram(facts(), depthLimit, occursCheck));
}
