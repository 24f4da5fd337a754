/**
 * The runtime of the standalone mapper and reducer programs (the chapter's `mapreduce` companion
 * module): read lines from standard input, call the function, write `key TAB value` lines to
 * standard output. Counters go to standard error in Hadoop streaming's protocol
 * (`reporter:counter:group,name,amount`), errors as one `mapreduce-error: {json}` line, so the
 * same programs run under the pipeline runner and under Hadoop streaming.
 *
 * Portable: imports only node:fs and other portable modules; the pipeline runner copies it.
 */
import { writeSync } from "node:fs";
import { groupAdjacent } from "./group-sorted.js";
import { LineBatches } from "./line-reader.js";
import { formatPair, keyText, valueText } from "./pair-lines.js";

type Emit = (key: unknown, value: unknown) => void;
type Context = {
  count(group: string, name: string, n?: number): void;
  file: string;
  phase: "map" | "reduce";
  taskId: string;
  attempt: number;
};
type MapFunction = (record: string, emit: Emit, ctx: Context) => void;
type ReduceFunction = (key: unknown, values: Iterable<unknown>, emit: Emit, ctx: Context) => unknown;
type CombineFunction = ReduceFunction;

const FRAMEWORK = "Map-Reduce Framework";
const STDIN = 0;
const STDOUT = 1;
const STDERR = 2;

/** Lines to a file descriptor, written in ~1 MiB pieces. */
class LineSink {
  private pending: string[] = [];
  private length = 0;
  constructor(private readonly fd: number) {}
  write(line: string): void {
    this.pending.push(line);
    this.length += line.length + 1;
    if (this.length >= 1 << 20) this.flush();
  }
  flush(): void {
    if (this.pending.length === 0) return;
    const text = `${this.pending.join("\n")}\n`;
    this.pending = [];
    this.length = 0;
    let buffer = Buffer.from(text);
    while (buffer.length > 0) {
      try {
        buffer = buffer.subarray(writeSync(this.fd, buffer));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      }
    }
  }
}

/** Counters kept in the program and reported once, at the end. */
class StreamingCounters {
  private readonly table = new Map<string, number>();
  add(group: string, name: string, n = 1): void {
    const key = `${String(group).replace(/,/g, ";")},${String(name).replace(/,/g, ";")}`;
    this.table.set(key, (this.table.get(key) ?? 0) + Number(n));
  }
  report(): void {
    const lines = [...this.table].map(([key, n]) => `reporter:counter:${key},${n}\n`).join("");
    if (lines !== "") writeSync(STDERR, lines);
  }
}

function describe(error: unknown): { error: string; stack?: string } {
  return error instanceof Error ? { error: `${error.name}: ${error.message}`, stack: error.stack } : { error: String(error) };
}

const skipBadRecords = process.env.LAZYLAB_SKIP_BAD_RECORDS === "1";

/** Reports a function that threw; returns whether to go on (skipping the record). */
function badRecord(phase: "map" | "reduce", line: number, record: string, error: unknown, counters: StreamingCounters): boolean {
  const kind = skipBadRecords ? "mapreduce-bad-record" : "mapreduce-error";
  writeSync(STDERR, `${kind}: ${JSON.stringify({ phase, line, record, ...describe(error) })}\n`);
  if (skipBadRecords) counters.add(FRAMEWORK, phase === "map" ? "Bad records skipped" : "Bad keys skipped");
  else process.exitCode = 1;
  return skipBadRecords;
}

function context(phase: "map" | "reduce", counters: StreamingCounters): Context {
  return { count: (g, n, k) => counters.add(g, n, k), file: process.env.mapreduce_map_input_file ?? "", phase, taskId: phase, attempt: 1 };
}

/** The mapper's main loop: `map` on every line of standard input (the chapter's `for line in sys.stdin`). */
export function runMapper(map: MapFunction): void {
  const out = new LineSink(STDOUT);
  const counters = new StreamingCounters();
  const ctx = context("map", counters);
  let emitted = 0;
  const emit: Emit = (key, value) => {
    out.write(formatPair(key, value));
    emitted++;
  };
  let n = 0;
  try {
    for (const line of new LineBatches(STDIN, 0, Number.POSITIVE_INFINITY, 1 << 20, false).lines()) {
      n++;
      try {
        map(line, emit, ctx);
      } catch (error) {
        if (!badRecord("map", n, line, error, counters)) return;
      }
    }
  } finally {
    out.flush();
    counters.add(FRAMEWORK, "Map input records", n);
    counters.add(FRAMEWORK, "Map output records", emitted);
    counters.report();
  }
}

/** The reducer's main loop: groups sorted standard input by key and reduces each group. */
export function runReducer(reduce: ReduceFunction | CombineFunction): void {
  const out = new LineSink(STDOUT);
  const counters = new StreamingCounters();
  const ctx = context("reduce", counters);
  let records = 0;
  let groups = 0;
  let written = 0;
  const emit: Emit = (key, value) => {
    out.write(formatPair(key, value));
    written++;
  };
  try {
    for (const [text, lines] of groupAdjacent(new LineBatches(STDIN, 0, Number.POSITIVE_INFINITY, 1 << 20, false).lines(), keyText)) {
      groups++;
      const key: unknown = JSON.parse(text);
      const values = {
        *[Symbol.iterator]() {
          for (const line of lines) {
            records++;
            yield JSON.parse(valueText(line));
          }
        },
      };
      try {
        const returned = reduce(key, values, emit, ctx);
        if (returned !== undefined) emit(key, returned);
      } catch (error) {
        if (!badRecord("reduce", groups, text, error, counters)) return;
      }
    }
  } finally {
    out.flush();
    counters.add(FRAMEWORK, "Reduce input groups", groups);
    counters.add(FRAMEWORK, "Reduce input records", records);
    counters.add(FRAMEWORK, "Reduce output records", written);
    counters.report();
  }
}
