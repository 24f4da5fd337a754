/**
 * `%%mapreduce --input PATH|GLOB …`: the cell body defines `map` and `reduce` (and optionally
 * `combine` and `partition`) in TypeScript; this adapter runs the body like any cell (so it is
 * type-checked and its functions compiled), then hands the functions to lib/mapreduce.
 */
import { parseArgs } from "node:util";
import { ts as typescript } from "../engine/typescript.js";
import type { MapReduceOptions, RunnerName } from "../../lib/mapreduce/index.js";
import { MagicError, type Magic } from "./registry.js";

const ROLES = ["map", "reduce", "combine", "partition"] as const;
type Role = (typeof ROLES)[number];

const USAGE =
  "%%mapreduce --input PATH|GLOB [--input …] [--workers N] [--reducers R] [--runner local|inline|pipeline|redis|hadoop] [--redis URL] [--key-file PATH] [--shared-input] [--output HDFS_DIR] [--out NAME] [--limit ROWS] [--skip-bad-records] [--panel]";
/** The library's own argument checks, which the magic applies to its flags (loaded with the library). */
type JobChecks = typeof import("../../lib/mapreduce/arguments.js");

/** Splits magic arguments like a shell: spaces separate, quotes group. */
export function splitArgs(args: string): string[] {
  const words: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = pattern.exec(args); m !== null; m = pattern.exec(args))
    words.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? m[3]));
  return words;
}

/** The magic's options, checked. */
export interface MapReduceArgs {
  input: string[];
  workers?: number;
  reducers?: number;
  runner: RunnerName;
  redis?: string;
  keyFile?: string;
  sharedInput: boolean;
  output?: string;
  out?: string;
  limit?: number;
  skipBadRecords: boolean;
  panel: boolean;
}

