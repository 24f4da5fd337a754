/**
 * The one error both the chapter's interpreter (chapter/) and the engine (machine.ts) raise for a
 * circular binding, which only unification without the occurs check can make.
 */

/** Raised when a variable is bound, directly or not, to something that contains it. */
export class CircularTermError extends Error {
  override name = "CircularTermError";
}
