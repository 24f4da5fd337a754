/**
 * Lock (4.7.5): acquired by at most one thread at a time; the others wait until it is released.
 * A futex-style mutex on one Int32 of shared memory (Drepper, "Futexes Are Tricky", mutex 2):
 * 0 free, 1 held, 2 held with waiters, so an uncontended acquire and release are one atomic each
 * and only contended ones wake anybody. The owner's slot is kept beside the state, for the
 * wait-for graph and for traces.
 */
import { assertMayBlock, beginWait, currentBoard, currentSelf } from "./board.js";
import { waitAwaitable, waitBlocking } from "./atomic-wait.js";
import { registerResource } from "./resources.js";
import { refuseProcess, registerShippable } from "./shippable.js";
import { type PrimitiveOptions, type ShippedTracing, Tracing, defaultName } from "./traced.js";

const STATE = 0;
const OWNER = 1; // slot + 1 of the holder, 0 when free
const ID = 2;
const FREE = 0;
const HELD = 1;
const CONTENDED = 2;

interface ShippedLock {
  buffer: SharedArrayBuffer;
  tracing: ShippedTracing;
}

/** A mutual-exclusion lock shared by threads. */
export class Lock {
  private readonly cells: Int32Array;
  private readonly tracing: Tracing;

  /** A new, free lock. (`shipped` is internal: how a thread rebuilds a lock it was sent.) */
  constructor(options: PrimitiveOptions = {}, shipped?: ShippedLock) {
    this.cells = new Int32Array(shipped?.buffer ?? new SharedArrayBuffer(16));
    this.tracing = shipped ? Tracing.revive(shipped.tracing) : new Tracing(options.name ?? defaultName("lock"), options.trace);
    if (shipped === undefined) {
      this.cells[ID] = currentBoard().allocateResource();
      registerResource(this.cells[ID], { name: this.name, wakers: () => (this.owner === undefined ? [] : [this.owner]) });
    }
  }

  /** The name shown in traces. */
  get name(): string {
    return this.tracing.name;
  }

  /** The slot of the participant holding the lock, if any. */
  get owner(): number | undefined {
    const owner = Atomics.load(this.cells, OWNER);
    return owner === 0 ? undefined : owner - 1;
  }

  /** Whether some thread holds the lock now. */
  locked(): boolean {
    return Atomics.load(this.cells, STATE) !== FREE;
  }

  /** Whether some thread is waiting for it now (a replayed schedule uses this to time the next step). */
  hasWaiters(): boolean {
    return Atomics.load(this.cells, STATE) === CONTENDED;
  }

  /** Acquires the lock, blocking until it is free (threads and processes; the notebook uses acquireAsync). */
  acquire(): void {
    if (this.tryAcquire()) return;
    assertMayBlock("lock.acquire()", "await lock.acquireAsync()");
    this.tracing.record("request");
    const resume = beginWait("lock", this.cells[ID]);
    try {
      while (Atomics.exchange(this.cells, STATE, CONTENDED) !== FREE) waitBlocking(this.cells, STATE, CONTENDED);
    } finally {
      resume();
    }
    this.took();
  }

  /** Acquires the lock without blocking the thread: resolves once it is ours. */
  async acquireAsync(): Promise<void> {
    if (this.tryAcquire()) return;
    this.tracing.record("request");
    const resume = beginWait("lock", this.cells[ID]);
    try {
      while (Atomics.exchange(this.cells, STATE, CONTENDED) !== FREE) await waitAwaitable(this.cells, STATE, CONTENDED);
    } finally {
      resume();
    }
    this.took();
  }

  /** Takes the lock if it is free; true if it did. */
  tryAcquire(): boolean {
    if (Atomics.compareExchange(this.cells, STATE, FREE, HELD) !== FREE) return false;
    this.took();
    return true;
  }

  /** Releases the lock, waking one waiter if there is any. */
  release(): void {
    if (Atomics.load(this.cells, STATE) === FREE) throw new Error(`release of ${this.name}, which is not held`);
    Atomics.store(this.cells, OWNER, 0);
    this.tracing.record("release");
    if (Atomics.sub(this.cells, STATE, 1) !== HELD) {
      Atomics.store(this.cells, STATE, FREE);
      Atomics.notify(this.cells, STATE, 1);
    }
  }

  /** Python's `with lock:` — runs `body` holding the lock and releases it however `body` exits. */
  with<T>(body: () => T): T {
    this.acquire();
    try {
      return body();
    } finally {
      this.release();
    }
  }

  /** `with` for the notebook's thread: awaits the lock, then `body`. */
  async withAsync<T>(body: () => T | Promise<T>): Promise<T> {
    await this.acquireAsync();
    try {
      return await body();
    } finally {
      this.release();
    }
  }

  /** The shipped form. */
  toShipped(): ShippedLock {
    return { buffer: this.cells.buffer as SharedArrayBuffer, tracing: this.tracing.toShipped() };
  }

  private took(): void {
    Atomics.store(this.cells, OWNER, currentSelf().slot + 1);
    this.tracing.record("acquire");
  }
}

registerShippable<Lock, ShippedLock>(
  "Lock",
  Lock,
  (lock, to) => (to === "process" ? refuseProcess("Lock") : lock.toShipped()),
  (shipped) => new Lock({}, shipped),
);
