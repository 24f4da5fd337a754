#!/usr/bin/env node
/**
 * bench/logic — the logic language of sections 4.3–4.4 against three Prolog systems from npm,
 * side by side in one run:
 *
 *   lazylab     this package's lib/logic (the iterative machine behind %logic), depth limit off
 *   tau-prolog  Prolog in pure JavaScript
 *   trealla     Trealla Prolog (C) compiled to WebAssembly
 *   swipl-wasm  SWI-Prolog compiled to WebAssembly
 *
 * The same three programs run in each (programs.mjs has both notations, clause for clause):
 *
 *   nrev       naive reverse of a 30-element list, looped; reported in LIPS (logical inferences
 *              per second, 496 per reverse, the standard count)
 *   ancestors  every ancestor of the leaf of a 2,000-link parent chain (2,000 answers; about
 *              8 million inferences with first-argument indexing)
 *   splits     every way to split a 200-element list with append-to-form (201 answers)
 *
 * Each (system, program) pair runs in a fresh Node process (worker.mjs): start-up is the time to
 * load the engine and the program; then one warm-up run, then BENCH_RUNS (3) timed runs, of which
 * the best is reported. Every system's answers are counted and checked. A pair that takes longer
 * than BENCH_TIMEOUT seconds (120) is reported as a timeout. Ratios say how many times faster
 * lazylab is than each peer (below 1: slower). The goals of issue 4 are checked at the end.
 *
 * Setup (once; bench/.peers is ignored by git):
 *   npm run build
 *   npm install --prefix bench/.peers/logic tau-prolog trealla swipl-wasm
 * Run:
 *   node bench/logic/run.mjs            (or: npm run bench:logic)
 *   BENCH_ONLY=lazylab,trealla node bench/logic/run.mjs
 *
 * The machine matters: timings on a shared or busy machine vary from run to run; compare ratios
 * within one run rather than absolute times across runs.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";

const HERE = import.meta.dirname;
const SYSTEMS = ["lazylab", "tau-prolog", "trealla", "swipl-wasm"].filter(
  (s) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(",").includes(s),
);
const BENCHMARKS = ["nrev", "ancestors", "splits"];
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT ?? 120);

if (!existsSync(join(HERE, "..", "..", "dist", "lib", "logic", "index.js"))) throw new Error("build first: npm run build");
if (!existsSync(join(HERE, "..", ".peers", "logic", "node_modules"))) {
  throw new Error("install the peers first: npm install --prefix bench/.peers/logic tau-prolog trealla swipl-wasm");
}

/** Runs one worker; resolves to its result, or to { error } (a timeout, a crash). */
function work(system, benchmark) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(HERE, "worker.mjs"), system, benchmark], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_S * 1000);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal === "SIGKILL") resolve({ error: `timeout (> ${TIMEOUT_S} s)` });
      else if (code !== 0) resolve({ error: `failed: ${err.trim().split("\n").pop()}` });
      else resolve(JSON.parse(out.trim().split("\n").pop()));
    });
  });
}

const loadBefore = loadavg()[0];
const results = {};
for (const benchmark of BENCHMARKS) {
  results[benchmark] = {};
  for (const system of SYSTEMS) {
    process.stderr.write(`running ${benchmark} on ${system} …\n`);
    const r = await work(system, benchmark);
    if (!r.error && r.expected !== undefined && r.count !== r.expected) r.error = `wrong answer count ${r.count} (expected ${r.expected})`;
    results[benchmark][system] = r;
  }
}

// Every system must reverse the list the same way.
const reversed = Array.from({ length: 30 }, (_, i) => 30 - i).join(",");
for (const system of SYSTEMS) {
  const r = results.nrev[system];
  if (!r.error && !r.check.replace(/\s/g, "").includes(reversed)) r.error = `wrong reverse: ${r.check}`;
}

const ms = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`);
const lips = (x) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : `${(x / 1e3).toFixed(1)}k`);
const ratio = (x) => `${x >= 10 ? x.toFixed(0) : x.toFixed(2)}×`;

/** One row: label, then each system's cell with its ratio to lazylab. */
function row(label, value, format, higherIsBetter) {
  const base = value(SYSTEMS.includes("lazylab") ? "lazylab" : SYSTEMS[0]);
  return [
    label,
    ...SYSTEMS.map((s) => {
      const v = value(s);
      if (typeof v === "string") return v;
      if (s === "lazylab" || base === undefined || typeof base === "string") return format(v);
      return `${format(v)} (${ratio(higherIsBetter ? base / v : v / base)})`;
    }),
  ];
}
const cell = (benchmark, f) => (s) => (results[benchmark][s].error ? results[benchmark][s].error : f(results[benchmark][s]));

const rows = [
  ["", ...SYSTEMS],
  row(
    "start-up: engine + nrev program",
    cell("nrev", (r) => r.startupMs),
    ms,
    false,
  ),
  row(
    "start-up: engine + 2,000 parent facts",
    cell("ancestors", (r) => r.startupMs),
    ms,
    false,
  ),
  row(
    "nrev 30 (LIPS, best run)",
    cell("nrev", (r) => r.lips),
    lips,
    true,
  ),
  row(
    "ancestors, 2,000-link chain (best)",
    cell("ancestors", (r) => r.bestMs),
    ms,
    false,
  ),
  row(
    "ancestors, first (warm-up) run",
    cell("ancestors", (r) => r.warmupMs),
    ms,
    false,
  ),
  row(
    "splits of 200 elements (best)",
    cell("splits", (r) => r.bestMs),
    ms,
    false,
  ),
  row(
    "splits, first (warm-up) run",
    cell("splits", (r) => r.warmupMs),
    ms,
    false,
  ),
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
console.log(
  `\nbench/logic — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadavg()[0].toFixed(1)} after (a load above the core count slows every time here)`,
);
console.log("(×) = how many times faster lazylab is; wall-clock times\n");
for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(widths[i])).join("   "));

// The goals of issue 4.
const l = results.nrev.lazylab;
const goals = [];
if (l && !l.error) {
  goals.push([`nrev ≥ 1M LIPS`, l.lips >= 1e6, lips(l.lips)]);
  const tau = results.nrev["tau-prolog"];
  if (tau && !tau.error) goals.push([`nrev ≥ 60× tau-prolog`, l.lips / tau.lips >= 60, ratio(l.lips / tau.lips)]);
  const swipl = results.nrev["swipl-wasm"];
  if (swipl && !swipl.error) {
    const r = swipl.lips / l.lips;
    goals.push([`nrev within 11× of swipl-wasm`, r <= 11, r >= 1 ? `swipl-wasm ${ratio(r)} faster` : `lazylab ${ratio(1 / r)} faster`]);
  }
}
const anc = results.ancestors.lazylab;
if (anc && !anc.error) goals.push([`ancestors < 2 s`, anc.bestMs < 2000, ms(anc.bestMs)]);
const sp = results.splits.lazylab;
if (sp && !sp.error) goals.push([`splits < 50 ms`, sp.bestMs < 50, ms(sp.bestMs)]);
if (goals.length > 0) {
  console.log("\ngoals (issue 4):");
  for (const [what, ok, got] of goals) console.log(`  ${ok ? "met    " : "NOT MET"}  ${what.padEnd(32)} ${got}`);
}
