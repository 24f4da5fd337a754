#!/usr/bin/env node
// Streams benchmark: the chapter's lazy Stream against a plain generator pipeline and an RxJS
// pipeline, side by side in one run.
//   1. the 1,000,000-element map/filter walk (the odd squares: filter odd, map square): time and
//      peak RSS;
//   2. the 10,000,000-element walk without holding the head: RSS before, peak RSS during, and the
//      growth, which should stay flat.
// Every measurement runs in its own child process (bench/streams/variant.mjs), so peak RSS is the
// variant's own; each is warmed up first (the Stream also runs cold, for comparison), and the median of --runs runs is reported, with ratios
// to the generator pipeline and the goals of issue 5 (Stream within 3× of the generators; RSS
// growth of the 10M Stream walk ≤ 20 MiB).
//
//   npm run build && node bench/streams/run.mjs [--runs 3] [--json results.json]
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
// "stream cold" is the Stream without the warm-up: the walk starts in unoptimized code.
const VARIANTS = ["stream", "generator", "rxjs", "stream cold"];
const LABELS = { stream: "Stream (lazylab)", generator: "generator pipeline", rxjs: "RxJS pipeline", "stream cold": "Stream, no warm-up" };
const MiB = 2 ** 20;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const runs = Number(option("--runs", "3"));
const jsonPath = option("--json", undefined);

if (!existsSync(join(here, "..", "..", "dist", "lib", "sequences", "index.js"))) {
  console.error("bench/streams needs the built library: run `npm run build` first");
  process.exit(1);
}

/** Runs one variant in a fresh process; returns its JSON line. */
function measure(variant, n) {
  const [name, mode] = variant.split(" ");
  const out = execFileSync(process.execPath, [join(here, "variant.mjs"), name, String(n), ...(mode ? [mode] : [])], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mib = (bytes) => (bytes / MiB).toFixed(1);
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

/** Each variant `runs` times, interleaved (so a burst of load on the shared machine hits all alike). */
function series(n) {
  const results = Object.fromEntries(VARIANTS.map((v) => [v, []]));
  for (let r = 0; r < runs; r++) for (const v of VARIANTS) results[v].push(measure(v, n));
  return Object.fromEntries(
    VARIANTS.map((v) => {
      const rs = results[v];
      return [
        v,
        {
          ms: median(rs.map((x) => x.ms)),
          msAll: rs.map((x) => Math.round(x.ms)),
          rssBefore: median(rs.map((x) => x.rssBefore)),
          peakRss: Math.max(...rs.map((x) => x.peakRss)),
          growth: Math.max(...rs.map((x) => x.peakRss - x.rssBefore)),
          maxRss: Math.max(...rs.map((x) => x.maxRss)),
        },
      ];
    }),
  );
}

console.log(
  `bench/streams — node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log(`each figure: median (time) or maximum (RSS) of ${runs} runs, every run in its own process, after a warm-up\n`);

const walk = series(1_000_000);
console.log("1,000,000-element map/filter walk (odd squares of 1, 2, 3, …)");
console.log(
  `${pad("variant", 20)}${lpad("time ms", 9)}${lpad("× generator", 13)}${lpad("peak RSS MiB", 14)}${lpad("growth MiB", 12)}   runs (ms)`,
);
for (const v of VARIANTS) {
  const r = walk[v];
  console.log(
    `${pad(LABELS[v], 20)}${lpad(r.ms.toFixed(0), 9)}${lpad((r.ms / walk.generator.ms).toFixed(2), 13)}${lpad(mib(r.maxRss), 14)}${lpad(mib(r.growth), 12)}   ${r.msAll.join(", ")}`,
  );
}

const flat = series(10_000_000);
console.log("\n10,000,000-element walk without holding the head");
console.log(
  `${pad("variant", 20)}${lpad("time ms", 9)}${lpad("RSS before MiB", 16)}${lpad("peak during MiB", 17)}${lpad("growth MiB", 12)}`,
);
for (const v of VARIANTS) {
  const r = flat[v];
  console.log(
    `${pad(LABELS[v], 20)}${lpad(r.ms.toFixed(0), 9)}${lpad(mib(r.rssBefore), 16)}${lpad(mib(r.peakRss), 17)}${lpad(mib(r.growth), 12)}`,
  );
}

const ratio = walk.stream.ms / walk.generator.ms;
const growth = flat.stream.growth / MiB;
console.log("\ngoals (issue 5)");
console.log(`  Stream within 3× of the generator pipeline (1M walk): ${ratio.toFixed(2)}× — ${ratio <= 3 ? "met" : "NOT met"}`);
console.log(`  flat memory for the 10M Stream walk (RSS growth ≤ 20 MiB): ${growth.toFixed(1)} MiB — ${growth <= 20 ? "met" : "NOT met"}`);
console.log(`  (RxJS pipeline: ${(walk.rxjs.ms / walk.generator.ms).toFixed(2)}× the generator pipeline)`);

if (jsonPath !== undefined) {
  writeFileSync(
    jsonPath,
    JSON.stringify({ node: process.version, cpus: cpus().length, loadavg: loadavg(), runs, walk1M: walk, walk10M: flat }, null, 2),
  );
  console.log(`\nwrote ${jsonPath}`);
}
