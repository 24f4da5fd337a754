/** What running a program produces: events in order, and their transcript as the interpreter prints it. */
import { escapeHtml } from "../render/html.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import type { QueryOutput } from "./query-output.js";
import type { LogicStepper } from "./stepper.js";

/** What running a program produces, statement by statement. */
export type LogicEvent =
  | { kind: "output"; output: QueryOutput }
  | { kind: "note"; text: string } // for stderr: the depth limit cut a search
  | { kind: "text"; text: string } // for stdout: help
  | { kind: "stepper"; stepper: LogicStepper }; // a query to step through (--step)

/** The outputs of a program's queries, shown one after the other. */
export class Transcript {
  constructor(readonly events: readonly LogicEvent[]) {}

  /** The queries' outputs, in order. */
  get outputs(): QueryOutput[] {
    return this.events.flatMap((e) => (e.kind === "output" ? [e.output] : []));
  }

  /** Everything printed, as the chapter's interpreter would print it. */
  toString(): string {
    return this.events
      .filter((e) => e.kind !== "note")
      .map((e) => (e.kind === "output" ? String(e.output) : e.kind === "stepper" ? e.stepper.describe() : e.text.trimEnd()))
      .join("\n");
  }

  /** Text; HTML when some output has it. */
  [MIMEBUNDLE](): MimeBundle {
    const bundles = this.outputs.map((o) => o[MIMEBUNDLE]());
    const text = this.toString();
    if (!bundles.some((b) => b["text/html"] !== undefined)) return { "text/plain": text };
    return { "text/plain": text, "text/html": bundles.map((b) => b["text/html"] ?? `<pre>${escapeHtml(b["text/plain"])}</pre>`).join("") };
  }
}
