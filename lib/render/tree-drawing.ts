/**
 * Trees drawn as SVG: each node a box with its label (and its note in smaller type below), children
 * side by side under their parent, joined by lines. The layout is the simple one for trees: a
 * subtree is as wide as its widest level needs, a parent is centred over its children. Walks use
 * explicit stacks; trees past `maxNodes` are not drawn (a drawing that size cannot be read).
 */
import { escapeHtml } from "./html.js";
import { MIMEBUNDLE, type MimeBundle } from "./mimebundle.js";
import { svgImage } from "./svg-image.js";
import type { TreeNode } from "./tree.js";

const CHAR = 7.2; // width of a character of 12px monospace
const PAD = 8;
const BOX_H = 34;
const GAP_X = 14;
const GAP_Y = 26;

/** How to draw a tree. */
export interface DrawingOptions {
  /** Trees with more nodes are not drawn (undefined is returned). */
  maxNodes?: number;
  /** Fill of a node, from the node (default: leaves green, others blue). */
  fill?(node: TreeNode): string;
}

interface Placed {
  node: TreeNode;
  width: number; // of the box
  span: number; // of the subtree
  x: number; // box centre
  depth: number;
  children: Placed[];
}

/** The SVG drawing of a forest of trees, or undefined when it has more than `maxNodes` nodes. */
export function treeSvg(roots: readonly TreeNode[], options: DrawingOptions = {}): string | undefined {
  const maxNodes = options.maxNodes ?? 400;
  const fill = options.fill ?? ((n: TreeNode) => (n.children.length === 0 ? "#e8f5e9" : "#e3f2fd"));
  // Build the placed tree (pre-order), refusing trees too big to read.
  const top: Placed[] = [];
  const order: Placed[] = [];
  const stack: { node: TreeNode; into: Placed[]; depth: number }[] = [...roots].reverse().map((node) => ({ node, into: top, depth: 0 }));
  while (stack.length > 0) {
    const { node, into, depth } = stack.pop()!;
    if (order.length >= maxNodes) return undefined;
    const width = Math.max(node.label.length, (node.note ?? "").length * 0.85) * CHAR + 2 * PAD;
    const placed: Placed = { node, width, span: width, x: 0, depth, children: [] };
    into.push(placed);
    order.push(placed);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], into: placed.children, depth: depth + 1 });
  }
  // Spans bottom-up (reverse pre-order visits children before parents).
  for (let i = order.length - 1; i >= 0; i--) {
    const p = order[i];
    const childSpan = p.children.reduce((sum, c) => sum + c.span, 0) + GAP_X * Math.max(0, p.children.length - 1);
    p.span = Math.max(p.width, childSpan);
  }
  // Positions top-down: children share their parent's span, centred under it.
  let left = 0;
  const queue: { placed: Placed; left: number }[] = top.map((placed) => {
    const item = { placed, left };
    left += placed.span + GAP_X * 2;
    return item;
  });
  while (queue.length > 0) {
    const { placed, left: from } = queue.pop()!;
    placed.x = from + placed.span / 2;
    const childSpan = placed.children.reduce((sum, c) => sum + c.span, 0) + GAP_X * Math.max(0, placed.children.length - 1);
    let x = from + (placed.span - childSpan) / 2;
    for (const child of placed.children) {
      queue.push({ placed: child, left: x });
      x += child.span + GAP_X;
    }
  }
  const width = Math.max(left - GAP_X * 2, 1);
  const height = (Math.max(0, ...order.map((p) => p.depth)) + 1) * (BOX_H + GAP_Y) - GAP_Y;
  const y = (depth: number) => depth * (BOX_H + GAP_Y);
  const parts: string[] = [];
  for (const p of order) {
    for (const c of p.children)
      parts.push(`<line x1="${p.x.toFixed(1)}" y1="${y(p.depth) + BOX_H}" x2="${c.x.toFixed(1)}" y2="${y(c.depth)}" stroke="#888"/>`);
  }
  for (const p of order) {
    const x0 = (p.x - p.width / 2).toFixed(1);
    parts.push(
      `<rect x="${x0}" y="${y(p.depth)}" width="${p.width.toFixed(1)}" height="${BOX_H}" rx="5" fill="${fill(p.node)}" stroke="#90a4ae"/>`,
    );
    parts.push(
      `<text x="${p.x.toFixed(1)}" y="${y(p.depth) + 15}" text-anchor="middle" font-family="monospace" font-size="12">${escapeHtml(p.node.label)}</text>`,
    );
    if (p.node.note !== undefined) {
      parts.push(
        `<text x="${p.x.toFixed(1)}" y="${y(p.depth) + 28}" text-anchor="middle" font-family="sans-serif" font-size="10" fill="#555">${escapeHtml(p.node.note)}</text>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width) + 2}" height="${height + 2}" viewBox="-1 -1 ${Math.ceil(width) + 2} ${height + 2}">${parts.join("")}</svg>`;
}

/** A picture to show in a notebook: SVG, with text for consoles. */
export class SvgDrawing {
  constructor(
    readonly svg: string,
    private readonly text: string,
  ) {}

  /** The text form. */
  toString(): string {
    return this.text;
  }

  /** SVG, the same as an HTML image (it survives untrusted front ends), and text. */
  [MIMEBUNDLE](): MimeBundle {
    return { "text/plain": this.text, "image/svg+xml": this.svg, "text/html": svgImage(this.svg, "drawing") };
  }
}
