/**
 * The `pipeline` runner: section 4.6.2 as it is. It writes the map and reduce functions as
 * standalone programs and runs
 *
 *     cat input | ./mapper.mjs | LC_ALL=C sort | ./reducer.mjs
 *
 * in bash, with real pipes: one map task, the sort phase done by sort(1) (an external merge
 * sort itself), one reduce task. Progress is read from /proc (bytes `cat` has read); counters
 * and errors come back on standard error in Hadoop streaming's protocol.
 */
import type { ChildProcess } from "node:child_process";
import { spawnGroup } from "../../lifeline/process-group.js";
import { closeSync, openSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Counters, FRAMEWORK, parseReporterLine } from "../counters.js";
import { type BadRecord, JobError, RecordError } from "../errors.js";
import { killOnExit } from "./workers/exit-cleanup.js";
import { countLines } from "../portable/line-reader.js";
import { type PipelinePrograms, writePipelinePrograms } from "./pipeline-programs.js";
import type { Runner, RunnerContext, RunnerOutcome } from "./runner.js";
import { locateError } from "../shipping/shipped-source.js";
import type { InputFile } from "../tasks/splits.js";

/** The command the runner runs, as the chapter writes it (files as bash's "$@"). */
const SCRIPT = 'set -o pipefail\ncat -- "$@" | ./mapper.mjs | LC_ALL=C sort -S 128M -T "$LAZYLAB_SORT_TMP" | ./reducer.mjs';

/** The command as a person would type it, for the summary. */
export function pipelineCommand(files: InputFile[]): string {
  const names = files.map((f) => (/^[\w./-]+$/.test(basename(f.path)) ? basename(f.path) : JSON.stringify(basename(f.path))));
  return `cat ${names.join(" ")} | ./mapper.mjs | LC_ALL=C sort | ./reducer.mjs`;
}

interface StageError {
  phase: "map" | "reduce";
  line: number;
  record: string;
  error: string;
  stack?: string;
}

/** Child pids of `pid` (Linux: /proc/<pid>/task/<pid>/children). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function bytesRead(pid: number): number | undefined {
  try {
    return Number(/rchar:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/io`, "utf8"))?.[1]);
  } catch {
    return undefined;
  }
}

/** The input file and line of line `n` of the concatenated input. */
function locateInInputs(files: InputFile[], n: number): { file: string; line: number } {
  let rest = n;
  for (const file of files) {
    const fd = openSync(file.path, "r");
    const lines = (() => {
      try {
        return countLines(fd);
      } finally {
        closeSync(fd);
      }
    })();
    if (rest <= lines) return { file: file.path, line: rest };
    rest -= lines;
  }
  return { file: files.at(-1)?.path ?? "", line: rest };
}

function toBadRecord(e: StageError, files: InputFile[], programs: PipelinePrograms): BadRecord {
  const where = locateError(
    { stack: e.stack },
    programs.sources[e.phase === "map" ? "mapper" : "reducer"],
    e.phase === "map" ? "mapper.mjs" : "reducer.mjs",
  );
  const location = e.phase === "map" ? locateInInputs(files, e.line) : { file: "", line: 0 };
  return { phase: e.phase, ...location, record: e.record, error: e.error, where };
}

