#!/usr/bin/env node
// MapReduce benchmark: word count and vowel count over generated corpora, side by side:
//   - the chapter's pipeline:  cat | python3 mapper.py | LC_ALL=C sort | python3 reducer.py
//   - Unix tools:              tr/grep | LC_ALL=C sort | uniq -c
//   - one Node process with an in-memory Map (same map function, Map as combiner)
//   - lazylab's local runner with 1 and 2 worker processes
//   - lazylab's redis runner with 2 `lazylab worker` processes on this machine (a redis-server and
//     the workers are started for the run and stopped by pid; their RSS is not in the figure)
// prints seconds, MB/s, peak RSS of the whole process tree, ratios, and checks that every
// contender produced the same counts.
//
//   node bench/mapreduce/run.mjs [--sizes 10,100,500] [--jobs words,vowels] [--repeat N] [--only NAME;…]
//
// With --repeat N each contender runs N times and the fastest run counts: other work on a shared
// machine can only add time. Peak RSS is the largest of the N runs.
//
// Corpora go to bench/.data/ (gitignored) and are reused. Needs `npm run build` first.
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeCorpus } from "../../dist/lib/mapreduce/index.js";
import { measure } from "./measure.mjs";
import { startRedisCluster } from "./redis-cluster.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
const DATA = resolve(HERE, "..", ".data");
const PY = join(HERE, "python");
const NODE = process.execPath;

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10,100,500" },
    jobs: { type: "string", default: "words,vowels" },
    repeat: { type: "string", default: "1" },
    only: { type: "string" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const jobs = values.jobs.split(",");
const repeat = Math.max(1, Number(values.repeat));

/** The contenders: a bash script (input as $1, output as $2) for each job. */
const CONTENDERS = [
  {
    name: "chapter pipeline (python)",
    words: `cat "$1" | /usr/bin/python3 ${PY}/word_mapper.py | LC_ALL=C sort -S 256M | /usr/bin/python3 ${PY}/sum_reducer.py > "$2"`,
    vowels: `cat "$1" | /usr/bin/python3 ${PY}/vowel_mapper.py | LC_ALL=C sort -S 256M | /usr/bin/python3 ${PY}/sum_reducer.py > "$2"`,
  },
  {
    name: "sort | uniq -c",
    words: `tr -s ' ' '\\n' < "$1" | LC_ALL=C sort -S 256M | uniq -c > "$2"`,
    vowels: `grep -o '[aeiou]' "$1" | LC_ALL=C sort -S 256M | uniq -c > "$2"`,
  },
  {
    name: "node, one process, Map",
    words: `"${NODE}" ${HERE}/single-process.mjs words "$1" "$2"`,
    vowels: `"${NODE}" ${HERE}/single-process.mjs vowels "$1" "$2"`,
  },
  {
    name: "lazylab local, 1 worker",
    words: `"${NODE}" ${HERE}/lazylab-job.mjs words "$1" "$2" 1`,
    vowels: `"${NODE}" ${HERE}/lazylab-job.mjs vowels "$1" "$2" 1`,
  },
  {
    name: "lazylab local, 2 workers",
    words: `"${NODE}" ${HERE}/lazylab-job.mjs words "$1" "$2" 2`,
    vowels: `"${NODE}" ${HERE}/lazylab-job.mjs vowels "$1" "$2" 2`,
  },
  {
    name: "lazylab redis, 2 workers",
    redis: true,
    words: `"${NODE}" ${HERE}/lazylab-job.mjs words "$1" "$2" 2 "$LAZYLAB_REDIS"`,
    vowels: `"${NODE}" ${HERE}/lazylab-job.mjs vowels "$1" "$2" 2 "$LAZYLAB_REDIS"`,
  },
].filter((c) => values.only === undefined || values.only.split(";").some((o) => c.name.includes(o)));

// The redis runner's cluster: one redis-server and two workers, for the whole run.
const cluster = CONTENDERS.some((c) => c.redis) ? await startRedisCluster(2) : undefined;
if (cluster !== undefined) process.env.LAZYLAB_REDIS = cluster.url;

/** Counts from any contender's output format: `'k'\\tN` (python), `   N k` (uniq -c), `k\\tN` (node). */
function readCounts(path) {
  const counts = new Map();
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (line === "") continue;
    let m = /^'(.*)'\t(\d+)$/.exec(line) ?? /^(.*)\t(\d+)$/.exec(line);
    if (m !== null) counts.set(m[1], Number(m[2]));
    else if ((m = /^\s*(\d+) (.*)$/.exec(line)) !== null) counts.set(m[2], Number(m[1]));
  }
  return counts;
}

