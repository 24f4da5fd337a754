/** The widgets whose comms are open, by model id: what a reloaded page asks for (control.ts). */
import type { WireState } from "./wire-state.js";

/** What the control comm reads of a widget. */
export interface LiveWidget {
  readonly modelId: string;
  wireState(): WireState;
}

const live = new Map<string, LiveWidget>();

/** Notes a widget whose model was opened. */
export function widgetOpened(widget: LiveWidget): void {
  live.set(widget.modelId, widget);
}

/** Forgets a widget whose model was closed (by either side). */
export function widgetClosed(modelId: string): void {
  live.delete(modelId);
}

/** Every widget whose model is open. */
export function liveWidgets(): LiveWidget[] {
  return [...live.values()];
}
