#!/usr/bin/env node
// bench/concurrency: the costs of the primitives and the particle simulator's speedup, side by side,
// with a measured check of how many of the machine's cores were actually free.
//
//   npm run build && node bench/concurrency/bench.mjs [--steps 10] [--repeat 5]
//
// Every figure comes from inside the workers, after a start gate (starting threads and processes is
// not timed). Cores shared with other work make the numbers noisy: read them next to the free-core
// check, which spins one thread alone, then two at once, and compares how much work they got done,
// and which also samples /proc/stat for the machine's busy time while this benchmark sleeps.
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import {
  Barrier,
  Lock,
  Pipe,
  Process,
  Queue,
  Scope,
  Thread,
  Trace,
  runAlone,
  runProcesses,
  runThreads,
} from "../../dist/lib/concurrency/index.js";
import { consumePipe, consumeQueue, crossings, hammer, produceQueue, producePipe, spin } from "./workers.mjs";

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const STEPS = arg("steps", 10);
const REPEAT = arg("repeat", 5);
const N = 4000;

const threads = (specs) => specs.map(([target, args]) => new Thread({ target, args }).start());
const joinAll = (list) => Promise.all(list.map((t) => t.join()));

/** Cores' worth of CPU the rest of the machine used over `ms` while we slept (from /proc/stat). */
async function othersBusy(ms = 1000) {
  const read = () => readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  const d = b.map((v, i) => v - a[i]);
  const total = d.reduce((x, y) => x + y, 0);
  const idle = d[3] + d[4];
  return (cpus().length * (total - idle)) / total;
}

/** How many cores' worth of work two spinning threads got, relative to one spinning alone. */
async function spinProbe(ms = 400) {
  return Scope.run(async () => {
    const gate1 = new Barrier(1);
    const [alone] = await joinAll(threads([[spin, [gate1, ms]]]));
    const gate2 = new Barrier(2);
    const pair = await joinAll(
      threads([
        [spin, [gate2, ms]],
        [spin, [gate2, ms]],
      ]),
    );
    return (pair[0] + pair[1]) / alone;
  });
}

async function freeCores(label) {
  const busy = await othersBusy();
  const probe = await spinProbe();
  return { label, probe, idle: cpus().length - busy };
}

async function incrementCosts() {
  return Scope.run(async () => {
    const out = {};
    for (const kind of ["plain", "atomic", "lock"]) {
      const n = kind === "lock" ? 2_000_000 : 20_000_000;
      const counter = new Int32Array(new SharedArrayBuffer(4));
      const lock = new Lock();
      const gate1 = new Barrier(1);
      const [alone] = await joinAll(threads([[hammer, [gate1, counter, lock, kind, n]]]));
      const gate2 = new Barrier(2);
      counter[0] = 0;
      const pair = await joinAll(
        threads([
          [hammer, [gate2, counter, lock, kind, n / 4]],
          [hammer, [gate2, counter, lock, kind, n / 4]],
        ]),
      );
      out[kind] = { alone, contended: Math.max(...pair), lost: n / 2 - counter[0] };
    }
    return out;
  });
}

/** ns per Trace.record (an atomic add for the slot, one for the clock, a few stores, and perhaps the wall clock). */
function traceCost(wallClock, n = 200_000) {
  const trace = new Trace({ capacity: n, wallClock });
  const ref = trace.intern("counter[0]");
  const start = performance.now();
  for (let i = 0; i < n; i++) trace.record("write", ref, i);
  return ((performance.now() - start) * 1e6) / n;
}

/** ns per performance.now() (a clock read: cheap on most machines, a system call on some virtual ones). */
function clockCost(n = 200_000) {
  let x = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) x += performance.now();
  return ((performance.now() - start) * 1e6) / n + (x & 0);
}

