/**
 * Without the occurs check terms may be circular, and a plain walk of two of them would never
 * end. Both unifications (the chapter's, chapter/unify.ts, and the engine's, unifier.ts) watch for
 * that the same way: after CYCLE_WATCH_STEPS steps they remember the pairs of structures already
 * being unified and do not walk them again (they unify, as infinite trees, if nothing else fails).
 */

/** Steps of one unification after which pairs of structures already met are remembered. */
export const CYCLE_WATCH_STEPS = 100_000;

/** Whether the pair of structures (a, b) was met before in this unification; records it. */
export function metBefore<T extends object>(visited: Map<T, Set<T>>, a: T, b: T): boolean {
  let met = visited.get(a);
  if (met === undefined) visited.set(a, (met = new Set()));
  if (met.has(b)) return true;
  met.add(b);
  return false;
}
