/**
 * Writing a job as the chapter's two Unix programs: `mapper.mjs` and `reducer.mjs`, executable
 * Node scripts that read lines on standard input and write `key TAB value` lines, next to a
 * `mapreduce/` folder holding the runtime they import (as the chapter's mapper.py imports its
 * companion `mapreduce` module). `cat input | ./mapper.mjs | sort | ./reducer.mjs` runs them;
 * so can Hadoop streaming.
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type GeneratedSource, programSource } from "../shipping/shipped-source.js";
import type { ShippedFunctions } from "../shipping/shipping.js";

/** The folder of the portable modules (portable/), copied beside the programs as they are. */
const PORTABLE = fileURLToPath(new URL("../portable/", import.meta.url));

/** The portable modules the programs import (each imports only node: builtins and the others). */
const RUNTIME_MODULES = [
  "pipeline-runtime.js",
  "line-reader.js",
  "pair-lines.js",
  "group-sorted.js",
  "reducers.js",
  "partition.js",
  "emit.js",
];

/** The programs written for a job, and their generated text (to map errors back to lines). */
export interface PipelinePrograms {
  dir: string;
  mapper: string;
  reducer: string;
  sources: { mapper: GeneratedSource; reducer: GeneratedSource };
}

const HEADER = (role: string, reads: string) =>
  `#!/usr/bin/env node\n// The ${role} of a lazylab MapReduce job, written by the pipeline runner. It reads ${reads}\n// on standard input and writes key TAB value lines (JSON) on standard output:\n//   cat input | ./mapper.mjs | LC_ALL=C sort | ./reducer.mjs\n// Hadoop streaming runs it as is (ship the mapreduce/ folder with it).`;

/** Writes mapper.mjs, reducer.mjs and the runtime folder into `dir`. */
export function writePipelinePrograms(shipped: ShippedFunctions, dir: string): PipelinePrograms {
  const lib = join(dir, "mapreduce");
  mkdirSync(lib, { recursive: true });
  for (const file of RUNTIME_MODULES) copyFileSync(join(PORTABLE, file), join(lib, file));
  writeFileSync(join(lib, "package.json"), `${JSON.stringify({ type: "module" })}\n`);
  const mapperFunctions: ShippedFunctions = { roles: { map: shipped.roles.map }, names: shipped.names };
  const reducerFunctions: ShippedFunctions = { roles: { reduce: shipped.roles.reduce }, names: shipped.names };
  const mapper = programSource(
    mapperFunctions,
    "./mapreduce",
    `${HEADER("mapper", "input records (lines)")}\nimport { runMapper } from "./mapreduce/pipeline-runtime.js";`,
    "runMapper(map);",
  );
  const reducer = programSource(
    reducerFunctions,
    "./mapreduce",
    `${HEADER("reducer", "sorted key TAB value lines")}\nimport { runReducer } from "./mapreduce/pipeline-runtime.js";`,
    "runReducer(reduce);",
  );
  const paths = { mapper: join(dir, "mapper.mjs"), reducer: join(dir, "reducer.mjs") };
  writeFileSync(paths.mapper, `${mapper.text}\n`);
  writeFileSync(paths.reducer, `${reducer.text}\n`);
  chmodSync(paths.mapper, 0o755);
  chmodSync(paths.reducer, 0o755);
  return { dir, ...paths, sources: { mapper, reducer } };
}
