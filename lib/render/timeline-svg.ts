/**
 * Timelines of parallel programs, two ways. The step table is the chapter's own figure in 4.7.2:
 * one column per thread, one row per step, time running down, each step labelled in words. The
 * lane chart is for longer runs: one row per thread, time running right, steps as ticks and
 * waits or held locks as bars. Highlighted items (a lost update, a duplicate fetch) are drawn red
 * with their note.
 */
import { COLORS, escapeXml, svgDocument, tag, text, textWidth } from "./svg-markup.js";

/** One thing that happened, placed on a lane. */
export interface TimelineItem {
  lane: number;
  /** Position on the time axis (a step number, or ms). */
  at: number;
  /** End, for bars (a wait, a held lock, a fetch). */
  until?: number;
  label: string;
  color: string;
  /** "wait" bars are drawn hatched grey. */
  kind?: "mark" | "bar" | "wait";
  /** Drawn red, with this note. */
  highlight?: string;
}

/** A timeline's contents. */
export interface TimelineFigure {
  title: string;
  lanes: string[];
  items: TimelineItem[];
  /** Lines of text under the drawing. */
  caption?: string[];
  /** Vertical rules across all lanes (barrier crossings). */
  rules?: { at: number; label?: string }[];
  /** The unit of `at` in the lane chart. */
  unit?: string;
}

const ROW = 22;

/** The step table: lanes as columns, one row per distinct `at`, time running down. */
export function stepTableSvg(figure: TimelineFigure): string {
  const steps = [...new Set(figure.items.map((i) => i.at))].sort((a, b) => a - b);
  const rowOf = new Map(steps.map((s, i) => [s, i]));
  const gutter = 44;
  const colWidth = Math.max(170, ...figure.items.map((i) => textWidth(i.label) + 22));
  const noteWidth = Math.max(0, ...figure.items.filter((i) => i.highlight).map((i) => textWidth(i.highlight!, 11) + 16));
  const top = 58;
  const captionLines = figure.caption ?? [];
  const width = Math.max(
    gutter + figure.lanes.length * colWidth + noteWidth + 16,
    textWidth(figure.title, 14) + 40,
    ...captionLines.map((l) => textWidth(l, 11) + 30),
  );
  const height = top + steps.length * ROW + 14 + captionLines.length * 16 + 8;
  const body: string[] = [text(12, 22, figure.title, { "font-size": 14, "font-weight": "bold", fill: COLORS.ink })];
  figure.lanes.forEach((lane, i) => {
    const x = gutter + i * colWidth;
    body.push(tag("rect", { x: x + 2, y: top - 6, width: colWidth - 4, height: steps.length * ROW + 8, fill: COLORS.lane, rx: 4 }));
    body.push(text(x + colWidth / 2, top - 14, lane, { "text-anchor": "middle", "font-weight": "bold", fill: COLORS.ink }));
  });
  body.push(text(gutter - 8, top - 14, "time", { "text-anchor": "end", fill: COLORS.muted, "font-size": 10 }));
  steps.forEach((_step, r) => {
    body.push(text(gutter - 8, top + r * ROW + 14, String(r), { "text-anchor": "end", fill: COLORS.muted, "font-size": 10 }));
  });
  for (const item of figure.items) {
    const x = gutter + item.lane * colWidth + 8;
    const y = top + rowOf.get(item.at)! * ROW;
    const bad = item.highlight !== undefined;
    const fill = item.kind === "wait" ? "#eeeeee" : bad ? COLORS.badFill : "#ffffff";
    body.push(
      tag(
        "g",
        {},
        tag("title", {}, escapeXml(item.highlight ? `${item.label} (${item.highlight})` : item.label)),
        tag("rect", {
          x,
          y: y + 1,
          width: colWidth - 16,
          height: ROW - 4,
          rx: 3,
          fill,
          stroke: bad ? COLORS.bad : item.color,
          "stroke-width": bad ? 2 : 1,
          "stroke-dasharray": item.kind === "wait" ? "3 2" : undefined,
        }),
        tag("rect", { x, y: y + 1, width: 4, height: ROW - 4, fill: bad ? COLORS.bad : item.color }),
        text(x + 10, y + 14, item.label, { fill: bad ? COLORS.bad : COLORS.ink }),
      ),
    );
    if (bad) {
      const noteX = gutter + figure.lanes.length * colWidth + 8;
      body.push(
        tag("line", {
          x1: x + colWidth - 16,
          x2: noteX - 2,
          y1: y + ROW / 2,
          y2: y + ROW / 2,
          stroke: COLORS.bad,
          "stroke-dasharray": "2 2",
        }),
      );
      body.push(text(noteX, y + 14, item.highlight!, { fill: COLORS.bad, "font-size": 11 }));
    }
  }
  captionLines.forEach((line, i) =>
    body.push(text(12, top + steps.length * ROW + 26 + i * 16, line, { fill: COLORS.muted, "font-size": 11 })),
  );
  return svgDocument(width, height, figure.title, body);
}

