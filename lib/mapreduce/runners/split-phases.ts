/** The progress phases of runners that cut the input into splits: a map task per split, a reduce task per reducer. */
import type { PlannedPhase } from "./runner.js";

/** Map over the splits (counting input bytes), then reduce per reducer. */
export const SPLIT_PHASES: PlannedPhase[] = [
  { name: "map", unit: "splits", tasks: "splits", readsInput: true },
  { name: "reduce", unit: "tasks", tasks: "reducers", readsInput: false },
];
