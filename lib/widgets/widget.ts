/**
 * The base of every widget: a model whose state lives in the kernel and in the front end, kept
 * the same over a `jupyter.widget` comm. Setting a property sends an `update`; an `update` from
 * the front end (a slider moved) changes the property and calls its observers. Displaying a widget
 * sends its view, with a static picture for front ends that have no widget manager.
 */
import { type Comm, type CommMessage, captureOutput, errorOutput, openComm } from "../comm.js";
import { MIMEBUNDLE } from "../render/mimebundle.js";
import { type CellOrigin, currentOrigin } from "./origin.js";
import { ensureControlTarget } from "./control.js";
import { widgetClosed, widgetOpened } from "./live-widgets.js";
import { PROTOCOL_VERSION, WIDGET_TARGET } from "./protocol.js";
import { fromWire, toWire } from "./wire-state.js";

/** A property change, as observers receive it. */
export interface Change<V = unknown> {
  name: string;
  old: V;
  new: V;
  owner: Widget;
  /** Who changed it: the front end (a user) or kernel code. */
  by: "front end" | "kernel";
}

/** Called with each change of an observed property; may be async. */
export type Observer<V = unknown> = (change: Change<V>) => void | Promise<void>;

/** Called with each custom message from the front end (a button click); may be async. */
export type CustomHandler = (content: Record<string, unknown>, buffers: Uint8Array[]) => void | Promise<void>;

/** Turns handler errors into one: the kernel shows it under the cell that created the widget. */
class HandlerErrors extends AggregateError {
  override name = "HandlerErrors";
}

/** A widget model. Subclasses declare their properties with `syncedProperties`. */
export abstract class Widget {
  /** The model id (the comm id): what views and `IPY_MODEL_` references name. */
  readonly modelId: string;
  /** The cell that created the widget: where its handlers' errors are shown. */
  readonly origin: CellOrigin;
  protected readonly state: Record<string, unknown>;
  private readonly comm: Comm;
  private readonly observers = new Map<string, Set<Observer>>();
  private readonly customHandlers = new Set<CustomHandler>();
  private open = true;

  constructor(state: Record<string, unknown>) {
    this.state = { ...state };
    this.origin = currentOrigin();
    const wire = toWire(this.state);
    this.comm = openComm(
      WIDGET_TARGET,
      { state: wire.state, buffer_paths: wire.buffer_paths },
      { version: PROTOCOL_VERSION },
      wire.buffers,
    );
    this.modelId = this.comm.commId;
    widgetOpened(this);
    ensureControlTarget();
    this.comm.onMsg((message) => this.receive(message));
    // What escapes the handlers (an Interrupt of one stuck in a loop) goes where their errors go.
    this.comm.onError?.((error) => this.report(error));
    this.comm.onClose(() => {
      this.open = false;
      widgetClosed(this.modelId);
    });
  }

  /** The value of property `name`. */
  get(name: string): unknown {
    return this.state[name];
  }

  /**
   * Sets properties, sends the changed ones to the front end in one update, then calls observers
   * at once (as traitlets does): an observer's error is thrown here, to the code that set the value.
   */
  set(values: Record<string, unknown>): void {
    const changes = this.apply(values, "kernel");
    if (changes.length === 0) return;
    this.sendState(Object.fromEntries(changes.map((c) => [c.name, c.new])));
    for (const change of changes) {
      for (const observer of this.observers.get(change.name) ?? []) {
        const result = observer(change);
        // An async observer finishes after the setter has moved on: its error has only the cell to go to.
        if (result instanceof Promise) result.catch((error: unknown) => this.reportAfterCell(error));
      }
    }
  }

  /** Calls `observer` after every change of `name`; returns a function that stops it. */
  observe<V = unknown>(name: string, observer: Observer<V>): () => void {
    const set = this.observers.get(name) ?? new Set();
    this.observers.set(name, set);
    set.add(observer as Observer);
    return () => set.delete(observer as Observer);
  }

  /** Calls `handler` with every custom message from the front end. */
  onCustom(handler: CustomHandler): () => void {
    this.customHandlers.add(handler);
    return () => this.customHandlers.delete(handler);
  }

  /** Sends a custom message to the front end's model. */
  sendCustom(content: Record<string, unknown>, buffers: Uint8Array[] = []): void {
    if (this.open) this.comm.send({ method: "custom", content }, {}, buffers);
  }

  /** Closes the model: its views show that it is gone, and it receives nothing more. */
  close(): void {
    if (!this.open) return;
    this.open = false;
    widgetClosed(this.modelId);
    this.comm.close();
  }

  /** One line of text: the widget's type and main values (the text/plain of its display). */
  abstract describe(): string;

  /** A static picture of the widget's current state (HTML, pictures as images): the fallback view. */
  abstract picture(): string;

