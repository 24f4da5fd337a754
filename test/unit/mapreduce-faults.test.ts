/** Fault tolerance as the chapter describes for Hadoop: killed workers, throwing functions, interrupts — and no process left behind. */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Emit, JobError, RecordError, type TaskEvent, mapreduce, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { ROOT, dataFolder, unixWordCount } from "../support/corpus.js";
import { settleChildren } from "../support/processes.js";
import { MIMEBUNDLE } from "../../dist/lib/render/mimebundle.js";

const data = dataFolder(1 << 20, 11);
const expectedWords = unixWordCount(data.corpus);

// A slow word count: each line costs ~150 µs, so a 64 KB split (~1,200 lines) runs for ~0.2 s,
// long enough to be killed mid-task.
const slowWords = (line: string, emit: Emit<string, number>) => {
  const start = performance.now();
  while (performance.now() - start < 0.15);
  for (const w of line.split(" ")) if (w !== "") emit(w, 1);
};

// Numbered lines, so a function can throw on a known line deep inside the file.
const numbered = join(data.dir, "numbered.txt");
writeFileSync(numbered, `${Array.from({ length: 20_000 }, (_, i) => `line ${i + 1} of the numbered file`).join("\n")}\n`);

afterEach(async () => {
  expect(await settleChildren()).toEqual([]);
});

describe("a worker killed mid-job", () => {
  it("has its task run again on another worker, and the result is exact", async () => {
    const events: TaskEvent[] = [];
    let killed: number | undefined;
    const result = await mapreduce({
      input: data.corpus,
      map: slowWords,
      reduce: sumReducer,
      combine: sumReducer,
      workers: 2,
      splitSize: 64 * 1024,
      onTask(event) {
        events.push(event);
        if (event.type === "start" && event.taskId === "map-3" && event.attempt === 1 && event.pid !== undefined) {
          killed = event.pid;
          setTimeout(() => process.kill(event.pid!, "SIGKILL"), 30); // mid-task: it runs for ~0.2 s
        }
      },
    });
    expect(result.toMap()).toEqual(expectedWords);
    expect(result.summary.failedAttempts).toEqual([
      expect.objectContaining({ taskId: "map-3", attempt: 1, pid: killed, reason: "worker killed by SIGKILL" }),
    ]);
    const rerun = events.find((e) => e.type === "done" && e.taskId === "map-3");
    expect(rerun?.attempt).toBe(2);
    expect(rerun?.pid).not.toBe(killed);
    expect(events.some((e) => e.type === "retry" && e.taskId === "map-3" && e.attempt === 2)).toBe(true);
    expect(String(result[MIMEBUNDLE]()["text/plain"])).toContain("map-3 attempt 1 failed on worker");
  });

  it("survives a killed reduce task too", async () => {
    const result = await mapreduce({
      input: data.corpus,
      map: slowWords,
      reduce: (_key: string, values: Iterable<number>) => {
        const start = performance.now();
        while (performance.now() - start < 0.05);
        let t = 0;
        for (const v of values) t += v;
        return t;
      },
      combine: sumReducer,
      workers: 2,
      reducers: 2,
      onTask(event) {
        if (event.type === "start" && event.taskId === "reduce-1" && event.attempt === 1)
          setTimeout(() => process.kill(event.pid!, "SIGKILL"), 30);
      },
    });
    expect(result.toMap()).toEqual(expectedWords);
    expect(result.summary.failedAttempts.map((e) => e.taskId)).toEqual(["reduce-1"]);
  });

  it("fails the job after maxAttempts, saying why", async () => {
    const job = mapreduce({
      input: data.corpus,
      map: slowWords,
      reduce: sumReducer,
      workers: 2,
      splitSize: 64 * 1024,
      maxAttempts: 2,
      onTask(event) {
        if (event.type === "start" && event.taskId === "map-0") process.kill(event.pid!, "SIGKILL"); // every attempt, at its start
      },
    });
    await expect(job).rejects.toThrow(JobError);
    await expect(job).rejects.toThrow(/task map-0 failed 2 times, the last time because: worker killed by SIGKILL/);
  });
});

