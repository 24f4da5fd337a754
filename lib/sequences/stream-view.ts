/**
 * How a Stream shows itself without computing anything: the computed prefix, then `<...>` for
 * a rest not computed yet, in the chapter's notation (`Stream(1, <...>)`); the HTML view draws
 * computed cells solid and the pending rest dashed.
 */
import { captionedRowHtml, type RowCell } from "../render/cell-row.js";
import { valueText } from "../render/value-text.js";
/**
 * What the view reads of a Stream (its shape, not the class: stream.ts imports this view, so the
 * view names no import back).
 */
export interface Stream<T> {
  readonly isEmpty: boolean;
  readonly first: T;
  readonly restState: "pending" | "computed" | string;
  readonly rest: Stream<T>;
}

/** Elements shown before the view elides the rest of the computed prefix. */
const SHOWN = 12;
/** How far the view counts computed cells (a walked stream may hold millions). */
const COUNTED = 100_000;

/** What a stream has computed so far. */
export interface ComputedPrefix<T> {
  /** Up to SHOWN leading elements. */
  shown: T[];
  /** Computed elements beyond those shown (counted up to COUNTED). */
  more: number;
  /** Whether counting stopped at COUNTED before reaching the pending rest or the end. */
  countCapped: boolean;
  /** How the prefix ends: at a rest not computed yet, or at Stream.empty. */
  ends: "pending" | "empty";
}

/** The computed prefix of `s`, read without forcing any rest. */
export function computedPrefix<T>(s: Stream<T>): ComputedPrefix<T> {
  const shown: T[] = [];
  let more = 0;
  for (;;) {
    if (s.isEmpty) return { shown, more, countCapped: false, ends: "empty" };
    if (shown.length < SHOWN) shown.push(s.first);
    else if (++more >= COUNTED) return { shown, more, countCapped: true, ends: "pending" };
    if (s.restState === "pending") return { shown, more, countCapped: false, ends: "pending" };
    s = s.rest; // already computed: reading it computes nothing
  }
}

/** The plain-text form: `Stream.empty`, `Stream(1, <...>)`, `Stream(1, 2, <...>)`, `Stream(1, 5, 9)`. */
export function streamText<T>(s: Stream<T>): string {
  if (s.isEmpty) return "Stream.empty";
  const prefix = computedPrefix(s);
  const parts = prefix.shown.map((v) => valueText(v));
  if (prefix.more > 0) parts.push(`…+${prefix.more.toLocaleString("en-US")}${prefix.countCapped ? "+" : ""} computed`);
  if (prefix.ends === "pending") parts.push("<...>");
  return `Stream(${parts.join(", ")})`;
}

/** The MIME bundle: the text form and a row of computed and pending cells. */
export function streamBundle<T>(s: Stream<T>): Record<string, string> {
  return { "text/plain": streamText(s), "text/html": streamHtml(s) };
}

function streamHtml<T>(s: Stream<T>): string {
  if (s.isEmpty) return captionedRowHtml("Stream.empty", [{ text: "Stream.empty", state: "end" }]);
  const prefix = computedPrefix(s);
  const cells: RowCell[] = prefix.shown.map((v) => ({ text: valueText(v, 30), state: "computed", title: "computed" }));
  const computed = prefix.shown.length + prefix.more;
  if (prefix.more > 0)
    cells.push({ text: `… ${prefix.more.toLocaleString("en-US")}${prefix.countCapped ? "+" : ""} more`, state: "elided" });
  if (prefix.ends === "pending") cells.push({ text: "<...>", state: "pending", title: "rest: not computed yet" });
  else cells.push({ text: "Stream.empty", state: "end", title: "end of the stream" });
  const count = `${computed.toLocaleString("en-US")}${prefix.countCapped ? "+" : ""} element${computed === 1 ? "" : "s"} computed`;
  const caption = prefix.ends === "pending" ? `Stream · ${count} · rest not computed yet` : `Stream · ${count} · complete`;
  return captionedRowHtml(caption, cells);
}
