/** Building static SVG as text: escaping, elements, a document with a title, one font and a palette. */

import { escapeHtml } from "./html.js";

/** Text safe inside SVG elements and attribute values (SVG escapes as HTML does). */
export const escapeXml = escapeHtml;

/** Attribute values; undefined ones are left out. */
export type Attrs = Record<string, string | number | undefined>;

/** One element: `tag("rect", { x: 1 })` → `<rect x="1"/>`. */
export function tag(name: string, attrs: Attrs, ...children: string[]): string {
  const text = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === "number" ? String(Math.round(v * 100) / 100) : v!)}"`)
    .join("");
  return children.length === 0 ? `<${name}${text}/>` : `<${name}${text}>${children.join("")}</${name}>`;
}

/** A text element (escaped). */
export function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return tag("text", { x, y, ...attrs }, escapeXml(content));
}

/** A whole SVG document: presentation attributes only (no <style>, no scripts), so it renders the same inline in HTML and alone. */
export function svgDocument(width: number, height: number, title: string, body: string[]): string {
  return tag(
    "svg",
    {
      xmlns: "http://www.w3.org/2000/svg",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "font-family": FONT,
      "font-size": 12,
    },
    tag("title", {}, escapeXml(title)),
    tag("rect", { x: 0, y: 0, width, height, fill: "#ffffff" }),
    ...body,
  );
}

/** The font stack of every drawing. */
export const FONT = "DejaVu Sans, Helvetica, Arial, sans-serif";

/** Colours shared by the drawings. */
export const COLORS = {
  ink: "#222222",
  muted: "#777777",
  grid: "#e4e4e4",
  lane: "#f6f6f6",
  read: "#2f6fb0",
  write: "#d9822b",
  compute: "#8a8a8a",
  lock: "#7b4fa0",
  barrier: "#178a8a",
  queue: "#3c8d3c",
  pipe: "#9a6a3a",
  fetch: "#4a7fb5",
  wait: "#c9c9c9",
  bad: "#c62828",
  badFill: "#fde4e4",
  good: "#2e7d32",
} as const;

/** Approximate width in pixels of `content` at `size` (for layout without a browser). */
export function textWidth(content: string, size = 12): number {
  return content.length * size * 0.6;
}
