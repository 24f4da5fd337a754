/**
 * The library functions a shipped function may use without shipping them: worker processes and
 * the pipeline programs import them by these names from the portable modules.
 */
import { groupValuesByKey } from "../portable/emit.js";
import { hashPartition } from "../portable/partition.js";
import { count, foldReducer, max, min, sum, sumReducer } from "../portable/reducers.js";

/** Library functions by the name shipped code refers to them. */
export const LIBRARY: Record<string, Function> = { sum, count, max, min, foldReducer, sumReducer, hashPartition, groupValuesByKey };

/** The portable module (in lib/mapreduce) that exports each library name. */
export const LIBRARY_MODULES: Record<string, string> = {
  sum: "reducers.js",
  count: "reducers.js",
  max: "reducers.js",
  min: "reducers.js",
  foldReducer: "reducers.js",
  sumReducer: "reducers.js",
  hashPartition: "partition.js",
  groupValuesByKey: "emit.js",
};