async function barrierCost() {
  return Scope.run(async () => {
    const gate = new Barrier(2);
    const barrier = new Barrier(2);
    const per = await joinAll(
      threads([
        [crossings, [gate, barrier, 100_000]],
        [crossings, [gate, barrier, 100_000]],
      ]),
    );
    return Math.max(...per);
  });
}

async function queueThroughput() {
  return Scope.run(async () => {
    const queue = new Queue();
    const [, [count, ms]] = await joinAll(
      threads([
        [produceQueue, [queue, 200_000]],
        [consumeQueue, [queue]],
      ]),
    );
    return count / (ms / 1000);
  });
}

async function pipeThroughput() {
  return Scope.run(async () => {
    const [recvEnd, sendEnd] = Pipe(false);
    const consumer = new Process({ target: consumePipe, args: [recvEnd] }).start();
    const producer = new Process({ target: producePipe, args: [sendEnd, 100_000] }).start();
    const [[count, ms]] = await Promise.all([consumer.join(), producer.join()]);
    return count / (ms / 1000);
  });
}

/** Jiffies: the machine's busy time, and this process's own (its threads, and its children once reaped). */
function jiffies() {
  const cpu = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.reduce((a, b) => a + b, 0);
  const self = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ").map(Number); // fields from 3 on
  return { total, busy: total - cpu[3] - cpu[4], own: self[11] + self[12] + self[13] + self[14] };
}

/** Runs `work`; also returns the cores the rest of the machine left free meanwhile (cores − others' busy share). */
async function withFreeCores(work) {
  const a = jiffies();
  const result = await work();
  const b = jiffies();
  const others = Math.max(0, b.busy - a.busy - (b.own - a.own));
  return { result, free: cpus().length * (1 - others / Math.max(1, b.total - a.total)) };
}

async function particles() {
  const runs = { alone: [], pair: [], threads: [], blocks: [], processes: [] };
  const free = { alone: [], pair: [], threads: [], blocks: [], processes: [] };
  const cpu = { alone: [], pair: [], threads: [], blocks: [], processes: [] };
  // "pair": two independent copies of the one-thread run at once — no sharing, no barrier. Twice the
  // work in the time it takes says what two threads could gain at best on this machine right now.
  const pair = async (o) => {
    const both = await Promise.all([runAlone(o), runAlone(o)]);
    return { ms: Math.max(...both.map((b) => b.ms)) / 2, cpuMs: both.map((b) => b.cpuMs[0]) };
  };
  const variants = {
    alone: runAlone,
    pair,
    threads: runThreads,
    blocks: (o) => runThreads({ ...o, schedule: "blocks" }),
    processes: runProcesses,
  };
  for (let r = 0; r < REPEAT; r++) {
    for (const [key, run] of Object.entries(variants)) {
      const { result, free: f } = await withFreeCores(() => run({ n: N, steps: STEPS, workers: 2 }));
      runs[key].push(result.ms);
      free[key].push(f);
      cpu[key].push(result.cpuMs);
    }
  }
  return { runs, free, cpu };
}

