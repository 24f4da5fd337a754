import { describe, expect, it } from "vitest";
import { HOST, display } from "../../dist/lib/jupyter.js";
import { svgImage } from "../../dist/lib/render/svg-image.js";
import { svgImagesIn } from "../support/svg-images.js";

const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40"><title>a &lt;small&gt; drawing</title><text x="1" y="20">client</text><text x="60" y="20">kernel</text></svg>`;

describe("svgImage", () => {
  it("carries the drawing as an <img> with its size and title, no inline <svg> (untrusted front ends strip that)", () => {
    const html = svgImage(SVG, "fallback");
    expect(html).toMatch(/^<img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="a &lt;small&gt; drawing" width="120" height="40"/);
    expect(html).not.toContain("<svg");
    expect(svgImagesIn(html)).toEqual([SVG]);
    expect(svgImage('<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'say "hi"')).toContain('alt="say &quot;hi&quot;"');
  });

  it("display.svg keeps tslab's image/svg+xml and adds the same drawing as an HTML image", () => {
    const sent: Record<string, unknown>[] = [];
    const g = globalThis as Record<symbol, unknown>;
    const before = g[HOST];
    g[HOST] = { display: (data: Record<string, unknown>) => sent.push(data) };
    try {
      display.svg(SVG);
    } finally {
      g[HOST] = before;
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]["image/svg+xml"]).toBe(SVG);
    expect(sent[0]["text/plain"]).toBe("<image/svg+xml>");
    expect(svgImagesIn(String(sent[0]["text/html"]))).toEqual([SVG]);
  });
});
