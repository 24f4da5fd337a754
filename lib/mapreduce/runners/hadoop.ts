/**
 * The `hadoop` runner: section 4.6.3. The same mapper.mjs and reducer.mjs the pipeline runner
 * writes (key TAB value lines, counters in streaming's `reporter:counter:` protocol) are handed
 * to Hadoop streaming:
 *
 *     mapred streaming -files mapper.mjs,reducer.mjs,mapreduce -input IN -output OUT
 *                      -mapper "node mapper.mjs" -reducer "node reducer.mjs"
 *
 * Inputs and output are directories in Hadoop's file system, as in the chapter. The command is
 * `$HADOOP_HOME/bin/mapred streaming`, else `mapred` on PATH, else `hadoop jar …/hadoop-streaming*.jar`;
 * without Hadoop the runner stops with the exact command to run by hand, the programs written.
 */
import { spawnGroup } from "../../lifeline/process-group.js";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { delimiter, join, resolve } from "node:path";
import { Counters } from "../counters.js";
import { JobError } from "../errors.js";
import { writePipelinePrograms } from "./pipeline-programs.js";
import type { Runner } from "./runner.js";
import type { ShippedFunctions } from "../shipping/shipping.js";

/** How to reach Hadoop: the submit command and the file system command. */
export interface HadoopCommands {
  streaming: string[];
  fs: string[];
}

/** What a streaming job needs. */
export interface StreamingJob {
  shipped: ShippedFunctions;
  /** Input paths or globs in Hadoop's file system. */
  inputs: string[];
  /** Output directory in Hadoop's file system (must not exist). */
  output: string;
  /** Where mapper.mjs, reducer.mjs and mapreduce/ are written. */
  programsDir: string;
  reducers?: number;
  skipBadRecords: boolean;
}

function onPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? "").split(delimiter)) if (dir !== "" && existsSync(join(dir, name))) return join(dir, name);
  return undefined;
}

/** Hadoop's commands from $HADOOP_HOME or PATH, or undefined when Hadoop is not installed. */
export function findHadoop(env: NodeJS.ProcessEnv = process.env): HadoopCommands | undefined {
  const home = env.HADOOP_HOME;
  const bin = (name: string) => (home !== undefined && existsSync(join(home, "bin", name)) ? join(home, "bin", name) : onPath(name, env));
  const hadoop = bin("hadoop");
  const fs = hadoop !== undefined ? [hadoop, "fs"] : bin("hdfs") !== undefined ? [bin("hdfs")!, "dfs"] : undefined;
  const mapred = bin("mapred");
  if (mapred !== undefined && fs !== undefined) return { streaming: [mapred, "streaming"], fs };
  const tools = home === undefined ? undefined : join(home, "share", "hadoop", "tools", "lib");
  const jar = tools !== undefined && existsSync(tools) ? readdirSync(tools).find((f) => /^hadoop-streaming.*\.jar$/.test(f)) : undefined;
  if (hadoop !== undefined && jar !== undefined) return { streaming: [hadoop, "jar", join(tools!, jar)], fs: [hadoop, "fs"] };
  return undefined;
}

/** The arguments after `mapred streaming`: ship the programs and their runtime, name input, output, mapper and reducer. */
export function streamingArguments(job: Omit<StreamingJob, "shipped">): string[] {
  const dir = resolve(job.programsDir);
  const args = ["-files", [join(dir, "mapper.mjs"), join(dir, "reducer.mjs"), join(dir, "mapreduce")].join(",")];
  for (const input of job.inputs) args.push("-input", input);
  args.push("-output", job.output, "-mapper", "node mapper.mjs", "-reducer", "node reducer.mjs");
  if (job.reducers !== undefined) args.push("-numReduceTasks", String(job.reducers));
  if (job.skipBadRecords) args.push("-cmdenv", "LAZYLAB_SKIP_BAD_RECORDS=1");
  return args;
}

