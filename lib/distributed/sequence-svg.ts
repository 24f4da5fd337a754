/**
 * A message sequence diagram: two lifelines, time running down, one arrow per datagram in the
 * order it was sent. A datagram the network dropped stops halfway at a red ✗; one it sent twice
 * is drawn doubled; one held back is drawn dashed, arriving late. Static SVG, shown as an image
 * (svg-image.ts) so sanitizing front ends keep it.
 */
import { COLORS, svgDocument, tag, text, textWidth } from "../render/svg-markup.js";

/** One datagram: which way, its label, and what the network did with it. */
export interface SequenceArrow {
  /** true: left lifeline to right. */
  rightward: boolean;
  label: string;
  fate: "delivered" | "dropped" | "duplicated" | "reordered";
}

const ROW = 26;
const TOP = 62;

/** The diagram of `arrows` between lifelines named `left` and `right`, with `caption` lines under it. */
export function sequenceSvg(title: string, left: string, right: string, arrows: SequenceArrow[], caption: string[] = []): string {
  const labelWidth = Math.max(160, ...arrows.map((a) => textWidth(a.label, 11) + 40));
  const x0 = 70;
  const x1 = x0 + labelWidth + 60;
  const width = Math.max(x1 + 150, ...caption.map((c) => textWidth(c, 12) + 24));
  const bottom = TOP + arrows.length * ROW + 10;
  const height = bottom + 16 + caption.length * 18;
  const body: string[] = [
    text(12, 20, title, { "font-size": 14, "font-weight": "bold", fill: COLORS.ink }),
    text(x0, 46, left, { "text-anchor": "middle", "font-weight": "bold", fill: COLORS.ink }),
    text(x1, 46, right, { "text-anchor": "middle", "font-weight": "bold", fill: COLORS.ink }),
    tag("line", { x1: x0, y1: 52, x2: x0, y2: bottom, stroke: COLORS.muted, "stroke-width": 1.5 }),
    tag("line", { x1: x1, y1: 52, x2: x1, y2: bottom, stroke: COLORS.muted, "stroke-width": 1.5 }),
  ];
  arrows.forEach((a, i) => {
    const y = TOP + i * ROW;
    const [from, to] = a.rightward ? [x0, x1] : [x1, x0];
    const drop = ROW * (a.fate === "reordered" ? 1.6 : 0.6);
    const bad = a.fate !== "delivered";
    const color = a.fate === "dropped" ? COLORS.bad : a.fate === "delivered" ? COLORS.ink : COLORS.write;
    const end = a.fate === "dropped" ? (from + to) / 2 : to;
    const endY = a.fate === "dropped" ? y + drop / 2 : y + drop;
    const dash = a.fate === "reordered" ? { "stroke-dasharray": "5 3" } : {};
    body.push(tag("line", { x1: from, y1: y, x2: end, y2: endY, stroke: color, "stroke-width": 1.5, ...dash }));
    if (a.fate === "duplicated") body.push(tag("line", { x1: from, y1: y + 4, x2: end, y2: endY + 4, stroke: color, "stroke-width": 1.5 }));
    if (a.fate === "dropped") body.push(text(end, endY + 5, "✗", { "text-anchor": "middle", fill: COLORS.bad, "font-size": 16 }));
    else {
      const dir = a.rightward ? -1 : 1;
      body.push(tag("path", { d: `M${to},${endY} l${dir * 8},-4 l0,8 z`, fill: color }));
    }
    body.push(text((x0 + x1) / 2, y - 3, a.label, { "text-anchor": "middle", "font-size": 11, fill: bad ? color : COLORS.ink }));
    if (a.fate !== "delivered") {
      const note = { dropped: "lost", duplicated: "sent twice", reordered: "held back: arrives late" }[a.fate];
      body.push(text(x1 + 14, y + 4, note, { "font-size": 11, fill: color }));
    }
  });
  caption.forEach((c, i) => body.push(text(12, bottom + 22 + i * 18, c, { fill: COLORS.ink })));
  return svgDocument(width, height, title, body);
}
