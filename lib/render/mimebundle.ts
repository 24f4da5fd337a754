/** The hook by which library values choose how the kernel shows them (DESIGN.md: public contracts). */

/** The method name a value defines to be shown as a MIME bundle. */
export const MIMEBUNDLE: unique symbol = Symbol.for("jupyter.mimebundle") as typeof MIMEBUNDLE;

/** A MIME bundle: MIME type → content; always with `text/plain`. */
export type MimeBundle = { "text/plain": string } & Record<string, string>;