const fmt = (v, d = 1) => v.toFixed(d).padStart(9);
console.log(
  `lazylab concurrency bench — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
);
const before = await freeCores("before");
const costs = await incrementCosts();
console.log("\nincrement of a shared counter          one thread   two threads (each)   updates lost by two");
for (const [kind, label] of [
  ["plain", "plain counter[0] += 1"],
  ["atomic", "Atomics.add"],
  ["lock", "Lock acquire + += + release"],
]) {
  const c = costs[kind];
  console.log(`  ${label.padEnd(36)}${fmt(c.alone)} ns${fmt(c.contended)} ns ${String(c.lost).padStart(18)}`);
}
console.log(`  ${"a traced event, wall-clock stamped".padEnd(36)}${fmt(traceCost(true))} ns`);
console.log(`  ${"a traced event, logical time only".padEnd(36)}${fmt(traceCost(false))} ns`);
console.log(`  ${"performance.now() alone".padEnd(36)}${fmt(clockCost())} ns`);
console.log(`\nBarrier(2) crossing                    ${fmt(await barrierCost(), 2)} µs`);
console.log(`Queue, thread → thread                 ${fmt((await queueThroughput()) / 1000)} k items/s`);
console.log(`Pipe, process → process                ${fmt((await pipeThroughput()) / 1000)} k messages/s`);
const { runs, free, cpu } = await particles();
const best = (list) => Math.min(...list);
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(
  `\nparticle simulator, n = ${N}, ${STEPS} steps (stepping time; best, and median of the ${REPEAT} rounds' ratios (the variants of a round run back to back); cores left free by the rest of the machine during each run)`,
);
for (const [key, label] of [
  ["alone", "1 thread"],
  ["pair", "ceiling: 2 lone copies"],
  ["threads", "2 threads + barrier"],
  ["blocks", "  … each its own block"],
  ["processes", "2 processes, pipe ring"],
]) {
  const speedBest = best(runs.alone) / best(runs[key]);
  const speedMedian = median(runs.alone.map((a, r) => a / runs[key][r])); // per round: the variants of a round ran back to back
  const freeCores = free[key].map((f) => f.toFixed(2)).join(" ");
  console.log(
    `  ${label.padEnd(24)} best ${fmt(best(runs[key]), 0)} ms  median ${fmt(median(runs[key]), 0)} ms   speedup best ${speedBest.toFixed(2)}×  median ${speedMedian.toFixed(2)}×   free cores ${freeCores}`,
  );
}
const speedup = median(runs.alone.map((a, r) => a / runs.threads[r]));
const ceiling = median(runs.alone.map((a, r) => a / runs.pair[r]));
const freeDuring = Math.min(...free.alone, ...free.threads);
console.log(
  `  2 threads reach ${((100 * speedup) / ceiling).toFixed(0)}% of what two independent copies reach (${ceiling.toFixed(2)}× — the machine's own ceiling for this work right now)`,
);
console.log(
  freeDuring >= 1.8
    ? `  goal (≥ 1.70× with 2 threads when both cores are free): ${speedup >= 1.7 ? "met" : "NOT met"}, ${speedup.toFixed(2)}× with ≥ ${freeDuring.toFixed(2)} cores free`
    : `  goal (≥ 1.70× with 2 threads when both cores are free): not measurable in this run — as little as ${freeDuring.toFixed(2)} cores were free`,
);
// CPU time says what wall time cannot on a busy machine: how much work each worker did. If each
// worker had had a core of its own, stepping would have taken about as long as the busiest one's work.
const medianOf = (list) => median(list);
const serialCpu = medianOf(cpu.alone.map((c) => c[0]));
console.log(`\nCPU time while stepping (median; ms per worker) — the work, whether or not a core was free`);
for (const [key, label] of [
  ["alone", "1 thread"],
  ["threads", "2 threads + barrier"],
  ["blocks", "  … each its own block"],
  ["processes", "2 processes, pipe ring"],
]) {
  const perWorker = cpu[key][0].map((_, w) => medianOf(cpu[key].map((c) => c[w])));
  const busiest = Math.max(...perWorker);
  console.log(
    `  ${label.padEnd(24)} ${perWorker.map((c) => c.toFixed(0).padStart(5)).join(" ")} ms   total ${(perWorker.reduce((a, b) => a + b, 0) / serialCpu).toFixed(2)}× one thread's   one core each: ≈ ${(serialCpu / busiest).toFixed(2)}× speedup`,
  );
}
const after = await freeCores("after");
console.log("\nfree cores (2 spinning threads' work ÷ 1 alone; idle cores per /proc/stat while this bench slept 1 s)");
for (const f of [before, after])
  console.log(`  ${f.label.padEnd(7)} spin probe ${f.probe.toFixed(2)} cores   /proc/stat idle ${f.idle.toFixed(2)} cores`);
