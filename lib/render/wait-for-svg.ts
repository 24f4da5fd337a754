/** A wait-for graph: participants on a circle, an arrow from each waiter to whom it waits for; the deadlock cycle in red. */
import { COLORS, escapeXml, svgDocument, tag, text, textWidth } from "./svg-markup.js";

/** A node of the drawing. */
export interface GraphNode {
  id: number;
  label: string;
  /** A second line ("waits: recv pipe-1[1]"). */
  detail?: string;
  stuck?: boolean;
}

/** An arrow: `from` waits for `to`. */
export interface GraphEdge {
  from: number;
  to: number;
  label: string;
  /** Part of the cycle (drawn red). */
  cycle?: boolean;
}

/** The graph as SVG. */
export function waitForSvg(title: string, nodes: GraphNode[], edges: GraphEdge[], caption: string[] = []): string {
  const width = 620;
  const radius = nodes.length <= 1 ? 0 : nodes.length === 2 ? 170 : 130;
  const cx = width / 2;
  const cy = nodes.length === 2 ? 120 : 60 + 120;
  const place = new Map(
    nodes.map((n, i) => {
      const angle = nodes.length === 2 ? Math.PI * i : -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
      return [n.id, { x: cx + radius * Math.cos(angle), y: cy + (nodes.length === 2 ? 0 : radius * 0.9 * Math.sin(angle)) }];
    }),
  );
  const boxW = (n: GraphNode) => Math.max(textWidth(n.label, 13), textWidth(n.detail ?? "", 10)) + 24;
  const body: string[] = [
    text(12, 22, title, { "font-size": 14, "font-weight": "bold", fill: COLORS.ink }),
    tag(
      "defs",
      {},
      ...[COLORS.bad, COLORS.muted].map((color, i) =>
        tag(
          "marker",
          { id: `arrow-${i}`, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8, orient: "auto-start-reverse" },
          tag("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: color }),
        ),
      ),
    ),
  ];
  const pairs = new Set(edges.map((e) => `${e.from}>${e.to}`));
  for (const edge of edges) {
    const a = place.get(edge.from);
    const b = place.get(edge.to);
    if (a === undefined || b === undefined) continue;
    const bend = pairs.has(`${edge.to}>${edge.from}`) ? 55 : 0; // two-way waits curve apart
    const mx = (a.x + b.x) / 2;
    const my = (a.y + b.y) / 2;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const len = Math.hypot(dx, dy) || 1;
    const qx = mx + (-dy / len) * bend;
    const qy = my + (dx / len) * bend;
    // Start and end on the boxes' borders (plus a gap), leaving toward the curve's control point.
    const trim = (p: { x: number; y: number }, toward: { x: number; y: number }, node: GraphNode) => {
      const l = Math.hypot(toward.x - p.x, toward.y - p.y) || 1;
      const [ux, uy] = [(toward.x - p.x) / l, (toward.y - p.y) / l];
      const by =
        Math.min(Math.abs(ux) > 1e-6 ? boxW(node) / 2 / Math.abs(ux) : Infinity, Math.abs(uy) > 1e-6 ? 22 / Math.abs(uy) : Infinity) + 5;
      return { x: p.x + ux * by, y: p.y + uy * by };
    };
    const start = trim(a, { x: qx, y: qy }, nodes.find((n) => n.id === edge.from)!);
    const end = trim(b, { x: qx, y: qy }, nodes.find((n) => n.id === edge.to)!);
    const color = edge.cycle ? COLORS.bad : COLORS.muted;
    body.push(
      tag("path", {
        d: `M ${start.x} ${start.y} Q ${qx} ${qy} ${end.x} ${end.y}`,
        fill: "none",
        stroke: color,
        "stroke-width": edge.cycle ? 2.5 : 1.5,
        "stroke-dasharray": edge.cycle ? undefined : "5 4",
        "marker-end": `url(#arrow-${edge.cycle ? 0 : 1})`,
      }),
    );
    const lx = (start.x + 2 * qx + end.x) / 4;
    const ly = (start.y + 2 * qy + end.y) / 4;
    body.push(
      tag("rect", {
        x: lx - textWidth(edge.label, 11) / 2 - 4,
        y: ly - 12,
        width: textWidth(edge.label, 11) + 8,
        height: 17,
        fill: "#ffffff",
        opacity: 0.9,
      }),
    );
    body.push(text(lx, ly + 1, edge.label, { "text-anchor": "middle", "font-size": 11, fill: color }));
  }
  for (const node of nodes) {
    const p = place.get(node.id)!;
    const w = boxW(node);
    body.push(
      tag(
        "g",
        {},
        tag("title", {}, escapeXml(`${node.label}${node.detail ? `: ${node.detail}` : ""}`)),
        tag("rect", {
          x: p.x - w / 2,
          y: p.y - 22,
          width: w,
          height: 44,
          rx: 8,
          fill: node.stuck ? COLORS.badFill : "#ffffff",
          stroke: node.stuck ? COLORS.bad : COLORS.muted,
          "stroke-width": 2,
        }),
        text(p.x, p.y - 3, node.label, { "text-anchor": "middle", "font-size": 13, "font-weight": "bold", fill: COLORS.ink }),
        text(p.x, p.y + 13, node.detail ?? "", { "text-anchor": "middle", "font-size": 10, fill: COLORS.muted }),
      ),
    );
  }
  const bottom = cy + (nodes.length === 2 ? 70 : radius * 0.9 + 40);
  caption.forEach((line, i) => body.push(text(12, bottom + 16 + i * 16, line, { fill: COLORS.muted, "font-size": 11 })));
  return svgDocument(width, bottom + 16 + caption.length * 16 + 8, title, body);
}
