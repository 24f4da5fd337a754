/**
 * Rich output from cells and from library code: `display`, `newDisplay`, `clearOutput`, `input`.
 * The API matches tslab's `display`. Inside the lazylab kernel these talk to the kernel through a
 * host object it registers; in plain Node they fall back to the console.
 */
import { randomUUID } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { svgImage } from "./render/svg-image.js";

// Captured at load: a cell may declare its own `Buffer` or `console` (top-level names are globals).
const { Buffer: NodeBuffer, console: nodeConsole } = globalThis;

/** Where the kernel registers its host (the library never imports the kernel). */
export const HOST = Symbol.for("lazylab.host");

/** What a hosting kernel provides. */
export interface JupyterHost {
  /** Sends display_data (or update_display_data when `update`) with the given bundle. */
  display(data: Record<string, unknown>, metadata: Record<string, unknown>, displayId: string | undefined, update: boolean): void;
  /** Displays any value through its MIME bundle. */
  displayValue(value: unknown, displayId: string | undefined, update: boolean): void;
  clearOutput(wait: boolean): void;
  input(prompt: string, password: boolean): Promise<string>;
  /** The lifetime of the cell whose code is running (optional: older hosts lack it). */
  cellLifetime?(): CellLifetime | undefined;
}

/** What library code may know about the cell that started it: when it is interrupted and when it ends. */
export interface CellLifetime {
  /** Aborted when the cell is interrupted (its awaits are abandoned, so work it started must stop itself). */
  readonly signal: AbortSignal;
  /** Runs `listener` once the cell has finished, however it finished. */
  onEnd(listener: () => void): void;
}

function host(): JupyterHost | undefined {
  return (globalThis as Record<symbol, JupyterHost | undefined>)[HOST];
}

/** The lifetime of the running cell, when running inside a kernel that tells (undefined in plain Node). */
export function currentCellLifetime(): CellLifetime | undefined {
  return host()?.cellLifetime?.();
}

/** tslab's display API: one method per MIME type. */
export interface Display {
  javascript(s: string): void;
  html(s: string): void;
  markdown(s: string): void;
  latex(s: string): void;
  svg(s: string): void;
  png(b: Uint8Array): void;
  jpeg(b: Uint8Array): void;
  gif(b: Uint8Array): void;
  pdf(b: Uint8Array): void;
  text(s: string): void;
  raw(contentType: string, b: string | Uint8Array): void;
}

const base64 = (b: Uint8Array) => NodeBuffer.from(b).toString("base64");

/** A display surface; with an id, the first call creates the output and later calls update it. */
class Surface implements Display {
  private shown = false;

  constructor(private readonly displayId?: string) {}

  javascript(s: string): void {
    this.raw("application/javascript", s);
  }
  html(s: string): void {
    this.raw("text/html", s);
  }
  markdown(s: string): void {
    this.raw("text/markdown", s);
  }
  latex(s: string): void {
    this.raw("text/latex", s);
  }
  svg(s: string): void {
    // tslab's image/svg+xml, and the same drawing as an image in text/html: front ends render no
    // image/svg+xml of an untrusted notebook, but keep a sanitized HTML image (see render/svg-image.ts).
    this.show({ "image/svg+xml": s, "text/html": svgImage(s, "SVG drawing"), "text/plain": "<image/svg+xml>" });
  }
  png(b: Uint8Array): void {
    this.raw("image/png", b);
  }
  jpeg(b: Uint8Array): void {
    this.raw("image/jpeg", b);
  }
  gif(b: Uint8Array): void {
    this.raw("image/gif", b);
  }
  pdf(b: Uint8Array): void {
    this.raw("application/pdf", b);
  }
  text(s: string): void {
    this.raw("text/plain", s);
  }
  raw(contentType: string, b: string | Uint8Array): void {
    const data: Record<string, unknown> = { [contentType]: typeof b === "string" ? b : base64(b) };
    if (contentType !== "text/plain")
      data["text/plain"] = typeof b === "string" && contentType.startsWith("text/") ? b : `<${contentType}>`;
    this.show(data);
  }
  /** Sends one MIME bundle (or prints its text/plain outside a kernel). */
  private show(data: Record<string, unknown>): void {
    const h = host();
    if (h === undefined) return void nodeConsole.log(data["text/plain"]);
    h.display(data, {}, this.displayId, this.advance());
  }
  /** Displays any value through its MIME bundle (the jupyter.mimebundle hook or its text). */
  value(v: unknown): void {
    const h = host();
    if (h === undefined) return void nodeConsole.log(v);
    h.displayValue(v, this.displayId, this.advance());
  }

  private advance(): boolean {
    const update = this.shown && this.displayId !== undefined;
    this.shown = true;
    return update;
  }
}

/** `display(value)` shows any value; `display.html(…)` and friends send one MIME type (tslab's API). */
export type DisplayFunction = ((value: unknown) => void) & Display;

function displayFunction(surface: Surface): DisplayFunction {
  const fn = ((value: unknown) => surface.value(value)) as DisplayFunction;
  for (const key of ["javascript", "html", "markdown", "latex", "svg", "png", "jpeg", "gif", "pdf", "text", "raw"] as const) {
    (fn as unknown as Record<string, unknown>)[key] = (surface[key] as (...a: unknown[]) => void).bind(surface);
  }
  return fn;
}

/** Shows output below the current cell. */
export const display: DisplayFunction = displayFunction(new Surface());

/** A display that can be updated in place: the first call shows it, later calls replace it. */
export function newDisplay(): DisplayFunction {
  return displayFunction(new Surface(randomUUID()));
}

/** Clears the cell's output; with `wait`, only when the next output arrives (no flicker). */
export function clearOutput(wait = false): void {
  const h = host();
  if (h === undefined) return void (process.stdout.isTTY && nodeConsole.clear());
  h.clearOutput(wait);
}

/**
 * The signal aborted when the user interrupts the execution running now (Jupyter's Interrupt);
 * undefined in plain Node. Long library jobs listen to it to stop their child processes.
 */
export function interruptSignal(): AbortSignal | undefined {
  return currentCellLifetime()?.signal;
}

/** Asks the user for a line of text (through the front end's input box in Jupyter). */
export async function input(prompt = "", options: { password?: boolean } = {}): Promise<string> {
  const h = host();
  if (h !== undefined) return h.input(prompt, options.password === true);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(prompt);
  } finally {
    rl.close();
  }
}
