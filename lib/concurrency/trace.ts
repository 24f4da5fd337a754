/**
 * A shared trace log: every primitive can append events to it from any thread at the cost of
 * two atomic adds and a few stores. Records have a fixed size in a SharedArrayBuffer; strings
 * (object names, URLs) go to an append-only arena in the same buffer. Logical time is a shared
 * counter; child processes keep their own log with a Lamport clock and hand their events to the
 * parent when they finish (a process shares no memory with its parent).
 */
import { OPS, OP_INDEX, type Op, type TraceEvent, wallClock } from "./trace-event.js";
import { currentSelf } from "./board.js";
import { registerShippable } from "./shippable.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { Timeline, type TimelineOptions } from "./timeline.js";

const HEADER_BYTES = 32; // Int32 [count, clock, arena top, unused], Float64 origin at byte 16
const RECORD_BYTES = 48; // Int32 [thread, time, op+1, object ref, value kind, value ref], Float64 [value, wall]
const COUNT = 0;
const CLOCK = 1;
const ARENA_TOP = 2;
const NO_VALUE = 0;
const NUMBER = 1;
const STRING = 2;

/** Options of a new trace. */
export interface TraceOptions {
  /** How many events it keeps (later ones are counted as dropped). */
  capacity?: number;
  /** Bytes for strings. */
  arenaBytes?: number;
  /** Stamp events with the wall clock (the lane charts need it). Reading the clock is most of an event's cost; without it, events are ordered by logical time only. */
  wallClock?: boolean;
}

/** The shipped form of a trace. */
export interface ShippedTrace {
  buffer: SharedArrayBuffer;
  capacity: number;
  wallClock: boolean;
}

/** A trace log shared by the threads of a process. */
export class Trace {
  readonly buffer: SharedArrayBuffer;
  readonly capacity: number;
  private readonly stampWall: boolean;
  /** Lane names by participant slot (kept where the threads are started). */
  readonly lanes = new Map<number, string>([[0, "MainThread"]]);
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly bytes: Uint8Array;
  private readonly arenaStart: number;
  private readonly interned = new Map<string, number>();

  constructor(options: TraceOptions | ShippedTrace = {}) {
    if ("buffer" in options) {
      this.buffer = options.buffer;
      this.capacity = options.capacity;
      this.stampWall = options.wallClock;
    } else {
      this.capacity = options.capacity ?? 20_000;
      this.stampWall = options.wallClock ?? true;
      this.buffer = new SharedArrayBuffer(HEADER_BYTES + this.capacity * RECORD_BYTES + (options.arenaBytes ?? 1 << 20));
    }
    this.ints = new Int32Array(this.buffer);
    this.floats = new Float64Array(this.buffer);
    this.bytes = new Uint8Array(this.buffer);
    this.arenaStart = HEADER_BYTES + this.capacity * RECORD_BYTES;
    if (!("buffer" in options)) this.floats[2] = wallClock();
  }

  /** When the trace was created (ms since the epoch): the zero of its wall-clock axis. */
  get origin(): number {
    return this.floats[2];
  }

  /** Appends an event for the running thread; `object` is a name or a ref from `intern`. Returns its logical time. */
  record(op: Op, object: string | number = "", value?: number | string): number {
    const time = this.tick();
    this.recordAs(currentSelf().slot, time, this.stampWall ? wallClock() : 0, op, object, value);
    return time;
  }

  /** Advances the logical clock; returns the time for an event. */
  tick(): number {
    return Atomics.add(this.ints, CLOCK, 1);
  }

  /** Moves the logical clock past `time` (a message stamped `time` has arrived: Lamport's rule). */
  observe(time: number): void {
    for (;;) {
      const now = Atomics.load(this.ints, CLOCK);
      if (now > time || Atomics.compareExchange(this.ints, CLOCK, now, time + 1) === now) return;
    }
  }

  /** The current logical time. */
  get clock(): number {
    return Atomics.load(this.ints, CLOCK);
  }

  /** A ref for `name`, stored once, to pass to `record` in hot paths. */
  intern(name: string): number {
    let ref = this.interned.get(name);
    if (ref === undefined) {
      ref = this.store(name);
      this.interned.set(name, ref);
    }
    return ref;
  }

  /** Appends events recorded elsewhere (a child process's log), keeping their times. */
  absorb(events: TraceEvent[]): void {
    for (const e of events) {
      this.observe(e.time);
      this.recordAs(e.thread, e.time, e.wall, e.op, e.object, e.value);
    }
  }

  /** How many events did not fit. */
  get dropped(): number {
    return Math.max(0, Atomics.load(this.ints, COUNT) - this.capacity);
  }

