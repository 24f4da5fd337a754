/** `%%html`, `%%svg`, `%%markdown`, `%%latex`, `%%javascript`: the cell body shown as that MIME type. */
import type { Magic } from "./registry.js";

function markup(name: string, mime: string, what: string, aliases: string[] = []): Magic[] {
  return [name, ...aliases].map((n) => ({
    name: n,
    help: `%%${n}\n<${what}>\n\nDisplays the cell body as ${mime}.`,
    async cell(_args: string, body: string, { display }) {
      display({ [mime]: body, "text/plain": body });
      return undefined;
    },
  }));
}

/** The markup cell magics. */
export const markupMagics: Magic[] = [
  ...markup("html", "text/html", "HTML"),
  ...markup("svg", "image/svg+xml", "SVG markup"),
  ...markup("markdown", "text/markdown", "Markdown", ["md"]),
  ...markup("latex", "text/latex", "LaTeX"),
  ...markup("javascript", "application/javascript", "JavaScript to run in the browser", ["js"]),
];
