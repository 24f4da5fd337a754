/**
 * SVG drawings inside HTML outputs, carried as images. Front ends sanitize the HTML of untrusted
 * notebooks (JupyterLab, GitHub's and VS Code's viewers): inline `<svg>` is stripped and only its
 * text survives, run together. An `<img>` whose source is a data URL survives sanitizing, draws the
 * same in trusted and untrusted notebooks, classic Notebook and nbconvert's HTML, and its labels stay
 * inside the picture. Every drawing the library puts in HTML goes through svgImage().
 */
import { escapeHtml } from "./html.js";

/** The value of attribute `name` on the root `<svg …>` element, if any. */
function rootAttribute(svg: string, name: string): string | undefined {
  const open = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? "";
  return new RegExp(`\\s${name}="([^"]*)"`).exec(open)?.[1];
}

/** The text of the drawing's `<title>` (unescaped), if it has one. */
function svgTitle(svg: string): string | undefined {
  const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1];
  return title?.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");
}

/** A data URL (`data:image/svg+xml;base64,…`) holding `svg`. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}

/**
 * `svg` as an HTML `<img>`: the drawing as a data URL, its own width and height, and `alt` (or the
 * drawing's title) as the text a reader without the picture gets.
 */
export function svgImage(svg: string, alt: string): string {
  const width = rootAttribute(svg, "width");
  const height = rootAttribute(svg, "height");
  const size = `${width === undefined ? "" : ` width="${escapeHtml(width)}"`}${height === undefined ? "" : ` height="${escapeHtml(height)}"`}`;
  return `<img src="${svgDataUrl(svg)}" alt="${escapeHtml(svgTitle(svg) ?? alt)}"${size} style="max-width:none">`;
}
