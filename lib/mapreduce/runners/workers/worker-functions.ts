/**
 * Rebuilding shipped functions inside a worker process: the generated script is compiled once
 * per job (cached by its text) with the library functions and v8's deserializer in scope.
 */
import { deserialize } from "node:v8";
import vm from "node:vm";
import type { Combiner, Mapper, Partitioner, Reducer } from "../../job.js";
import { LIBRARY } from "../../shipping/library-names.js";
import { locateError, workerScript } from "../../shipping/shipped-source.js";
import type { ShippedFunctions } from "../../shipping/shipping.js";

/** The job's functions, ready to call, and a way to say where one of them threw. */
export interface JobFunctions {
  map?: Mapper<unknown, unknown>;
  combine?: Combiner<unknown, unknown>;
  reduce?: Reducer<unknown, unknown, unknown>;
  partition?: Partitioner<unknown>;
  /** `map: <code>` for an error thrown inside a function, when known. */
  locate(error: unknown): string | undefined;
}

/** The file name stack frames show for shipped code. */
export const SHIPPED_FILE = "mapreduce-functions.js";

const cache = new Map<string, JobFunctions>();

/** The functions of a shipped job, compiled in this process. */
export function loadFunctions(shipped: ShippedFunctions): JobFunctions {
  const source = workerScript(shipped);
  const cached = cache.get(source.text);
  if (cached !== undefined) return cached;
  const factory = new vm.Script(source.text, { filename: SHIPPED_FILE }).runInThisContext() as (
    library: Record<string, Function>,
    deserializer: typeof deserialize,
  ) => Omit<JobFunctions, "locate">;
  const functions: JobFunctions = { ...factory(LIBRARY, deserialize), locate: (error) => locateError(error, source, SHIPPED_FILE) };
  cache.clear(); // one job at a time per worker
  cache.set(source.text, functions);
  return functions;
}
