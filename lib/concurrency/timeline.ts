/**
 * A trace drawn: each event in the chapter's words ("read counter[0]: 0", "write 1 -> counter[0]"),
 * one lane per thread or process, lost updates (or any events a demo marks) in red. Short traces
 * become the chapter's step table; long ones a lane chart with waits and held locks as bars.
 */
import { laneTimelineSvg, stepTableSvg, type TimelineItem } from "../render/timeline-svg.js";
import { COLORS } from "../render/svg-markup.js";
import { textGrid } from "../render/text-grid.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { drawingBundle } from "../render/rich-output.js";
import { findLostUpdates } from "./lost-updates.js";
import type { Op, TraceEvent } from "./trace-event.js";

/** How to draw a trace. */
export interface TimelineOptions {
  title?: string;
  /** "steps": the chapter's table, one row per event; "lanes": time running right. Default: steps for up to 60 events. */
  layout?: "steps" | "lanes";
  /** The lane chart's axis: logical time, or wall-clock ms. */
  axis?: "logical" | "wall";
  /** Lines of text under the drawing. */
  caption?: string[];
  /** Notes for events to draw in red (lost updates are found and marked anyway). */
  marks?: Map<TraceEvent, string>;
  /** Leave out events with these ops. */
  hide?: Op[];
}

/** Something with events and lane names (a Trace, or a snapshot of one). */
export interface TraceLike {
  events(): TraceEvent[];
  readonly lanes: Map<number, string>;
}

/** The words for an event, after the chapter's table. */
export function describeEvent(e: TraceEvent): string {
  const v = e.value === undefined ? "" : String(e.value);
  switch (e.op) {
    case "read":
      return `read ${e.object}: ${v}`;
    case "compute":
      return v.startsWith("calculate") ? v : `calculate ${v}`;
    case "write":
      return `write ${v} -> ${e.object}`;
    case "request":
      return `acquire ${e.object} (waits)`;
    case "acquire":
      return `acquired ${e.object}`;
    case "release":
      return `release ${e.object}`;
    case "arrive":
      return `${e.object}.wait()`;
    case "pass":
      return `passed ${e.object}`;
    case "put":
      return `put ${v}`;
    case "get":
      return `got ${v}`;
    case "taskDone":
      return `task_done (${v} left)`;
    case "join":
      return `${e.object}.join() returns`;
    case "send":
      return `send ${v} on ${e.object}`;
    case "recvWait":
      return `${e.object}.recv() …`;
    case "recv":
      return `recv ${v} from ${e.object}`;
    case "check":
      return `in seen? ${v}`;
    case "add":
      return `seen.add ${v}`;
    case "fetch":
      return `fetch ${v}`;
    case "fetched":
      return `fetched ${v}`;
    case "found":
      return `dead link ${v}`;
    case "start":
      return "start";
    case "end":
      return "end";
    case "deadlock":
      return `deadlock: ${v}`;
    case "error":
      return `error: ${v}`;
    default:
      return v === "" ? e.op : v;
  }
}

const COLOR_OF: Partial<Record<Op, string>> = {
  read: COLORS.read,
  write: COLORS.write,
  compute: COLORS.compute,
  request: COLORS.lock,
  acquire: COLORS.lock,
  release: COLORS.lock,
  arrive: COLORS.barrier,
  pass: COLORS.barrier,
  put: COLORS.queue,
  get: COLORS.queue,
  taskDone: COLORS.queue,
  join: COLORS.queue,
  send: COLORS.pipe,
  recvWait: COLORS.pipe,
  recv: COLORS.pipe,
  check: COLORS.lock,
  add: COLORS.lock,
  fetch: COLORS.fetch,
  fetched: COLORS.fetch,
  found: COLORS.bad,
  deadlock: COLORS.bad,
  error: COLORS.bad,
};

// Pairs drawn as bars in the lane chart: the first op opens it, the second closes it.
const BARS: [Op, Op, "wait" | "bar"][] = [
  ["request", "acquire", "wait"],
  ["acquire", "release", "bar"],
  ["arrive", "pass", "wait"],
  ["recvWait", "recv", "wait"],
  ["fetch", "fetched", "bar"],
];

