/**
 * Queue (4.7.4): synchronized first-in, first-out access, so no item is lost however the threads
 * interleave. Items are serialized (v8.serialize, the structured clone) into a ring of bytes in
 * shared memory, guarded by a small spin-then-sleep mutex; three sequence numbers let waiters
 * sleep until something changes: one bumped by `put` (for getters), one by `get` (for putters
 * of a full queue), and one when the count of unfinished tasks reaches zero (for `join`).
 * A waiter reads the sequence number while holding the mutex and sleeps only while it is
 * unchanged, so a wake-up between its unlock and its sleep is never missed.
 */
import { deserialize, serialize } from "node:v8";
import { assertMayBlock, beginWait, currentBoard, currentSelf } from "./board.js";
import { waitAwaitable, waitBlocking } from "./atomic-wait.js";
import { fromU32, readWrapped, u32, writeWrapped } from "./byte-ring.js";
import { describeValue } from "./describe-value.js";
import { registerResource } from "./resources.js";
import { refuseProcess, registerShippable } from "./shippable.js";
import { type PrimitiveOptions, type ShippedTracing, Tracing, defaultName } from "./traced.js";

const MUTEX = 0;
const COUNT = 1; // items in the queue
const HEAD = 2; // byte offset of the oldest item
const USED = 3; // bytes in use
const UNFINISHED = 4; // items put and not yet marked done
const PUT_SEQ = 5;
const GET_SEQ = 6;
const DONE_SEQ = 7;
const ID = 8;
const HEADER_INTS = 12;

interface ShippedQueue {
  buffer: SharedArrayBuffer;
  tracing: ShippedTracing;
}

/** Options of a Queue. */
export interface QueueOptions extends PrimitiveOptions {
  /** Bytes of shared memory for queued items (serialized); `put` waits when they are full. */
  capacityBytes?: number;
}

/** A synchronized FIFO queue shared by threads. */
export class Queue<T = unknown> {
  private readonly cells: Int32Array;
  private readonly ring: Uint8Array;
  private readonly tracing: Tracing;

  /** A new empty queue. (`shipped` is internal: how a thread rebuilds one it was sent.) */
  constructor(options: QueueOptions = {}, shipped?: ShippedQueue) {
    const capacity = options.capacityBytes ?? 1 << 20;
    const buffer = shipped?.buffer ?? new SharedArrayBuffer(HEADER_INTS * 4 + capacity);
    this.cells = new Int32Array(buffer, 0, HEADER_INTS);
    this.ring = new Uint8Array(buffer, HEADER_INTS * 4);
    this.tracing = shipped ? Tracing.revive(shipped.tracing) : new Tracing(options.name ?? defaultName("queue"), options.trace);
    if (shipped === undefined) {
      this.cells[ID] = currentBoard().allocateResource();
      registerResource(this.cells[ID], { name: this.name, wakers: () => undefined });
    }
  }

  /** The name shown in traces. */
  get name(): string {
    return this.tracing.name;
  }

  /** The number of items in the queue now. */
  qsize(): number {
    return Atomics.load(this.cells, COUNT);
  }

