/**
 * Where a widget's handler output and errors are shown. A handler runs when the front end sends a
 * message, usually long after the cell that made the widget has finished; JupyterLab then routes
 * output published under that cell to its log console, not under the cell. So the first widget a
 * cell displays is shown together with an (empty, invisible) Output widget for that cell: what a
 * handler of a finished cell prints, displays or throws is appended there, under the cell, in any
 * front end with a widget manager. While the cell still runs, the kernel shows it under the cell directly.
 */
import { type CellLifetime, currentCellLifetime } from "../jupyter.js";

/** What a widget remembers of the cell that created it. */
export class CellOrigin {
  private ended = false;
  /** Appends an output (stream, display, error) under the cell (set once the cell has displayed a widget). */
  outputSink: ((output: Record<string, unknown>) => void) | undefined;

  constructor(lifetime: CellLifetime | undefined) {
    // Outside a kernel (or inside a handler) there is no cell to wait for.
    if (lifetime === undefined) this.ended = true;
    else lifetime.onEnd(() => (this.ended = true));
  }

  /** Whether the cell has finished (its outputs are no longer routed under it by the front end). */
  get finished(): boolean {
    return this.ended;
  }
}

const origins = new WeakMap<CellLifetime, CellOrigin>();
let outsideCells: CellOrigin | undefined;

/** The origin of the cell running now (one per cell, shared by its widgets). */
export function currentOrigin(): CellOrigin {
  const lifetime = currentCellLifetime();
  if (lifetime === undefined) return (outsideCells ??= new CellOrigin(undefined));
  let origin = origins.get(lifetime);
  if (origin === undefined) {
    origin = new CellOrigin(lifetime);
    origins.set(lifetime, origin);
  }
  return origin;
}