function sameCounts(a, b) {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

function corpus(mb) {
  mkdirSync(DATA, { recursive: true });
  const path = join(DATA, `corpus-${mb}MB.txt`);
  if (!existsSync(path) || Math.abs(statSync(path).size - mb * 1e6) > 1e5) {
    process.stdout.write(`generating ${path} … `);
    writeCorpus(path, mb * 1e6, { seed: 42 });
    console.log("done");
  }
  return path;
}

const mib = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

console.log(
  `MapReduce benchmark · ${new Date().toISOString()} · node ${process.version} · ${(await import("node:os")).availableParallelism()} cores · load ${(
    await import("node:os")
  )
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
const summary = [];
for (const mb of sizes) {
  const input = corpus(mb);
  const bytes = statSync(input).size;
  for (const job of jobs) {
    console.log(`\n${job === "words" ? "word count" : "vowel count"} · ${mb} MB${repeat > 1 ? ` · best of ${repeat}` : ""}`);
    console.log(
      `${pad("contender", 28)}${lpad("seconds", 9)}${lpad("MB/s", 9)}${lpad("peak RSS", 10)}${lpad("× Map", 8)}${lpad("× python", 10)}  output`,
    );
    const rows = [];
    let reference;
    for (const c of CONTENDERS) {
      const output = join(DATA, `out-${job}-${mb}MB-${c.name.replace(/\W+/g, "-")}.txt`);
      const runs = [];
      for (let r = 0; r < repeat; r++) runs.push(await measure(c[job], [input, output]));
      const seconds = Math.min(...runs.map((x) => x.seconds));
      const peakRss = Math.max(...runs.map((x) => x.peakRss));
      const counts = readCounts(output);
      reference ??= counts;
      rows.push({ name: c.name, seconds, peakRss, ok: sameCounts(counts, reference) });
      const row = rows.at(-1);
      const map = rows.find((x) => x.name.startsWith("node"));
      const py = rows.find((x) => x.name.startsWith("chapter"));
      console.log(
        `${pad(c.name, 28)}${lpad(seconds.toFixed(2), 9)}${lpad((bytes / 1e6 / seconds).toFixed(1), 9)}${lpad(mib(peakRss), 10)}` +
          `${lpad(map ? (map.seconds / seconds).toFixed(2) : "", 8)}${lpad(py ? (py.seconds / seconds).toFixed(1) : "", 10)}  ${row.ok ? "same counts" : "DIFFERENT COUNTS"}`,
      );
    }
    summary.push({ mb, job, rows });
  }
}

await cluster?.stop();

// The redis runner next to the local one (same 2 worker processes' worth of cores).
for (const { mb, job, rows } of summary) {
  const local = rows.find((r) => r.name === "lazylab local, 2 workers");
  const redis = rows.find((r) => r.name === "lazylab redis, 2 workers");
  if (local && redis)
    console.log(
      `${pad(`${job} ${mb} MB`, 16)} redis runner ${(mb / redis.seconds).toFixed(1)} MB/s, local ${(mb / local.seconds).toFixed(1)} MB/s: redis takes ${(redis.seconds / local.seconds).toFixed(2)}× the local runner's time`,
    );
}

// The issue's goals, checked where the contenders ran.
console.log(
  "\ngoals (2-core machine): local with 2 workers ≥ 1.7× the single Map process, ≥ 10× the chapter's pipeline, peak RSS ≤ 1 GiB at 500 MB",
);
for (const { mb, job, rows } of summary) {
  const two = rows.find((r) => r.name.includes("2 workers"));
  const map = rows.find((r) => r.name.startsWith("node"));
  const py = rows.find((r) => r.name.startsWith("chapter"));
  if (two === undefined) continue;
  const parts = [];
  if (map) parts.push(`${(map.seconds / two.seconds).toFixed(2)}× Map ${map.seconds / two.seconds >= 1.7 ? "✓" : "✗"}`);
  if (py) parts.push(`${(py.seconds / two.seconds).toFixed(1)}× python ${py.seconds / two.seconds >= 10 ? "✓" : "✗"}`);
  parts.push(`peak ${mib(two.peakRss)} ${two.peakRss <= 2 ** 30 ? "✓" : "✗"}`);
  console.log(`${pad(`${job} ${mb} MB`, 16)} ${parts.join(" · ")}`);
}
