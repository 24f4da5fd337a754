/**
 * Shared between the protocol thread and the main thread: which execution is running synchronous
 * code right now, and which one an interrupt was asked for. Atomics make the two-sided
 * handshake race-free: each side writes its own slot, then reads the other's.
 */

const RUNNING = 0; // the execution id whose synchronous part runs now (0: none)
const REQUESTED = 1; // the execution id an interrupt was requested for (0: none)
const ARMED = 2; // 1 once the SIGINT sentinel's watchdogs are registered

/** A view of the shared interrupt slots. */
export class InterruptFlags {
  private readonly slots: Int32Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(12)) {
    this.slots = new Int32Array(buffer);
  }

  /** Main thread: marks `id` as running synchronously; true if an interrupt is already pending for it. */
  enterSync(id: number): boolean {
    Atomics.store(this.slots, RUNNING, id);
    return Atomics.load(this.slots, REQUESTED) === id;
  }

  /** Main thread: the synchronous part has ended. */
  leaveSync(): void {
    Atomics.store(this.slots, RUNNING, 0);
  }

  /** Protocol thread: asks to interrupt `id`; true if it is running synchronously (so needs a signal). */
  request(id: number): boolean {
    Atomics.store(this.slots, REQUESTED, id);
    return Atomics.load(this.slots, RUNNING) === id;
  }

  /** Either side: the interrupt requested for `id`, if any, has been handled. */
  clear(id: number): void {
    Atomics.compareExchange(this.slots, REQUESTED, id, 0);
  }

  /** Resolves once the SIGINT sentinel is armed (before that, a SIGINT would end the process). */
  async armed(): Promise<void> {
    // Atomics.waitAsync is in Node 20 though not in the ES2023 lib.
    const waitAsync = (
      Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number): { async: boolean; value: Promise<string> | string } }
    ).waitAsync;
    const waiting = waitAsync(this.slots, ARMED, 0);
    if (waiting.async) await waiting.value;
  }

  /** The index the sentinel sets (and notifies) when armed. */
  static readonly ARMED_SLOT = ARMED;

  /** Whether an interrupt is pending for `id`. */
  pending(id: number): boolean {
    return id !== 0 && Atomics.load(this.slots, REQUESTED) === id;
  }
}
