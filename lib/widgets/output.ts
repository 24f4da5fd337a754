/**
 * Output: a widget that holds outputs (text, displays, errors). `capture` sends what code prints
 * or displays into it instead of under the cell, which is how a handler's output lands next to
 * the controls it belongs to; the kernel also puts handler errors of finished cells into one.
 */
import { captureOutput } from "../comm.js";
import { escapeHtml } from "../render/html.js";
import { DOMWidget, type DomOptions } from "./dom-widget.js";

/** An nbformat output (stream, display_data, error). */
export type OutputRecord = Record<string, unknown>;

/** A list of outputs in the front end (ipywidgets' Output). */
export class Output extends DOMWidget {
  constructor(options: DomOptions = {}) {
    super("OutputModel", "OutputView", { msg_id: "", outputs: [] }, options, "output");
  }

  /** The outputs shown now. */
  get outputs(): readonly OutputRecord[] {
    return this.get("outputs") as OutputRecord[];
  }

  /** Runs `fn` (sync or async) with what it prints, displays or throws going into this widget. */
  capture<R>(fn: () => R): R {
    return captureOutput((output) => this.append(output), fn);
  }

  /** Adds one output; text following text of the same stream joins it (one update, not one per line). */
  append(output: OutputRecord): void {
    if (output.output_type === "clear_output") {
      this.clear();
      return;
    }
    const outputs = [...this.outputs];
    const last = outputs[outputs.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name)
      outputs[outputs.length - 1] = { ...last, text: String(last.text) + String(output.text) };
    else outputs.push(output);
    this.set({ outputs });
  }

  /** Removes every output. */
  clear(): void {
    this.set({ outputs: [] });
  }

  describe(): string {
    return `Output(${this.outputs.length} outputs)`;
  }

  picture(): string {
    return this.outputs.map(staticOutput).join("");
  }
}

/** An output as static HTML: its HTML when it has some, its text otherwise. */
function staticOutput(output: OutputRecord): string {
  if (output.output_type === "stream") return `<pre>${escapeHtml(String(output.text))}</pre>`;
  if (output.output_type === "error") return `<pre style="color:#c62828">${escapeHtml(`${output.ename}: ${output.evalue}`)}</pre>`;
  const data = (output.data ?? {}) as Record<string, unknown>;
  if (typeof data["text/html"] === "string") return data["text/html"];
  return `<pre>${escapeHtml(String(data["text/plain"] ?? ""))}</pre>`;
}
