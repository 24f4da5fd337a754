/** Reading the drawings of an HTML output: each is an <img> whose source is an SVG data URL (lib/render/svg-image.ts). */

/** The SVG documents inside `html`'s `<img src="data:image/svg+xml;base64,…">` elements, decoded. */
export function svgImagesIn(html: string): string[] {
  return [...html.matchAll(/<img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)"/g)].map((m) =>
    Buffer.from(m[1], "base64").toString("utf8"),
  );
}

/** One drawing as a page shows it: the decoded SVG and the size the <img> takes on the page. */
export interface ShownDrawing {
  svg: string;
  width: number;
  height: number;
  complete: boolean;
}

/** The SVG-image drawings under `scope` (a playwright Locator), with their rendered sizes. */
export async function drawingsShown(scope: {
  locator(selector: string): { evaluateAll<R>(fn: (els: Element[]) => R): Promise<R> };
}): Promise<ShownDrawing[]> {
  const shown = await scope.locator('img[src^="data:image/svg+xml;base64,"]').evaluateAll((els) =>
    els.map((el) => {
      const img = el as HTMLImageElement;
      const box = img.getBoundingClientRect();
      return { src: img.src, width: box.width, height: box.height, complete: img.complete && img.naturalWidth > 0 };
    }),
  );
  return shown.map(({ src, ...rest }) => ({ svg: Buffer.from(src.slice(src.indexOf(",") + 1), "base64").toString("utf8"), ...rest }));
}
