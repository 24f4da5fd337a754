/**
 * What the chapter's interpreter keeps in module globals (`facts`, `DEPTH_LIMIT`, the counter of
 * `get_unique_id`), gathered into one object so that two programs can run side by side.
 */
import type { Pair } from "../expr.js";

/** The facts and settings one run of the chapter's `search` reads. */
export interface ChapterProgram {
  /** The facts, each `(conclusion hypothesis…)`, in the order they were stated. */
  readonly facts: readonly Pair[];
  /** The chapter's DEPTH_LIMIT: a clause list deeper than this is not searched (null: no limit). */
  readonly depthLimit: number | null;
  /** Whether unification refuses circular bindings (the chapter's has no occurs check). */
  readonly occursCheck: boolean;
  /** The last id `get_unique_id` handed out; each use of a fact takes the next. */
  lastId: number;
}

/** A program over `facts`, as the chapter starts: DEPTH_LIMIT 20 and no occurs check. */
export function chapterProgram(facts: readonly Pair[], depthLimit: number | null = 20, occursCheck = false): ChapterProgram {
  return { facts, depthLimit, occursCheck, lastId: 0 };
}
