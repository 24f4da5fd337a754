/** `%time`/`%%time` and `%timeit`/`%%timeit`, as in IPython. */
import type { Magic, MagicContext } from "./registry.js";

/** A duration in the unit IPython would pick (ns, µs, ms, s). */
export function formatDuration(seconds: number): string {
  const units: [number, string][] = [
    [1, "s"],
    [1e-3, "ms"],
    [1e-6, "µs"],
    [1e-9, "ns"],
  ];
  for (const [scale, unit] of units) {
    if (seconds >= scale) return `${(seconds / scale).toPrecision(3)} ${unit}`;
  }
  return `${(seconds / 1e-9).toPrecision(3)} ns`;
}

async function timed(code: string, context: MagicContext, label: string): Promise<unknown> {
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  try {
    return await context.runCode(code, label);
  } finally {
    const wall = Number(process.hrtime.bigint() - start) / 1e9;
    const { user, system } = process.cpuUsage(cpu);
    context.print(
      `CPU times: user ${formatDuration(user / 1e6)}, sys: ${formatDuration(system / 1e6)}, total: ${formatDuration((user + system) / 1e6)}\nWall time: ${formatDuration(wall)}\n`,
    );
  }
}

/** `%time statement` / `%%time`: runs the code once and prints CPU and wall time. */
export const time: Magic = {
  name: "time",
  help: "%time statement\n%%time\n<cell body>\n\nRuns the TypeScript once, prints CPU times and wall time, and returns its value.",
  line: (args, context) => timed(args, context, "%time"),
  checkedAs: (args) => args,
  cell: (_args, body, context) => timed(body, context, "%%time"),
};

const RUNS = 7;

async function timeit(code: string, args: string, context: MagicContext): Promise<undefined> {
  const loopsArg = /(?:^|\s)-n\s*(\d+)/.exec(args)?.[1];
  const runsArg = /(?:^|\s)-r\s*(\d+)/.exec(args)?.[1];
  const runs = runsArg === undefined ? RUNS : Math.max(1, Number(runsArg));
  const isAsync = /\bawait\b/.test(code);
  // Compile the statement once into a loop body, then time calls of the loop.
  await context.runCode(
    `(globalThis as any).__lazylab_timeit = ${isAsync ? "async " : ""}(__n: number) => { for (let __i = 0; __i < __n; __i++) {\n${code}\n} };`,
    "%timeit",
  );
  const loop = (globalThis as Record<string, unknown>).__lazylab_timeit as (n: number) => unknown;
  const measure = async (n: number) => {
    const start = process.hrtime.bigint();
    await loop(n);
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  let loops = loopsArg === undefined ? 1 : Math.max(1, Number(loopsArg));
  if (loopsArg === undefined) {
    // Grow 1, 10, 100, … until one run takes at least 0.2 s, as IPython does.
    while ((await measure(loops)) < 0.2 && loops < 1e9) loops *= 10;
  }
  const perLoop: number[] = [];
  for (let r = 0; r < runs; r++) perLoop.push((await measure(loops)) / loops);
  const mean = perLoop.reduce((a, b) => a + b, 0) / runs;
  const std = Math.sqrt(perLoop.reduce((a, b) => a + (b - mean) ** 2, 0) / runs);
  const plural = (n: number, w: string) => `${n.toLocaleString("en-US")} ${w}${n === 1 ? "" : "s"}`;
  context.print(
    `${formatDuration(mean)} ± ${formatDuration(std)} per loop (mean ± std. dev. of ${plural(runs, "run")}, ${plural(loops, "loop")} each)\n`,
  );
  return undefined;
}

/** The statement of `%timeit [-n N] [-r R] statement`. */
function statementOf(args: string): string {
  return args.replace(/(?:^|\s)-[nr]\s*\d+/g, " ").trim();
}

/** `%timeit [-n N] [-r R] statement` / `%%timeit`: repeats the code and prints mean ± std. dev. per loop. */
export const timeitMagic: Magic = {
  name: "timeit",
  help: "%timeit [-n LOOPS] [-r RUNS] statement\n%%timeit [-n LOOPS] [-r RUNS]\n<cell body>\n\nTimes the statement: picks a loop count so one run takes ≥ 0.2 s (or uses -n), repeats 7 runs (or -r) and prints mean ± std. dev. per loop.",
  line: (args, context) => timeit(statementOf(args), args, context),
  checkedAs: (args) => `{ ${statementOf(args)} }`,
  cell: (args, body, context) => timeit(body, args, context),
};
