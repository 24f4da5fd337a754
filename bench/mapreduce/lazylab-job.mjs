#!/usr/bin/env node
// lazylab's local runner on the benchmark's jobs: worker processes, sumReducer as combiner and
// reducer (a fold, applied value by value map-side), output written as key TAB count. With a
// Redis URL, the redis runner on the workers registered there instead.
//
//   node lazylab-job.mjs words|vowels INPUT OUTPUT WORKERS [REDIS_URL]
import { writeFileSync } from "node:fs";
import { mapreduce, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { JOBS } from "./jobs.mjs";

const [job, input, output, workers, redis] = process.argv.slice(2);
const runner = redis === undefined ? "local" : "redis";
const result = await mapreduce({
  input,
  map: JOBS[job],
  combine: sumReducer,
  reduce: sumReducer,
  workers: Number(workers),
  runner,
  redis,
  progress: false,
});
writeFileSync(output, result.pairs.map(([k, v]) => `${k}\t${v}\n`).join(""));