  /** Whether the queue is empty now. */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** Adds `item` at the end, waiting while the queue is full (the notebook's thread cannot wait: it throws instead; use putAsync). */
  put(item: T): void {
    const bytes = this.encode(item);
    for (;;) {
      const seq = this.tryPut(bytes);
      if (seq === undefined) break;
      assertMayBlock("queue.put() on a full queue", "await queue.putAsync(item)");
      this.sleep("put", GET_SEQ, seq);
    }
    this.tracing.record("put", describeValue(item));
  }

  /** `put` for the notebook's thread. */
  async putAsync(item: T): Promise<void> {
    const bytes = this.encode(item);
    for (;;) {
      const seq = this.tryPut(bytes);
      if (seq === undefined) break;
      await this.sleepAsync("put", GET_SEQ, seq);
    }
    this.tracing.record("put", describeValue(item));
  }

  /** Removes and returns the oldest item, waiting until there is one. */
  get(): T {
    for (;;) {
      const got = this.tryGet();
      if ("item" in got) return got.item;
      assertMayBlock("queue.get() on an empty queue", "await queue.getAsync()");
      this.sleep("get", PUT_SEQ, got.seq);
    }
  }

  /** `get` for the notebook's thread. */
  async getAsync(): Promise<T> {
    for (;;) {
      const got = this.tryGet();
      if ("item" in got) return got.item;
      await this.sleepAsync("get", PUT_SEQ, got.seq);
    }
  }

  /** Marks one item taken with `get` as processed (Python's task_done). */
  taskDone(): void {
    const left = Atomics.sub(this.cells, UNFINISHED, 1) - 1;
    if (left < 0) {
      Atomics.add(this.cells, UNFINISHED, 1);
      throw new Error("taskDone() called more times than there were items");
    }
    this.tracing.record("taskDone", left);
    if (left === 0) {
      Atomics.add(this.cells, DONE_SEQ, 1);
      Atomics.notify(this.cells, DONE_SEQ);
    }
  }

  /** Waits until every item put has been marked done. */
  join(): void {
    for (;;) {
      const seq = Atomics.load(this.cells, DONE_SEQ);
      if (Atomics.load(this.cells, UNFINISHED) === 0) break;
      assertMayBlock("queue.join()", "await queue.joinAsync()");
      this.sleep("taskDone", DONE_SEQ, seq);
    }
    this.tracing.record("join");
  }

  /** `join` for the notebook's thread. */
  async joinAsync(): Promise<void> {
    for (;;) {
      const seq = Atomics.load(this.cells, DONE_SEQ);
      if (Atomics.load(this.cells, UNFINISHED) === 0) break;
      await this.sleepAsync("taskDone", DONE_SEQ, seq);
    }
    this.tracing.record("join");
  }

  /** The shipped form. */
  toShipped(): ShippedQueue {
    return { buffer: this.cells.buffer as SharedArrayBuffer, tracing: this.tracing.toShipped() };
  }

  private encode(item: T): Uint8Array {
    const bytes = serialize(item);
    if (bytes.length + 4 > this.ring.length)
      throw new RangeError(`an item of ${bytes.length} bytes does not fit in a queue of ${this.ring.length}`);
    return bytes;
  }

  // Puts if there is room (undefined), else returns the get sequence number to sleep on.
  private tryPut(bytes: Uint8Array): number | undefined {
    this.lock();
    try {
      const used = this.cells[USED];
      if (this.ring.length - used < bytes.length + 4) return Atomics.load(this.cells, GET_SEQ);
      const tail = (this.cells[HEAD] + used) % this.ring.length;
      writeWrapped(this.ring, writeWrapped(this.ring, tail, u32(bytes.length)), bytes);
      this.cells[USED] = used + bytes.length + 4;
      Atomics.add(this.cells, COUNT, 1);
      Atomics.add(this.cells, UNFINISHED, 1);
    } finally {
      this.unlock();
    }
    Atomics.add(this.cells, PUT_SEQ, 1);
    Atomics.notify(this.cells, PUT_SEQ);
    return undefined;
  }

  private tryGet(): { item: T } | { seq: number } {
    let bytes: Uint8Array;
    this.lock();
    try {
      if (this.cells[COUNT] === 0) return { seq: Atomics.load(this.cells, PUT_SEQ) };
      const head = this.cells[HEAD];
      const length = fromU32(readWrapped(this.ring, head, 4));
      bytes = readWrapped(this.ring, (head + 4) % this.ring.length, length);
      this.cells[HEAD] = (head + 4 + length) % this.ring.length;
      this.cells[USED] -= 4 + length;
      Atomics.sub(this.cells, COUNT, 1);
    } finally {
      this.unlock();
    }
    Atomics.add(this.cells, GET_SEQ, 1);
    Atomics.notify(this.cells, GET_SEQ);
    const item = deserialize(bytes) as T;
    this.tracing.record("get", describeValue(item));
    return { item };
  }

  private sleep(kind: "get" | "put" | "taskDone", index: number, seq: number): void {
    const resume = beginWait(kind, this.cells[ID]);
    try {
      waitBlocking(this.cells, index, seq);
    } finally {
      resume();
    }
  }

  private async sleepAsync(kind: "get" | "put" | "taskDone", index: number, seq: number): Promise<void> {
    const resume = beginWait(kind, this.cells[ID]);
    try {
      await waitAwaitable(this.cells, index, seq);
    } finally {
      resume();
    }
  }

  // The mutex guards a few memory copies, so waiting for it is short: spin first, then sleep
  // on it (threads) or keep spinning (the notebook's thread, which must not sleep).
  private lock(): void {
    for (let spins = 0; Atomics.compareExchange(this.cells, MUTEX, 0, 1) !== 0; spins++) {
      if (spins > 100 && currentSelf().mayBlock) waitBlocking(this.cells, MUTEX, 1, 1);
      if (spins > 50_000_000) throw new Error(`${this.name}: its mutex has been held for too long (a thread stopped while holding it?)`);
    }
  }

  private unlock(): void {
    Atomics.store(this.cells, MUTEX, 0);
    Atomics.notify(this.cells, MUTEX, 1);
  }
}

registerShippable<Queue, ShippedQueue>(
  "Queue",
  Queue,
  (queue, to) => (to === "process" ? refuseProcess("Queue") : queue.toShipped()),
  (shipped) => new Queue({}, shipped),
);