/** Parses `%%mapreduce` arguments, checking them with the library's checks (a MagicError names the flag). */
export function parseMapReduceArgs(args: string, checks: JobChecks): MapReduceArgs {
  const checked = <T>(check: () => T): T => {
    try {
      return check();
    } catch (error) {
      throw new MagicError(`%%mapreduce: ${(error as Error).message}`);
    }
  };
  const count = (value: string | undefined, name: string) => checked(() => checks.countArgument(value, `--${name}`));
  let parsed;
  try {
    parsed = parseArgs({
      args: splitArgs(args),
      options: {
        input: { type: "string", multiple: true },
        workers: { type: "string" },
        reducers: { type: "string" },
        runner: { type: "string" },
        redis: { type: "string" },
        "key-file": { type: "string" },
        "shared-input": { type: "boolean" },
        output: { type: "string" },
        out: { type: "string" },
        limit: { type: "string" },
        "skip-bad-records": { type: "boolean" },
        panel: { type: "boolean" },
      },
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new MagicError(`%%mapreduce: ${(error as Error).message}\nusage: ${USAGE}`);
  }
  const input = parsed.input ?? [];
  if (input.length === 0) throw new MagicError(`%%mapreduce: --input is required\nusage: ${USAGE}`);
  const runner = checked(() => checks.runnerNamed(parsed.runner ?? "local", "--runner"));
  if (parsed.redis !== undefined && runner !== "redis") throw new MagicError("%%mapreduce: --redis goes with --runner redis");
  if (parsed["key-file"] !== undefined && runner !== "redis") throw new MagicError("%%mapreduce: --key-file goes with --runner redis");
  if (parsed.output !== undefined && runner !== "hadoop")
    throw new MagicError("%%mapreduce: --output (a directory in Hadoop's file system) goes with --runner hadoop");
  if (parsed.out !== undefined && !/^[A-Za-z_$][\w$]*$/.test(parsed.out))
    throw new MagicError(`%%mapreduce: --out must be a variable name, not ${parsed.out}`);
  return {
    input,
    workers: checked(() => checks.processCount(parsed.workers, "--workers")),
    reducers: count(parsed.reducers, "reducers"),
    runner,
    redis: parsed.redis,
    keyFile: parsed["key-file"],
    sharedInput: parsed["shared-input"] === true,
    output: parsed.output,
    out: parsed.out,
    limit: count(parsed.limit, "limit"),
    skipBadRecords: parsed["skip-bad-records"] === true,
    panel: parsed.panel === true,
  };
}

/** Which of map, reduce, combine and partition the body declares at its top level. */
export function declaredRoles(body: string): Role[] {
  const ts = typescript(); // loaded on first use, never at kernel start
  const file = ts.createSourceFile("cell.ts", body, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) names.add(statement.name.text);
    if (ts.isVariableStatement(statement))
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.add(d.name.text);
  }
  return ROLES.filter((r) => names.has(r));
}

/** The TypeScript type every value has in common: string, number or boolean, else unknown. */
export function typeOfAll(values: unknown[]): string {
  const kinds = new Set(values.map((v) => typeof v));
  const [only] = kinds;
  return kinds.size === 1 && (only === "string" || only === "number" || only === "boolean") ? only : "unknown";
}

/** `%%mapreduce`: runs the MapReduce job the cell body defines. */
export const mapreduceMagic: Magic = {
  name: "mapreduce",
  help: `${USAGE}
<cell defining map and reduce; optionally combine and partition>

Runs a MapReduce job (section 4.6) over the lines of the input files. The cell body is
TypeScript defining the job's functions:

  import { type Emit, sumReducer } from "lazylab/mapreduce"
  function map(line: string, emit: Emit<string, number>) {
    for (const vowel of "aeiou") {
      const count = line.split(vowel).length - 1
      if (count > 0) emit(vowel, count)
    }
  }
  const reduce = sumReducer                   // or (key: string, values: Iterable<number>) => sum(values)

map(record, emit, ctx) is called for each line; reduce(key, values, emit?, ctx) for each key with
an iterable of its values, returning or emitting the output; combine is a reducer run map-side;
partition(key, R) picks the reducer. ctx.count(group, name, n) adds to a counter.

--input        files or globs (relative to the notebook); repeat for several
--runner       local (default): worker processes, one per core, with retries of failed tasks;
               inline: in the kernel, functions as given (for debugging);
               pipeline: writes mapper.mjs/reducer.mjs and runs cat | mapper | sort | reducer;
               redis: tasks go through Redis to \`lazylab worker --redis URL\` processes on any
               machines (retries and recovery of a dead worker's task by BullMQ);
               hadoop: the pipeline's programs under Hadoop streaming (\`mapred streaming\`),
               --input and --output being paths in Hadoop's file system
--redis URL    the redis runner's Redis (default: $LAZYLAB_REDIS, else redis://127.0.0.1:6379);
               redis://:PASSWORD@HOST:PORT and rediss:// (TLS) work
--key-file P   the redis runner's cluster key (default: $LAZYLAB_KEY_FILE, else the key of the
               localCluster() at --redis): the job is signed with it, workers run nothing else
--shared-input the redis runner's workers read --input by path (every machine sees the same
               files); by default the kernel sends each split's bytes through Redis
--output DIR   the hadoop runner's output directory in HDFS (default lazylab-output-<time>)
--workers N    worker processes (local; default: one per core; at most 4 per core)
--reducers R   reduce tasks (default: the number of workers)
--out NAME     also keep the result in a variable NAME (iterable [key, value] pairs)
--limit ROWS   rows of the result to show (default 20)
--skip-bad-records  count and list records whose map throws, instead of stopping
--panel        show the progress as a live widget panel with a Cancel button (JupyterLab); Cancel
               stops the job as Interrupt does: workers killed, temporary files removed

Functions run in other processes receive only their source: they may use globals, the
library's reducers and top-level functions and plain data of the notebook, not local state.
Interrupt stops the job and its workers.`,
  async cell(args, body, context) {
    // Loaded on first use, so the library (worker pool, parser, globbing) costs nothing at kernel start.
    const options = parseMapReduceArgs(args, await import("../../lib/mapreduce/arguments.js"));
    const roles = declaredRoles(body);
    for (const required of ["map", "reduce"] as const) {
      if (!roles.includes(required)) {
        throw new MagicError(
          `%%mapreduce: the cell must define ${required} (e.g. function ${required === "map" ? "map(line: string, emit: Emit<string, number>)" : "reduce(key: string, values: Iterable<number>)"} { … })`,
        );
      }
    }
    // Run the body as a cell; its last expression hands back exactly the functions it defined
    // (earlier cells may have left other `combine` or `partition` globals behind).
    const functions = (await context.runCode(`${body}\n;({ ${roles.join(", ")} })`, "%%mapreduce")) as Partial<Record<Role, unknown>>;
    const job = { ...functions, input: options.input } as MapReduceOptions<unknown, unknown, unknown>;
    const { mapreduce } = await import("../../lib/mapreduce/index.js");
    const result = await mapreduce({
      ...job,
      runner: options.runner,
      redis: options.redis,
      keyFile: options.keyFile,
      sharedInput: options.sharedInput,
      output: options.output,
      workers: options.workers,
      reducers: options.reducers,
      skipBadRecords: options.skipBadRecords,
      limit: options.limit,
      panel: options.panel,
    });
    if (options.out !== undefined) {
      // Declared through a cell so later cells type-check against it. The types come from the
      // output itself: earlier cells' function signatures may have lost imported generic types.
      (globalThis as Record<string, unknown>).__lazylab_mapreduce_result = result;
      const k = typeOfAll(result.pairs.map(([key]) => key));
      const v = typeOfAll(result.pairs.map(([, value]) => value));
      await context.runCode(
        `import type { MapReduceResult as __lazylab_MapReduceResult } from "lazylab/mapreduce"\nvar ${options.out} = (globalThis as any).__lazylab_mapreduce_result as __lazylab_MapReduceResult<${k}, ${v}>`,
        "%%mapreduce --out",
      );
      delete (globalThis as Record<string, unknown>).__lazylab_mapreduce_result;
    }
    return result;
  },
};