/** The lane chart: lanes as rows, time running right. */
export function laneTimelineSvg(figure: TimelineFigure, width = 880): string {
  const left = Math.max(90, ...figure.lanes.map((l) => textWidth(l) + 16));
  const right = 20;
  const top = 44;
  const laneHeight = 30;
  const ats = figure.items.flatMap((i) => [i.at, i.until ?? i.at]);
  const t0 = Math.min(...ats, ...(figure.rules ?? []).map((r) => r.at));
  const t1 = Math.max(...ats, t0 + 1e-9);
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * (width - left - right);
  const captionLines = figure.caption ?? [];
  const plotBottom = top + figure.lanes.length * laneHeight;
  const height = plotBottom + 34 + captionLines.length * 16 + 6;
  const body: string[] = [text(12, 22, figure.title, { "font-size": 14, "font-weight": "bold", fill: COLORS.ink })];
  figure.lanes.forEach((lane, i) => {
    const y = top + i * laneHeight;
    body.push(tag("rect", { x: left, y: y + 3, width: width - left - right, height: laneHeight - 6, fill: COLORS.lane }));
    body.push(text(left - 8, y + laneHeight / 2 + 4, lane, { "text-anchor": "end", fill: COLORS.ink }));
  });
  for (const rule of figure.rules ?? []) {
    body.push(
      tag("line", { x1: x(rule.at), x2: x(rule.at), y1: top, y2: plotBottom, stroke: COLORS.barrier, "stroke-width": 1, opacity: 0.6 }),
    );
  }
  const ordered = [...figure.items].sort((a, b) => Number(a.highlight !== undefined) - Number(b.highlight !== undefined)); // highlights on top
  for (const item of ordered) {
    const y = top + item.lane * laneHeight;
    const bad = item.highlight !== undefined;
    const x0 = x(item.at);
    const title = tag("title", {}, escapeXml(item.highlight ? `${item.label} (${item.highlight})` : item.label));
    if (item.until !== undefined && item.kind !== "mark") {
      const w = Math.max(1.5, x(item.until) - x0);
      const wait = item.kind === "wait";
      body.push(
        tag(
          "g",
          {},
          title,
          tag("rect", {
            x: x0,
            y: y + (wait ? 11 : 7),
            width: w,
            height: wait ? 8 : laneHeight - 14,
            fill: wait ? COLORS.wait : bad ? COLORS.bad : item.color,
            opacity: wait ? 1 : 0.85,
          }),
        ),
      );
    } else {
      body.push(
        tag(
          "g",
          {},
          title,
          tag("rect", { x: x0 - 1, y: y + 5, width: bad ? 3 : 2, height: laneHeight - 10, fill: bad ? COLORS.bad : item.color }),
        ),
      );
    }
  }
  const axisY = plotBottom + 4;
  body.push(tag("line", { x1: left, x2: width - right, y1: axisY, y2: axisY, stroke: COLORS.muted }));
  for (let k = 0; k <= 5; k++) {
    const t = t0 + ((t1 - t0) * k) / 5;
    body.push(tag("line", { x1: x(t), x2: x(t), y1: axisY, y2: axisY + 4, stroke: COLORS.muted }));
    body.push(
      text(x(t), axisY + 16, `${formatAxis(t - t0)}${k === 5 && figure.unit ? ` ${figure.unit}` : ""}`, {
        "text-anchor": k === 5 ? "end" : "middle",
        fill: COLORS.muted,
        "font-size": 10,
      }),
    );
  }
  captionLines.forEach((line, i) => body.push(text(12, plotBottom + 40 + i * 16, line, { fill: COLORS.muted, "font-size": 11 })));
  return svgDocument(width, height, figure.title, body);
}

function formatAxis(v: number): string {
  return Math.abs(v) >= 100 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1);
}
