/**
 * The hadoop runner. Hadoop itself cannot be installed here, so the streaming contract is tested
 * through the generated programs, run the way streaming runs them (each map task a `node
 * mapper.mjs` over its split in a working folder where `-files` put symlinks, the shuffle sorting
 * by key bytes, `node reducer.mjs` over sorted input), against the pipeline runner's output; and
 * the runner, without Hadoop, must stop with the exact command to run.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Emit, JobError, mapreduce, shipFunctions, sumReducer, writePipelinePrograms } from "../../dist/lib/mapreduce/index.js";
import { findHadoop, parseHadoopCounters, streamingArguments } from "../../dist/lib/mapreduce/runners/hadoop.js";
import { HAIKU_VOWELS, dataFolder } from "../support/corpus.js";
import { countVowels, words } from "../support/jobs.js";

const data = dataFolder(256 * 1024, 19);

/** A streaming task's working folder: the -files shipped in as symlinks, as Hadoop's distributed cache does. */
function taskFolder(programsDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), "lazylab-streaming-task-"));
  for (const name of ["mapper.mjs", "reducer.mjs", "mapreduce"]) symlinkSync(join(programsDir, name), join(dir, name));
  return dir;
}

function runProgram(dir: string, program: string, input: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [program], { cwd: dir, input, encoding: "utf8", maxBuffer: 1 << 28, env: { ...process.env, ...env } });
}

describe("the streaming contract of the generated programs", () => {
  it("map tasks write key TAB value lines; sorted by key bytes they reduce to the pipeline runner's output", async () => {
    const programsDir = mkdtempSync(join(tmpdir(), "lazylab-hadoop-job-"));
    writePipelinePrograms(shipFunctions({ map: words, reduce: sumReducer }), programsDir);
    const task = taskFolder(programsDir);
    // Two map tasks, as Hadoop would run over two splits of the input (cut at a line boundary).
    const text = readFileSync(data.corpus, "utf8");
    const cut = text.indexOf("\n", text.length >> 1) + 1;
    const mapped = [text.slice(0, cut), text.slice(cut)].map((split) => runProgram(task, "mapper.mjs", split));
    for (const m of mapped) {
      expect(m.status).toBe(0);
      expect(m.stderr).toMatch(/^reporter:counter:Map-Reduce Framework,Map input records,\d+$/m);
    }
    const lines = mapped.flatMap((m) => m.stdout.split("\n").filter((l) => l !== ""));
    for (const line of lines.slice(0, 1000)) expect(line).toMatch(/^"[^"\t]*"\t1$/);
    // The shuffle: every key's lines together, keys in byte order (Hadoop's Text comparator, LC_ALL=C sort).
    const sorted = spawnSync("sort", [], {
      input: `${lines.join("\n")}\n`,
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C" },
      maxBuffer: 1 << 28,
    }).stdout;
    const reduced = runProgram(task, "reducer.mjs", sorted);
    expect(reduced.status).toBe(0);
    expect(reduced.stderr).toMatch(/^reporter:counter:Map-Reduce Framework,Reduce input records,\d+$/m);
    const pairs = reduced.stdout
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => l.split("\t").map((x) => JSON.parse(x)) as [string, number]);
    const pipeline = await mapreduce({ input: data.corpus, map: words, reduce: sumReducer, runner: "pipeline" });
    expect(pairs).toEqual(pipeline.pairs);
  });

  it("the chapter's vowel count through mapper | sort | reducer", () => {
    const programsDir = mkdtempSync(join(tmpdir(), "lazylab-hadoop-job-"));
    writePipelinePrograms(shipFunctions({ map: countVowels, reduce: sumReducer }), programsDir);
    const task = taskFolder(programsDir);
    const mapped = runProgram(task, "mapper.mjs", readFileSync(data.haiku, "utf8"));
    const sorted = spawnSync("sort", [], { input: mapped.stdout, encoding: "utf8", env: { ...process.env, LC_ALL: "C" } }).stdout;
    const reduced = runProgram(task, "reducer.mjs", sorted);
    expect(reduced.stdout).toBe(HAIKU_VOWELS.map(([k, v]) => `"${k}"\t${v}\n`).join(""));
  });

  it("a map function that throws fails the task with a non-zero exit code, or is skipped and counted", () => {
    const map = new Function(
      "return (line, emit) => { if (line.includes('Big')) throw new Error('no big data'); emit(line.length, 1) }",
    )() as (line: string, emit: Emit<number, number>) => void;
    const programsDir = mkdtempSync(join(tmpdir(), "lazylab-hadoop-job-"));
    writePipelinePrograms(shipFunctions({ map, reduce: sumReducer }), programsDir);
    const task = taskFolder(programsDir);
    const input = readFileSync(data.haiku, "utf8");
    const failed = runProgram(task, "mapper.mjs", input);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toContain(
      'mapreduce-error: {"phase":"map","line":2,"record":"Is a Big Data framework","error":"Error: no big data"',
    );
    const skipped = runProgram(task, "mapper.mjs", input, { LAZYLAB_SKIP_BAD_RECORDS: "1" });
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toBe("16\t1\n20\t1\n");
    expect(skipped.stderr).toContain("reporter:counter:Map-Reduce Framework,Bad records skipped,1");
  });

  it("a reducer that reads unsorted input still groups only adjacent keys: the sort is the framework's job", () => {
    const programsDir = mkdtempSync(join(tmpdir(), "lazylab-hadoop-job-"));
    writePipelinePrograms(shipFunctions({ map: countVowels, reduce: sumReducer }), programsDir);
    const reduced = runProgram(taskFolder(programsDir), "reducer.mjs", '"a"\t1\n"e"\t1\n"a"\t1\n');
    expect(reduced.stdout).toBe('"a"\t1\n"e"\t1\n"a"\t1\n');
  });
});

