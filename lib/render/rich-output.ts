/** Values that render in Jupyter: drawings as image/svg+xml and text/html, with a text/plain table for consoles and nbconvert. */
import { escapeHtml } from "./html.js";
import { svgImage } from "./svg-image.js";
import { MIMEBUNDLE, type MimeBundle } from "./mimebundle.js";

/** A bundle showing `svgs` (the first is the image/svg+xml; in HTML each as an image, see svg-image.ts), `notes` as paragraphs under them in HTML, and `plain` as text. */
export function drawingBundle(svgs: string[], plain: string, notes: string[] = []): MimeBundle {
  const html = `<div>${svgs.map((s) => `<div>${svgImage(s, "drawing")}</div>`).join("")}${notes.map((n) => `<p>${escapeHtml(n)}</p>`).join("")}</div>`;
  return { "image/svg+xml": svgs[0] ?? "", "text/html": html, "text/plain": plain };
}

/** A value that shows as drawings (with notes) in Jupyter and as text elsewhere. */
export class Figure {
  constructor(
    readonly svgs: string[],
    readonly plain: string,
    readonly notes: string[] = [],
  ) {}

  [MIMEBUNDLE](): MimeBundle {
    return drawingBundle(this.svgs, this.plain, this.notes);
  }

  /** The text form (what consoles and nbconvert to markdown show). */
  toString(): string {
    return this.plain;
  }
}