/** A command line as a shell reads it. */
export function shellCommand(argv: string[]): string {
  return argv.map((a) => (/^[\w./,=:@%+-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(" ");
}

/** Framework and user counters from the client's log (`\t\tMap input records=3` under a group line). */
export function parseHadoopCounters(log: string): Counters {
  const counters = new Counters();
  let group: string | undefined;
  for (const line of log.split("\n")) {
    const g = /^\t(\S[^=]*)$/.exec(line);
    if (g !== null) group = g[1].trim();
    const c = /^\t\t([^=]+)=(\d+)\s*$/.exec(line);
    if (c !== null && group !== undefined) counters.add(group, c[1].trim(), Number(c[2]));
  }
  return counters;
}

/** Runs a command, its stderr forwarded line by line; resolves with exit code and output. */
function run(
  argv: string[],
  signal: AbortSignal,
  stderr: (text: string) => void,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnGroup(argv[0], argv.slice(1), { stdio: ["ignore", "pipe", "pipe"] }); // ends with the kernel
    let out = "";
    let err = "";
    child.stdout!.setEncoding("utf8").on("data", (t: string) => void (out += t));
    child.stderr!.setEncoding("utf8").on("data", (t: string) => {
      err += t;
      stderr(t);
    });
    const onAbort = () => child.kill("SIGTERM"); // the client kills its job on SIGTERM
    signal.addEventListener("abort", onAbort, { once: true });
    child.on("error", reject);
    child.on("close", (code) => {
      signal.removeEventListener("abort", onAbort);
      resolvePromise({ code, stdout: out, stderr: err });
    });
  });
}

/** What a finished streaming job gives back. */
export interface StreamingOutcome {
  command: string;
  lines: string[];
  counters: Counters;
  programs: { mapper: string; reducer: string };
}

/** Writes the programs and runs the job on Hadoop; without Hadoop, a JobError with the command to run by hand. */
export async function runHadoopStreaming(
  job: StreamingJob,
  signal: AbortSignal,
  stderr: (text: string) => void,
  hadoop = findHadoop(),
): Promise<StreamingOutcome> {
  const programs = writePipelinePrograms(job.shipped, job.programsDir);
  const args = streamingArguments(job);
  if (hadoop === undefined) {
    const command = shellCommand(["mapred", "streaming", ...args]);
    throw new JobError(
      `Hadoop was not found: set HADOOP_HOME to its installation, or put its bin/ (mapred, hadoop) on PATH.\n` +
        `The mapper and reducer are written in ${resolve(job.programsDir)}. With Hadoop installed, copy the input into HDFS ` +
        `(hdfs dfs -put FILES ${job.inputs[0]}) and run:\n  ${command}\n` +
        `(or: hadoop jar $HADOOP_HOME/share/hadoop/tools/lib/hadoop-streaming-*.jar ${shellCommand(args)})`,
    );
  }
  const submit = [...hadoop.streaming, ...args];
  const command = shellCommand(submit);
  const submitted = await run(submit, signal, stderr);
  signal.throwIfAborted();
  if (submitted.code !== 0)
    throw new JobError(
      `Hadoop streaming failed (exit code ${submitted.code}): ${command}\n${submitted.stderr.trim().split("\n").slice(-5).join("\n")}`,
    );
  const cat = await run([...hadoop.fs, "-cat", `${job.output}/part-*`], signal, () => undefined);
  if (cat.code !== 0) throw new JobError(`could not read the output ${job.output}/part-* (exit code ${cat.code}): ${cat.stderr.trim()}`);
  return {
    command,
    lines: cat.stdout.split("\n"),
    counters: parseHadoopCounters(submitted.stderr),
    programs: { mapper: programs.mapper, reducer: programs.reducer },
  };
}

/** Section 4.6.3: the job's mapper and reducer programs under Hadoop streaming; inputs and output are HDFS paths. */
export const hadoopRunner: Runner = {
  name: "hadoop",
  summary: "Hadoop streaming with the pipeline's mapper and reducer programs (--input and --output in HDFS)",
  async plan({ options, cwd }) {
    const inputs = (Array.isArray(options.input) ? options.input : [options.input]).filter((p) => p.trim() !== "");
    if (inputs.length === 0) throw new JobError("no input: give --input with directories or files in Hadoop's file system");
    const output = options.output ?? `lazylab-output-${new Date().toISOString().replace(/[-:]/g, "").replace(/\..*/, "")}`;
    const notes = [`Hadoop streaming · input ${inputs.join(", ")} · output ${output}`];
    if (options.combine || options.partition)
      notes.push("Hadoop streaming runs the mapper and reducer programs only: combine and partition were not used");
    return {
      workers: 0,
      reducers: options.reducers ?? 1,
      ships: "map and reduce",
      input: "remote paths",
      phases: [],
      notes,
      async run(ctx) {
        if (ctx.shipped === undefined) throw new JobError("the hadoop runner needs the functions as source text");
        const job = {
          shipped: ctx.shipped,
          inputs,
          output,
          programsDir: resolve(cwd, options.programsDir ?? "hadoop-job"),
          reducers: options.reducers,
          skipBadRecords: ctx.settings.skipBadRecords,
        };
        const outcome = await runHadoopStreaming(job, ctx.signal, (text) => ctx.print("stderr", text));
        const part = join(ctx.dir, "part-00000");
        writeFileSync(part, outcome.lines.join("\n"));
        const programs = {
          "mapper.mjs": readFileSync(outcome.programs.mapper, "utf8"),
          "reducer.mjs": readFileSync(outcome.programs.reducer, "utf8"),
        };
        return {
          outputs: [part],
          counters: outcome.counters.table,
          badRecords: [],
          reducerRecords: [],
          pipeline: { command: outcome.command, programs },
        };
      },
    };
  },
};