  /** The display: the live view for widget managers, the picture and text for everyone else. */
  [MIMEBUNDLE](): Record<string, unknown> {
    return displayBundle(this);
  }

  /** The full state, as sent to a front end that asks for it (or for a saved notebook). */
  wireState(): ReturnType<typeof toWire> {
    return toWire(this.state);
  }

  private sendState(state: Record<string, unknown>, method: "update" | "echo_update" = "update"): void {
    if (!this.open) return;
    const wire = toWire(state);
    this.comm.send({ method, state: wire.state, buffer_paths: wire.buffer_paths }, {}, wire.buffers);
  }

  private async receive(message: CommMessage): Promise<void> {
    const data = message.data as { method?: string; state?: Record<string, unknown>; buffer_paths?: unknown; content?: unknown };
    if (data.method === "request_state") return this.sendState(this.state);
    if (data.method === "custom") {
      const content = data.content !== null && typeof data.content === "object" ? (data.content as Record<string, unknown>) : {};
      return this.receiveCustom(content, message.buffers);
    }
    if (data.method !== "update" || data.state === null || typeof data.state !== "object") return;
    const state = fromWire(data.state, data.buffer_paths, message.buffers);
    // Protocol 2.1: the echo tells every front end the kernel took the value (and which request it answers).
    this.sendState(state, "echo_update");
    await this.notify(this.apply(state, "front end"));
  }

  /** Runs the custom-message handlers, as when the front end sends `content` (a click). */
  protected receiveCustom(content: Record<string, unknown>, buffers: Uint8Array[] = []): Promise<void> {
    return this.settle(Array.from(this.customHandlers, (handler) => () => handler(content, buffers)));
  }

  private apply(values: Record<string, unknown>, by: Change["by"]): Change[] {
    const changes: Change[] = [];
    for (const [name, value] of Object.entries(values)) {
      const old = this.state[name];
      if (Object.is(old, value)) continue;
      this.state[name] = value;
      changes.push({ name, old, new: value, owner: this, by });
    }
    return changes;
  }

  private notify(changes: Change[]): Promise<void> {
    return this.settle(
      changes.flatMap((change) => Array.from(this.observers.get(change.name) ?? [], (observer) => () => observer(change))),
    );
  }

  /**
   * Runs every handler (one failing does not stop the others), then reports what failed. Once the
   * creating cell has finished, what handlers print or display goes to its output frame (origin.ts).
   */
  private async settle(handlers: (() => void | Promise<void>)[]): Promise<void> {
    const errors: unknown[] = [];
    const sink = this.origin.finished ? this.origin.outputSink : undefined;
    for (const handler of handlers) {
      try {
        await (sink === undefined ? handler() : captureOutput(sink, handler));
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length === 0) return;
    this.report(errors.length === 1 ? errors[0] : new HandlerErrors(errors, `${errors.length} handlers of ${this.describe()} failed`));
  }

  /** Shows a handler's error under the creating cell: in its output frame once it has finished, else through the kernel. */
  private report(error: unknown): void {
    if (!this.origin.finished || this.origin.outputSink === undefined) throw error; // the kernel shows it under the running cell
    this.origin.outputSink(errorOutput(error));
  }

  /** An error from an async observer of a change made by kernel code, after that code has moved on. */
  private reportAfterCell(error: unknown): void {
    if (this.origin.finished && this.origin.outputSink !== undefined) this.origin.outputSink(errorOutput(error));
    else
      queueMicrotask(() => {
        throw error; // the kernel reports an unhandled error under the cell it belongs to
      });
  }
}

/** The display bundle of `widget`; replaced by display.ts (which knows Output and boxes). */
let displayBundle: (widget: Widget) => Record<string, unknown> = (widget) => ({
  "text/plain": widget.describe(),
  "text/html": widget.picture(),
});

/** Sets how widgets are displayed (display.ts, which needs classes that extend Widget). */
export function setDisplayBundle(bundle: (widget: Widget) => Record<string, unknown>): void {
  displayBundle = bundle;
}

/**
 * Defines `names` as properties of `widgetClass`'s instances: reading gives the synced value,
 * assigning sends it (`slider.value = 3`). The class declares them with `declare` for their types.
 * "buttonStyle:button_style" names a camelCase property kept under ipywidgets' snake_case key.
 */
export function syncedProperties(widgetClass: { prototype: Widget }, names: string[]): void {
  for (const entry of names) {
    const [property, name = property] = entry.split(":");
    Object.defineProperty(widgetClass.prototype, property, {
      get(this: Widget) {
        return this.get(name);
      },
      set(this: Widget, value: unknown) {
        this.set({ [name]: value });
      },
      configurable: true,
    });
  }
}
