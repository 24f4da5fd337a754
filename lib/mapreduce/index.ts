/**
 * lazylab/mapreduce: section 4.6's MapReduce. Write `map` and `reduce` (and optionally `combine`
 * and `partition`), then `await mapreduce({ input, map, reduce })`, or use the `%%mapreduce` cell
 * magic. Runners: `local` (worker processes), `inline` (this process), `pipeline` (the chapter's
 * `cat | mapper | sort | reducer`).
 */
export type { Combiner, Emit, Mapper, MapReduceOptions, Partitioner, Reducer, TaskContext, TaskEvent } from "./job.js";
export type { RunnerName } from "./runners/index.js";
export { mapreduce } from "./mapreduce.js";
export { MapReduceResult, type JobSummary } from "./result.js";
export { emit, groupValuesByKey } from "./portable/emit.js";
export { count, max, min, sum } from "./portable/reducers.js";
export { hashPartition } from "./portable/partition.js";
export { type CounterTable, FRAMEWORK } from "./counters.js";
export { type BadRecord, JobError, RecordError, ShippingError } from "./errors.js";
export type { ProgressSnapshot, PhaseProgress } from "./progress.js";
export { shipFunctions } from "./shipping/shipping.js";
export { writePipelinePrograms } from "./runners/pipeline-programs.js";
export { type LocalCluster, localCluster } from "./runners/redis/local-cluster.js";

import type { Mapper, Reducer } from "./job.js";
import type { MapReduceResult } from "./result.js";

/** The key type a map function emits. */
export type KeyOf<M> = M extends Mapper<infer K, infer _V> ? K : unknown;

/** The result type of a job with map `M` and reduce `R`: keys from map, values from what reduce returns or emits. */
export type ResultOf<M, R> = MapReduceResult<KeyOf<M>, R extends Reducer<infer _K, infer _V, infer O> ? O : unknown>;
export { type CorpusInfo, writeCorpus } from "./corpus.js";
export { FOLD, type FoldReducer, foldReducer, sumReducer } from "./portable/reducers.js";
export { JobCancelledError, JobPanel } from "./views/job-panel.js";