  /** The events recorded so far, in logical-time order (ties by wall clock, then thread). */
  events(): TraceEvent[] {
    const count = Math.min(Atomics.load(this.ints, COUNT), this.capacity);
    const out: TraceEvent[] = [];
    for (let i = 0; i < count; i++) {
      const base = (HEADER_BYTES + i * RECORD_BYTES) / 4;
      const op = Atomics.load(this.ints, base + 2);
      if (op === 0) continue; // still being written
      const kind = this.ints[base + 4];
      const f = (HEADER_BYTES + i * RECORD_BYTES + 24) / 8;
      const event: TraceEvent = {
        thread: this.ints[base],
        time: this.ints[base + 1],
        wall: this.floats[f + 1],
        op: OPS[op - 1],
        object: this.load(this.ints[base + 3]),
      };
      if (kind === NUMBER) event.value = this.floats[f];
      else if (kind === STRING) event.value = this.load(this.ints[base + 5]);
      out.push(event);
    }
    return out.sort((a, b) => a.time - b.time || a.wall - b.wall || a.thread - b.thread);
  }

  /** The trace drawn as a timeline. */
  timeline(options: TimelineOptions = {}): Timeline {
    return new Timeline(this, options);
  }

  [MIMEBUNDLE](): MimeBundle {
    return this.timeline()[MIMEBUNDLE]();
  }

  /** The shipped form (threads share the same buffer). */
  toShipped(): ShippedTrace {
    return { buffer: this.buffer, capacity: this.capacity, wallClock: this.stampWall };
  }

  private recordAs(thread: number, time: number, wall: number, op: Op, object: string | number, value: number | string | undefined): void {
    const i = Atomics.add(this.ints, COUNT, 1);
    if (i >= this.capacity) return; // counted by `dropped`
    const base = (HEADER_BYTES + i * RECORD_BYTES) / 4;
    const f = (HEADER_BYTES + i * RECORD_BYTES + 24) / 8;
    this.ints[base] = thread;
    this.ints[base + 1] = time;
    this.ints[base + 3] = typeof object === "number" ? object : this.intern(object);
    this.floats[f + 1] = wall;
    if (typeof value === "number") {
      this.ints[base + 4] = NUMBER;
      this.floats[f] = value;
    } else if (typeof value === "string") {
      this.ints[base + 4] = STRING;
      this.ints[base + 5] = this.store(value);
    } else this.ints[base + 4] = NO_VALUE;
    Atomics.store(this.ints, base + 2, OP_INDEX[op] + 1); // last: marks the record complete
  }

  // Strings: [u32 length][utf-8 bytes] in the arena; the ref is the offset from the arena start, or -1.
  private store(text: string): number {
    const encoded = Buffer.from(text, "utf8");
    const size = 4 + encoded.length;
    const at = Atomics.add(this.ints, ARENA_TOP, size);
    if (this.arenaStart + at + size > this.buffer.byteLength) return -1;
    new DataView(this.buffer).setUint32(this.arenaStart + at, encoded.length, true);
    this.bytes.set(encoded, this.arenaStart + at + 4);
    return at;
  }

  private load(ref: number): string {
    if (ref < 0) return "…";
    const length = new DataView(this.buffer).getUint32(this.arenaStart + ref, true);
    return Buffer.from(this.buffer, this.arenaStart + ref + 4, length).toString("utf8");
  }
}

// A child process cannot share the buffer: it records into a log of its own, started at the
// parent's clock, and hands the events back when it ends (see process-entry.ts).
const byToken = new Map<number, WeakRef<Trace>>();
const tokens = new WeakMap<Trace, number>();
const childLogs: { token: number; trace: Trace }[] = [];

/** The form of a trace shipped to a child process. */
interface ShippedToProcess {
  token: number;
  clock: number;
  lanes: [number, string][];
  wallClock: boolean;
}

registerShippable<Trace, ShippedTrace | ShippedToProcess>(
  "Trace",
  Trace,
  (trace, to) => {
    if (to === "thread") return trace.toShipped();
    let token = tokens.get(trace);
    if (token === undefined) {
      token = byToken.size + 1;
      tokens.set(trace, token);
      byToken.set(token, new WeakRef(trace));
    }
    return { token, clock: trace.clock, lanes: [...trace.lanes], wallClock: trace.toShipped().wallClock };
  },
  (shipped) => {
    if ("buffer" in shipped) return new Trace(shipped);
    const found = childLogs.find((log) => log.token === shipped.token);
    if (found !== undefined) return found.trace;
    const trace = new Trace({ wallClock: shipped.wallClock });
    trace.observe(shipped.clock);
    childLogs.push({ token: shipped.token, trace });
    return trace;
  },
);

const sent = new Map<number, number>(); // by token: how many events were already sent

/** In a child process: the events of every trace it was given not yet sent to the parent. */
export function childTraceEvents(): { token: number; events: TraceEvent[] }[] {
  return childLogs.map(({ token, trace }) => {
    const events = trace.events();
    const fresh = events.slice(sent.get(token) ?? 0);
    sent.set(token, events.length);
    return { token, events: fresh };
  });
}

/** In the parent: adds a child's events to the trace they belong to. */
export function absorbChildEvents(logs: { token: number; events: TraceEvent[] }[]): void {
  for (const { token, events } of logs) byToken.get(token)?.deref()?.absorb(events);
}