/** A drawable trace. */
export class Timeline {
  readonly events: TraceEvent[];
  readonly laneSlots: number[];
  readonly marks: Map<TraceEvent, string>;

  constructor(
    private readonly trace: TraceLike,
    private readonly options: TimelineOptions = {},
  ) {
    const hide = new Set(options.hide ?? []);
    this.events = trace.events().filter((e) => !hide.has(e.op));
    this.laneSlots = [...new Set(this.events.map((e) => e.thread))].sort((a, b) => a - b);
    this.marks = new Map(options.marks);
    for (const { lost, overwrittenBy } of findLostUpdates(this.events)) {
      this.marks.set(lost, `lost: overwritten by ${this.laneName(overwrittenBy.thread)}`);
      if (!this.marks.has(overwrittenBy)) this.marks.set(overwrittenBy, "computed from a stale read");
    }
  }

  /** The SVG drawing. */
  svg(): string {
    const lanes = this.laneSlots.map((s) => this.laneName(s));
    const lane = (e: TraceEvent) => this.laneSlots.indexOf(e.thread);
    const title = this.options.title ?? "Trace";
    const layout = this.options.layout ?? (this.events.length <= 60 ? "steps" : "lanes");
    if (layout === "steps") {
      const items: TimelineItem[] = this.events.map((e, i) => ({
        lane: lane(e),
        at: i,
        label: describeEvent(e),
        color: COLOR_OF[e.op] ?? COLORS.muted,
        kind: e.op === "request" ? "wait" : "mark",
        highlight: this.marks.get(e),
      }));
      return stepTableSvg({ title, lanes, items, caption: this.options.caption });
    }
    const stamped = this.events.some((e) => e.wall > 0); // a trace made with wallClock: false has logical time only
    const wall = (this.options.axis ?? (stamped ? "wall" : "logical")) === "wall" && stamped;
    const at = (e: TraceEvent) => (wall ? e.wall : e.time);
    const items: TimelineItem[] = [];
    const open = new Map<string, TraceEvent>();
    for (const e of this.events) {
      for (const [from, to, kind] of BARS) {
        const key = `${e.thread}|${e.object}|${from}`;
        if (e.op === from) open.set(key, e);
        if (e.op === to && open.has(key)) {
          const start = open.get(key)!;
          open.delete(key);
          items.push({
            lane: lane(e),
            at: at(start),
            until: at(e),
            kind,
            color: COLOR_OF[e.op] ?? COLORS.muted,
            label: `${describeEvent(start)} … ${describeEvent(e)}`,
            highlight: this.marks.get(start) ?? this.marks.get(e),
          });
        }
      }
      items.push({
        lane: lane(e),
        at: at(e),
        label: describeEvent(e),
        color: COLOR_OF[e.op] ?? COLORS.muted,
        kind: "mark",
        highlight: this.marks.get(e),
      });
    }
    const rules = this.events.filter((e) => e.op === "pass" && e.value === 0).map((e) => ({ at: at(e) }));
    return laneTimelineSvg({ title, lanes, items, caption: this.options.caption, rules, unit: wall ? "ms" : "steps" });
  }

  /** The chapter's table as text: one column per lane, one row per event. */
  text(limit = 200): string {
    const lanes = this.laneSlots.map((s) => this.laneName(s));
    const rows = this.events.slice(0, limit).map((e, i) => {
      const row = [String(i), ...lanes.map(() => "")];
      const mark = this.marks.get(e);
      row[1 + this.laneSlots.indexOf(e.thread)] = describeEvent(e) + (mark ? `  <- ${mark}` : "");
      return row;
    });
    const more = this.events.length > limit ? `\n… ${this.events.length - limit} more events` : "";
    return `${this.options.title ?? "Trace"}\n${textGrid(["time", ...lanes], rows)}${more}${(this.options.caption ?? []).map((c) => `\n${c}`).join("")}`;
  }

  [MIMEBUNDLE](): MimeBundle {
    return drawingBundle([this.svg()], this.text());
  }

  private laneName(slot: number): string {
    return this.trace.lanes.get(slot) ?? `#${slot}`;
  }
}