describe("a function that throws", () => {
  const failOn = new Function(
    "return function map(line, emit) {\n  if (line === 'line 12345 of the numbered file') throw new TypeError('cannot parse')\n  emit('lines', 1)\n}",
  )() as (line: string, emit: Emit<string, number>) => void;

  for (const runner of ["local", "inline", "pipeline"] as const) {
    it(`stops the job with the input file, line number and record (${runner})`, async () => {
      const job = mapreduce({
        input: "numbered.txt",
        cwd: data.dir,
        map: failOn,
        reduce: sumReducer,
        runner,
        workers: 2,
        splitSize: 64 * 1024,
      });
      await expect(job).rejects.toThrow(RecordError);
      const error = (await job.catch((e: unknown) => e)) as RecordError;
      expect(error.bad).toMatchObject({
        phase: "map",
        file: "numbered.txt",
        line: 12345,
        record: "line 12345 of the numbered file",
        error: "TypeError: cannot parse",
      });
      expect(error.message).toContain(
        'map function threw at numbered.txt:12345: TypeError: cannot parse — record "line 12345 of the numbered file"',
      );
      if (runner !== "inline")
        expect(error.message).toContain("(in map: if (line === 'line 12345 of the numbered file') throw new TypeError('cannot parse'))");
    });
  }

  it("(inline) starts no task after one failed, so nothing writes into the job's folder while it is removed", async () => {
    const seen: string[] = [];
    const map = (line: string, emit: Emit<string, number>) => {
      seen.push(line);
      if (line === "line 1 of the numbered file") throw new TypeError("cannot parse");
      emit("lines", 1);
    };
    // 64 KiB splits: the file's first line fails the first of about ten map tasks.
    await expect(
      mapreduce({ input: "numbered.txt", cwd: data.dir, map, reduce: sumReducer, runner: "inline", splitSize: 64 * 1024 }),
    ).rejects.toThrow(RecordError);
    await new Promise((resolve) => setTimeout(resolve, 200)); // tasks still queued would run by now
    expect(seen).toEqual(["line 1 of the numbered file"]);
  });

  it("with skipBadRecords, counts and lists the records and goes on", async () => {
    const map = new Function(
      "return (line, emit) => { const n = Number(line.split(' ')[1]); if (n % 5000 === 0) throw new Error('bad ' + n); emit('ok', 1) }",
    )() as (line: string, emit: Emit<string, number>) => void;
    for (const runner of ["local", "pipeline"] as const) {
      const result = await mapreduce({
        input: numbered,
        map,
        reduce: sumReducer,
        runner,
        workers: 2,
        splitSize: 64 * 1024,
        skipBadRecords: true,
      });
      expect(result.pairs).toEqual([["ok", 19_996]]);
      expect(result.summary.badRecords.map((b) => [b.line, b.error])).toEqual([
        [5000, "Error: bad 5000"],
        [10000, "Error: bad 10000"],
        [15000, "Error: bad 15000"],
        [20000, "Error: bad 20000"],
      ]);
      expect(result.counter("Map-Reduce Framework", "Bad records skipped")).toBe(4);
      expect(String(result[MIMEBUNDLE]()["text/plain"])).toContain("4 bad records skipped:");
    }
  });

  it("names the key when reduce throws", async () => {
    const reduce = new Function(
      "return (key, values) => { if (key === 'o') throw new RangeError('no o'); let t = 0; for (const v of values) t += v; return t }",
    )() as (k: string, v: Iterable<number>) => number;
    const countVowels = (line: string, emit: Emit<string, number>) => {
      for (const vowel of "aeiou") if (line.includes(vowel)) emit(vowel, 1);
    };
    await expect(mapreduce({ input: data.haiku, map: countVowels, reduce, workers: 2 })).rejects.toThrow(
      /reduce function threw at key "o": RangeError: no o/,
    );
  });
});

describe("interrupts", () => {
  for (const runner of ["local", "pipeline", "inline"] as const) {
    it(`an abort stops the job at once and leaves no process (${runner})`, async () => {
      const controller = new AbortController();
      const started = performance.now();
      const job = mapreduce({
        input: data.corpus,
        map: slowWords,
        reduce: sumReducer,
        runner,
        workers: 2,
        splitSize: 64 * 1024,
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(new Error("interrupted")), 400);
      await expect(job).rejects.toThrow("interrupted");
      expect(performance.now() - started).toBeLessThan(1500);
    });
  }
});

/** Command lines of every process on the machine that belongs to a MapReduce job started from `marker`'s folder. */
function jobProcesses(marker: string): string[] {
  const found: string[] = [];
  for (const d of readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmd.includes(marker)) found.push(`${d} ${cmd}`);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

describe("the host process exits mid-job", () => {
  for (const runner of ["local", "pipeline"] as const) {
    it(`takes the job's processes with it (${runner})`, async () => {
      // Workers and pipeline stages are orphans, not our descendants, once their parent is gone:
      // look for them by what they run (this checkout's worker script, or the job's input file).
      const script = `
        import { mapreduce, sumReducer } from ${JSON.stringify(join(ROOT, "dist/lib/mapreduce/index.js"))};
        const slow = new Function("return (line, emit) => { const s = performance.now(); while (performance.now() - s < 1); emit('x', 1) }")();
        mapreduce({ input: ${JSON.stringify(data.corpus)}, map: slow, reduce: sumReducer, runner: ${JSON.stringify(runner)}, workers: 2 });
        setTimeout(() => process.exit(0), 1000);`;
      const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000 });
      expect(run.status).toBe(0);
      await new Promise((r) => setTimeout(r, 300));
      const marker = runner === "local" ? join(ROOT, "dist/lib/mapreduce/runners/workers/worker-main.js") : data.corpus;
      expect(jobProcesses(marker)).toEqual([]);
    });
  }
});