describe("submitting to Hadoop", () => {
  it("builds the streaming command: -files with both programs and their runtime, -input, -output, -mapper, -reducer", () => {
    expect(
      streamingArguments({ programsDir: "/jobs/vowels", inputs: ["books", "poems"], output: "counts", reducers: 2, skipBadRecords: true }),
    ).toEqual([
      "-files",
      "/jobs/vowels/mapper.mjs,/jobs/vowels/reducer.mjs,/jobs/vowels/mapreduce",
      "-input",
      "books",
      "-input",
      "poems",
      "-output",
      "counts",
      "-mapper",
      "node mapper.mjs",
      "-reducer",
      "node reducer.mjs",
      "-numReduceTasks",
      "2",
      "-cmdenv",
      "LAZYLAB_SKIP_BAD_RECORDS=1",
    ]);
  });

  it("finds mapred and hadoop under HADOOP_HOME, or the streaming jar", () => {
    const home = mkdtempSync(join(tmpdir(), "lazylab-hadoop-home-"));
    mkdirSync(join(home, "bin"));
    writeFileSync(join(home, "bin", "hadoop"), "");
    expect(findHadoop({ HADOOP_HOME: home, PATH: "" })).toBeUndefined();
    mkdirSync(join(home, "share/hadoop/tools/lib"), { recursive: true });
    writeFileSync(join(home, "share/hadoop/tools/lib/hadoop-streaming-3.3.6.jar"), "");
    expect(findHadoop({ HADOOP_HOME: home, PATH: "" })).toEqual({
      streaming: [join(home, "bin/hadoop"), "jar", join(home, "share/hadoop/tools/lib/hadoop-streaming-3.3.6.jar")],
      fs: [join(home, "bin/hadoop"), "fs"],
    });
    writeFileSync(join(home, "bin", "mapred"), "");
    expect(findHadoop({ HADOOP_HOME: home, PATH: "" })).toEqual({
      streaming: [join(home, "bin/mapred"), "streaming"],
      fs: [join(home, "bin/hadoop"), "fs"],
    });
    expect(findHadoop({ PATH: join(home, "bin") })?.streaming).toEqual([join(home, "bin/mapred"), "streaming"]);
  });

  it("without Hadoop, writes the programs and stops with the exact command to run", async () => {
    expect(findHadoop()).toBeUndefined(); // this machine has no Hadoop
    const job = mapreduce({ input: "books", output: "vowels", cwd: data.dir, map: countVowels, reduce: sumReducer, runner: "hadoop" });
    await expect(job).rejects.toThrow(JobError);
    const message = ((await job.catch((e: unknown) => e)) as Error).message;
    const dir = join(data.dir, "hadoop-job");
    expect(message).toContain("Hadoop was not found: set HADOOP_HOME");
    expect(message).toContain(
      `mapred streaming -files ${dir}/mapper.mjs,${dir}/reducer.mjs,${dir}/mapreduce -input books -output vowels -mapper 'node mapper.mjs' -reducer 'node reducer.mjs'`,
    );
    expect(readFileSync(join(dir, "mapper.mjs"), "utf8")).toContain("runMapper(map);");
    expect(readFileSync(join(dir, "mapreduce", "pipeline-runtime.js"), "utf8")).toContain("export function runReducer");
  });

  it("reads the job's counters from the client's log", () => {
    const log =
      "2024-01-01 INFO mapreduce.Job: Counters: 3\n\tMap-Reduce Framework\n\t\tMap input records=3\n\t\tReduce output records=5\n\tvowels\n\t\tlines=3\n";
    expect(parseHadoopCounters(log).table).toEqual({
      "Map-Reduce Framework": { "Map input records": 3, "Reduce output records": 5 },
      vowels: { lines: 3 },
    });
  });
});
