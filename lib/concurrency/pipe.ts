/**
 * Pipe (4.7.7): a channel between two ends, duplex by default, one-way with `Pipe(false)` (then
 * the first end only receives and the second only sends, as multiprocessing's). Each direction is
 * a named pipe (FIFO), so the ends work in worker threads, in child processes and on the
 * notebook's thread alike. `recv` blocks until a message arrives (threads and processes); the
 * notebook awaits `recvAsync`. Messages carry the sender's logical clock, so traces from several
 * processes merge in an order that respects "sent before received" (Lamport clocks).
 */
import { closeSync, constants, openSync } from "node:fs";
import { currentStyle, openReader, openWriter, type Reader, type Writer } from "./fifo-endpoint.js";
import { makeFifos, removeFifos } from "./fifo.js";
import { encodeFrame, type Frame } from "./frame.js";
import { beginWait, currentBoard, currentSelf } from "./board.js";
import { describeValue } from "./describe-value.js";
import { registerResource } from "./resources.js";
import { Scope } from "./scope.js";
import { registerShippable } from "./shippable.js";
import { type PrimitiveOptions, type ShippedTracing, Tracing, defaultName } from "./traced.js";

interface ShippedConnection {
  id: number;
  readPath?: string;
  writePath?: string;
  tracing: ShippedTracing;
}

/** One end of a Pipe. */
export class Connection<T = unknown> {
  private reader: Reader | undefined;
  private writer: Writer | undefined;
  private readonly tracing: Tracing;
  /** Slots of the participants this end was given to (main side only). */
  readonly holders = new Set<number>();
  /** Whether the notebook's thread has used this end. */
  usedHere = false;

  /** (Internal: ends come from `Pipe()`.) */
  constructor(
    private readonly shipped: ShippedConnection,
    tracing?: Tracing,
  ) {
    this.tracing = tracing ?? Tracing.revive(shipped.tracing);
  }

  /** The name shown in traces: "pipe-1[0]". */
  get name(): string {
    return this.tracing.name;
  }

  /** This end's resource id (for the wait-for graph). */
  get id(): number {
    return this.shipped.id;
  }

  /** Sends `value` (structured clone) to the other end. */
  send(value: T): void {
    if (this.shipped.writePath === undefined) throw new Error(`${this.name} only receives (a one-way Pipe's first end)`);
    this.writer ??= openWriter(this.shipped.writePath, this.opening());
    const time = this.tracing.record("send", describeValue(value));
    this.writer.write(encodeFrame(value, time));
  }

  /** Receives the next message, blocking until there is one (threads and processes; the notebook uses recvAsync). */
  recv(): T {
    const reader = this.openReader();
    const resume = this.waiting();
    let frame: Frame;
    try {
      frame = reader.read();
    } finally {
      resume();
    }
    return this.received(frame);
  }

  /** Receives the next message without blocking the thread. */
  async recvAsync(): Promise<T> {
    const reader = this.openReader();
    const resume = this.waiting();
    let frame: Frame;
    try {
      frame = await reader.readAsync();
    } finally {
      resume();
    }
    return this.received(frame);
  }

  /** Closes this end here (the other end is not told: end a stream with a sentinel such as null, as the chapter does). */
  close(): void {
    this.reader?.close();
    this.writer?.close();
    this.reader = this.writer = undefined;
  }

  /** The shipped form, for participant `slot` of kind `to`. */
  toShipped(to: "thread" | "process" = "thread", slot = 0): ShippedConnection {
    return { ...this.shipped, tracing: this.tracing.toShipped(to, slot) };
  }

  private openReader(): Reader {
    if (this.shipped.readPath === undefined) throw new Error(`${this.name} only sends (a one-way Pipe's second end)`);
    this.reader ??= openReader(this.shipped.readPath, this.opening());
    return this.reader;
  }

  private opening(): ReturnType<typeof currentStyle> {
    const style = currentStyle();
    if (style === "async") this.usedHere = true;
    return style;
  }

  private waiting(): () => void {
    this.tracing.record("recvWait");
    return beginWait("recv", this.id);
  }

  private received(frame: Frame): T {
    this.tracing.trace?.observe(frame.clock);
    this.tracing.record("recv", describeValue(frame.value));
    return frame.value as T;
  }
}

/** Options of a Pipe. */
export type PipeOptions = PrimitiveOptions;

// A FIFO keeps its buffered bytes only while someone has it open: a producer that sends and exits
// before its consumer opens the FIFO would take its messages with it. The process that creates a
// Pipe holds each FIFO open (never reading) until the Pipe is done with: the end of its scope, or
// when both ends have been garbage-collected.
const keepers = new FinalizationRegistry<number[]>((fds) => fds.forEach((fd) => closeQuietly(fd)));

const PAIR = Symbol("pipe pair");

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
}

/** Two connected ends: duplex (both send and receive) or, with `duplex` false, [receive end, send end]. */
export function Pipe<T = unknown>(duplex = true, options: PipeOptions = {}): [Connection<T>, Connection<T>] {
  const name = options.name ?? defaultName("pipe");
  const paths = makeFifos(duplex ? 2 : 1);
  const held = paths.map((path) => openSync(path, constants.O_RDWR | constants.O_NONBLOCK));
  const [a, b] = [paths[0], paths[1] ?? paths[0]];
  const board = currentBoard();
  const end = (i: number, readPath: string | undefined, writePath: string | undefined) => {
    const tracing = new Tracing(`${name}[${i}]`, options.trace);
    return new Connection<T>({ id: board.allocateResource(), readPath, writePath, tracing: { name: tracing.name } }, tracing);
  };
  const ends = duplex ? [end(0, a, b), end(1, b, a)] : [end(0, a, undefined), end(1, undefined, a)];
  ends.forEach((end, i) => {
    const peer = ends[1 - i];
    // A receive on this end waits for whoever holds the other end (the notebook while it is not given away).
    registerResource(end.id, {
      name: end.name,
      wakers: () => (peer.holders.size === 0 || peer.usedHere ? [0, ...peer.holders] : [...peer.holders]),
    });
  });
  const token = {};
  const pair = { paths }; // reachable from either end: the FIFOs are held while either end is
  ends.forEach((end) => Object.defineProperty(end, PAIR, { value: pair }));
  keepers.register(pair, held, token);
  Scope.current()?.defer(() => {
    ends.forEach((end) => end.close());
    keepers.unregister(token);
    held.forEach(closeQuietly);
    removeFifos(paths);
  });
  return [ends[0], ends[1]];
}

registerShippable<Connection, ShippedConnection>(
  "Connection",
  Connection,
  (end, to, slot) => {
    if (currentSelf().slot === 0) end.holders.add(slot);
    return end.toShipped(to, slot);
  },
  (shipped) => new Connection(shipped),
);
