/**
 * One system, one benchmark, in a fresh process: `node bench/logic/worker.mjs SYSTEM BENCHMARK`.
 * Prints one JSON line: start-up (engine + program loaded), the warm-up run, the timed runs,
 * and the answer count (and, for nrev, the reversed list) to check that every system agrees.
 */
import { CHAIN, logic, NREV_INFERENCES, prolog, SPLIT_LENGTH } from "./programs.mjs";
import { SYSTEMS } from "./systems.mjs";

const [systemName, benchmark] = process.argv.slice(2);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const now = () => performance.now();

const t0 = now();
const system = await SYSTEMS[systemName]();
const programs = system.notation === "logic" ? logic : prolog;
const spec = programs[benchmark];
await system.start(spec.program);
const startupMs = now() - t0;

/** Milliseconds one count of `query` takes, and the count. */
async function timed(query) {
  const start = now();
  const count = await system.count(query);
  return { ms: now() - start, count };
}

const result = { system: systemName, benchmark, startupMs };
if (benchmark === "nrev") {
  result.check = await system.first(spec.check);
  // Grow the loop count until one run takes at least 0.3 s on this system; those runs warm it up.
  let n = 10;
  let probe = await timed(spec.query(n));
  while (probe.ms < 300 && n < 200_000) {
    n *= probe.ms < 30 ? 10 : 2;
    probe = await timed(spec.query(n));
  }
  result.loops = n;
  result.warmupMs = probe.ms;
  result.runsMs = [];
  for (let i = 0; i < RUNS; i++) result.runsMs.push((await timed(spec.query(n))).ms);
  result.lips = (NREV_INFERENCES * n) / (Math.min(...result.runsMs) / 1000);
  result.count = 1;
} else {
  const warm = await timed(spec.query());
  result.warmupMs = warm.ms;
  result.count = warm.count;
  result.expected = benchmark === "ancestors" ? CHAIN : SPLIT_LENGTH + 1;
  result.runsMs = [];
  for (let i = 0; i < RUNS; i++) result.runsMs.push((await timed(spec.query())).ms);
}
result.bestMs = Math.min(...result.runsMs);
console.log(JSON.stringify(result));
process.exit(0);
