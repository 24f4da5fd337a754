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

  /**
   * Adds one output; text following text of the same stream joins it (one update, not one per line).
   * With `keep`, only the newest outputs and the end of long text stay: every update sends the whole
   * list, so a handler that prints on each slider step must not make each update longer than the last.
   */
  append(output: OutputRecord, keep?: { outputs: number; chars: number }): void {
    if (output.output_type === "clear_output") {
      this.clear();
      return;
    }
    let outputs = [...this.outputs];
    const last = outputs[outputs.length - 1];
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name)
      outputs[outputs.length - 1] = { ...last, text: String(last.text) + String(output.text) };
    else outputs.push(output);
    if (keep !== undefined) {
      outputs = outputs.slice(-keep.outputs).map((o) => {
        const text = o.output_type === "stream" ? String(o.text) : "";
        if (text.length <= keep.chars) return o;
        const start = text.length - keep.chars;
        const line = text.indexOf("\n", start); // cut at a line's start when there is one
        return { ...o, text: `…\n${text.slice(line < 0 || line === text.length - 1 ? start : line + 1)}` };
      });
    }
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