/** Runs the job as a Unix pipeline; every process of it is gone when this settles. */
export async function runPipeline(ctx: RunnerContext): Promise<RunnerOutcome> {
  if (ctx.shipped === undefined) throw new JobError("the pipeline runner needs the functions as source text");
  const programs = writePipelinePrograms(ctx.shipped, join(ctx.dir, "programs"));
  const output = join(ctx.dir, "part-00000");
  const outFd = openSync(output, "w");
  const { progress } = ctx;
  const counters = new Counters();
  const errors: StageError[] = [];
  const bad: StageError[] = [];
  let child: ChildProcess;
  try {
    // Its own process group (one kill stops every stage), with a lifeline: if the kernel is killed
    // outright, the group is killed too.
    child = spawnGroup("bash", ["-c", SCRIPT, "lazylab-pipeline", ...ctx.files.map((f) => f.path)], {
      cwd: programs.dir,
      stdio: ["ignore", outFd, "pipe"],
      env: {
        ...process.env,
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? "/usr/bin:/bin"}`,
        LAZYLAB_SORT_TMP: ctx.dir,
        LAZYLAB_SKIP_BAD_RECORDS: ctx.settings.skipBadRecords ? "1" : "0",
      },
    });
  } finally {
    closeSync(outFd);
  }
  const group = child.pid!;
  const killAll = () => {
    try {
      process.kill(-group, "SIGKILL");
    } catch {
      // already gone
    }
  };
  ctx.signal.addEventListener("abort", killAll, { once: true });
  const forget = killOnExit(killAll);
  for (const phase of ["map", "sort", "reduce"]) progress.taskStarted(phase, phase);
  ctx.taskEvent({ type: "start", taskId: "pipeline", phase: "map", attempt: 1, pid: group });

  let pending = "";
  child.stderr!.setEncoding("utf8");
  child.stderr!.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const counter = parseReporterLine(line);
      if (counter !== undefined) counters.add(counter.group, counter.name, counter.amount);
      else if (line.startsWith("mapreduce-error: ")) errors.push(JSON.parse(line.slice(17)) as StageError);
      else if (line.startsWith("mapreduce-bad-record: ")) bad.push(JSON.parse(line.slice(22)) as StageError);
      else ctx.print("stderr", `${line}\n`);
    }
  });

  // Follow the stages through /proc: bytes read by cat, which stages are still running.
  const total = ctx.files.reduce((n, f) => n + f.size, 0);
  const stagesDone = new Set<string>();
  const seen = new Set<string>();
  const poll = setInterval(() => {
    const kids = childrenOf(group).map((pid) => ({ pid, cmd: commandLine(pid) }));
    const cat = kids.find((k) => k.cmd.startsWith("cat "));
    const read = cat === undefined ? undefined : bytesRead(cat.pid);
    if (read !== undefined) progress.taskProgress("map", "map", Math.min(read, total), 0);
    const running = {
      map: kids.some((k) => k.cmd.startsWith("cat ") || k.cmd.includes("mapper.mjs")),
      sort: kids.some((k) => k.cmd.startsWith("sort ")),
    };
    for (const stage of ["map", "sort"] as const) {
      if (running[stage]) seen.add(stage);
      // A stage is over once it was seen running and is gone (sort also waits for the map stage).
      const over = seen.has(stage) && !running[stage] && (stage === "map" || stagesDone.has("map"));
      if (over && !stagesDone.has(stage)) {
        stagesDone.add(stage);
        progress.taskDone(stage, stage, stage === "map" ? total : undefined);
      }
    }
    ctx.changed();
  }, 100);

  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on("close", (code) => resolve(code));
      child.on("error", reject); // bash could not be started
    });
    ctx.signal.throwIfAborted();
    if (errors.length > 0) throw new RecordError(toBadRecord(errors[0], ctx.files, programs));
    if (exitCode !== 0) throw new JobError(`the pipeline failed (exit code ${exitCode}): ${SCRIPT.split("\n")[1]}`);
  } finally {
    clearInterval(poll);
    ctx.signal.removeEventListener("abort", killAll);
    killAll(); // nothing may outlive the job, even after a failure in one stage
    forget();
  }
  const records = {
    map: counters.get(FRAMEWORK, "Map input records"),
    sort: counters.get(FRAMEWORK, "Map output records"),
    reduce: counters.get(FRAMEWORK, "Reduce input records"),
  };
  for (const phase of ["map", "sort", "reduce"] as const) {
    progress.taskDone(phase, phase, phase === "map" ? total : undefined, records[phase]);
  }
  ctx.taskEvent({ type: "done", taskId: "pipeline", phase: "reduce", attempt: 1, pid: group });
  counters.add(FRAMEWORK, "Map input bytes", total);
  const badRecords = bad.map((e) => toBadRecord(e, ctx.files, programs));
  return {
    outputs: [output],
    counters: counters.table,
    badRecords,
    reducerRecords: [counters.get(FRAMEWORK, "Reduce input records")],
    pipeline: {
      command: pipelineCommand(ctx.files),
      programs: { "mapper.mjs": readFileSync(programs.mapper, "utf8"), "reducer.mjs": readFileSync(programs.reducer, "utf8") },
    },
  };
}

/** Section 4.6.2: the chapter's `cat | mapper | sort | reducer` with real pipes, one reducer, no combiner. */
export const pipelineRunner: Runner = {
  name: "pipeline",
  summary: "the chapter's Unix pipeline, cat input | mapper | sort | reducer, as standalone programs",
  async plan({ options }) {
    const notes: string[] = [];
    if (options.combine || options.partition)
      notes.push("the pipeline runner has one reducer and no combiner: combine and partition were not used");
    if (options.reducers !== undefined && options.reducers !== 1) notes.push("the pipeline runner has one reducer (--reducers ignored)");
    return {
      workers: 1,
      reducers: 1,
      ships: "map and reduce",
      input: "whole files",
      phases: ["map", "sort", "reduce"].map((name) => ({ name, unit: "stage", tasks: 1, readsInput: name === "map" })),
      notes,
      run: runPipeline,
    };
  },
};
