/**
 * The way a message went round a peer ring: the peers it passed, drawn as a ring with the route's
 * hops as numbered arrows (static SVG), and as one line of text for consoles and Markdown.
 */
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { drawingBundle } from "../render/rich-output.js";
import { COLORS, svgDocument, tag, text } from "../render/svg-markup.js";

/** A peer reached, and when (ms after the message was sent). */
export interface Hop {
  peer: number;
  at: number;
}

/** A delivered message's route. */
export class Route {
  constructor(
    readonly size: number,
    readonly from: number,
    readonly to: number,
    readonly body: string,
    /** Every peer that held the message, the sender first and the receiver last. */
    readonly hops: Hop[],
  ) {}

  /** The peers in order: `[0, 5, 4]`. */
  get path(): number[] {
    return this.hops.map((h) => h.peer);
  }

  /** Messages sent between peers on the way (0 when a peer sends to itself). */
  get hopCount(): number {
    return this.hops.length - 1;
  }

  /** "peer 0 → peer 5 → peer 4: "hello" delivered after 2 hops (1.2 ms)". */
  toString(): string {
    const ms = this.hops.at(-1)!.at;
    return `${this.path.map((p) => `peer ${p}`).join(" → ")}: ${JSON.stringify(this.body)} delivered after ${this.hopCount} hop${this.hopCount === 1 ? "" : "s"} (${ms} ms)`;
  }

  [MIMEBUNDLE](): MimeBundle {
    return drawingBundle([ringSvg(this)], this.toString(), [this.toString()]);
  }
}

/** The ring, peers as circles, the route as arrows numbered by hop. */
function ringSvg(route: Route): string {
  const cx = 150;
  const cy = 150;
  const r = 100;
  const at = (p: number) => {
    const angle = (2 * Math.PI * p) / route.size - Math.PI / 2;
    return { x: cx + r * Math.cos(angle), y: cy + r * Math.sin(angle) };
  };
  const body: string[] = [
    text(12, 20, `peer ${route.from} → peer ${route.to} on a ring of ${route.size}`, {
      "font-size": 14,
      "font-weight": "bold",
      fill: COLORS.ink,
    }),
    tag("circle", { cx, cy, r, fill: "none", stroke: COLORS.grid, "stroke-width": 6 }),
  ];
  route.path.slice(1).forEach((peer, i) => {
    const a = at(route.path[i]);
    const b = at(peer);
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    const ux = (b.x - a.x) / len;
    const uy = (b.y - a.y) / len;
    const end = { x: b.x - ux * 20, y: b.y - uy * 20 };
    const start = { x: a.x + ux * 20, y: a.y + uy * 20 };
    body.push(tag("line", { x1: start.x, y1: start.y, x2: end.x, y2: end.y, stroke: COLORS.write, "stroke-width": 3 }));
    body.push(
      tag("polygon", {
        points: `${end.x},${end.y} ${end.x - ux * 9 - uy * 5},${end.y - uy * 9 + ux * 5} ${end.x - ux * 9 + uy * 5},${end.y - uy * 9 - ux * 5}`,
        fill: COLORS.write,
      }),
    );
    body.push(
      text((a.x + b.x) / 2 + (cx - (a.x + b.x) / 2) * 0.18, (a.y + b.y) / 2 + (cy - (a.y + b.y) / 2) * 0.18 + 4, String(i + 1), {
        "text-anchor": "middle",
        fill: COLORS.write,
        "font-weight": "bold",
      }),
    );
  });
  for (let p = 0; p < route.size; p++) {
    const { x, y } = at(p);
    const role = p === route.from ? COLORS.good : p === route.to ? COLORS.bad : route.path.includes(p) ? COLORS.write : COLORS.muted;
    body.push(
      tag("circle", { cx: x, cy: y, r: 17, fill: "#ffffff", stroke: role, "stroke-width": p === route.from || p === route.to ? 3 : 1.5 }),
    );
    body.push(text(x, y + 4, String(p), { "text-anchor": "middle", fill: COLORS.ink, "font-weight": "bold" }));
  }
  body.push(text(12, 290, "green: sender · red: receiver · arrows: hops, numbered", { fill: COLORS.muted, "font-size": 11 }));
  return svgDocument(320, 300, route.toString(), body);
}
