/**
 * The board: who takes part in a parallel program, and what each is waiting for. One board per
 * process, in a SharedArrayBuffer every worker thread of the process sees: a slot per participant (the
 * main thread is slot 0, each Thread and Process gets the next), holding its state and, while it
 * waits, what it waits on. The wait-for graph (wait-for-graph.ts) is read off this board; child
 * processes report their waits to the parent, which writes them here.
 */
import { isMainThread } from "node:worker_threads";

/** A participant's state. */
export const enum State {
  Unused = 0,
  Running = 1,
  Waiting = 2,
  Finished = 3,
}

/** What a waiting participant waits on (the resource kinds of the wait-for graph). */
export const WAIT_KINDS = ["", "lock", "recv", "barrier", "get", "put", "join", "taskDone"] as const;
/** One of WAIT_KINDS. */
export type WaitKind = (typeof WAIT_KINDS)[number];

const MAX_SLOTS = 256;
const HEADER = 4; // [next slot, next resource id, change counter, unused]
const STRIDE = 4; // per slot: [state, wait kind, resource id, epoch]
const NEXT_SLOT = 0;
const NEXT_RESOURCE = 1;
const CHANGES = 2;

const INT_BYTES = (HEADER + MAX_SLOTS * STRIDE) * 4;

/** The shared board of one process. */
export class Board {
  readonly cells: Int32Array;
  private readonly since: Float64Array; // per slot: when its current wait began (ms since the epoch)

  constructor(readonly buffer = new SharedArrayBuffer(INT_BYTES + MAX_SLOTS * 8)) {
    this.cells = new Int32Array(buffer, 0, INT_BYTES / 4);
    this.since = new Float64Array(buffer, INT_BYTES, MAX_SLOTS);
    Atomics.compareExchange(this.cells, HEADER, State.Unused, State.Running); // slot 0, the main thread, is alive
  }

  /** A new participant slot (main thread only: slots are handed out where threads are started). */
  allocateSlot(): number {
    const slot = Atomics.add(this.cells, NEXT_SLOT, 1) + 1;
    if (slot >= MAX_SLOTS) throw new Error(`more than ${MAX_SLOTS - 1} threads and processes in one kernel`);
    this.setState(slot, State.Running);
    return slot;
  }

  /** A new id for a shared resource (a lock, a pipe end …), unique in this process. */
  allocateResource(): number {
    return Atomics.add(this.cells, NEXT_RESOURCE, 1) + 1;
  }

  /** Marks `slot` as waiting on `resource` of `kind`, since `at` (ms since the epoch). */
  wait(slot: number, kind: WaitKind, resource: number, at = performance.timeOrigin + performance.now()): void {
    const base = HEADER + slot * STRIDE;
    this.since[slot] = at;
    Atomics.store(this.cells, base + 1, WAIT_KINDS.indexOf(kind));
    Atomics.store(this.cells, base + 2, resource);
    Atomics.add(this.cells, base + 3, 1);
    Atomics.store(this.cells, base, State.Waiting);
    this.changed();
  }

  /** Marks `slot` as running again (or in another state). */
  setState(slot: number, state: State): void {
    const base = HEADER + slot * STRIDE;
    Atomics.store(this.cells, base, state);
    if (state !== State.Waiting) Atomics.store(this.cells, base + 1, 0);
    this.changed();
  }

  /** The state of `slot`, what it waits on and the epoch of that wait (a new number for every wait). */
  read(slot: number): { state: State; kind: WaitKind; resource: number; epoch: number; since: number } {
    const base = HEADER + slot * STRIDE;
    return {
      state: Atomics.load(this.cells, base) as State,
      kind: WAIT_KINDS[Atomics.load(this.cells, base + 1)] ?? "",
      resource: Atomics.load(this.cells, base + 2),
      epoch: Atomics.load(this.cells, base + 3),
      since: this.since[slot],
    };
  }

  /** The number of slots handed out so far (slot 0, the main thread, included). */
  get slots(): number {
    return Atomics.load(this.cells, NEXT_SLOT) + 1;
  }

  /** A counter bumped on every change, for a detector to wait on. */
  get changes(): number {
    return Atomics.load(this.cells, CHANGES);
  }

  /** The index of the change counter in `cells` (for Atomics.waitAsync). */
  static readonly CHANGES = CHANGES;

  private changed(): void {
    Atomics.add(this.cells, CHANGES, 1);
    Atomics.notify(this.cells, CHANGES);
  }
}

/** Who the running code is: the participant's slot and name, and whether it may block. */
export interface Self {
  slot: number;
  name: string;
  /** The name of the process it runs in ("MainProcess" in the kernel, "Process-1" … in children). */
  processName: string;
  /** Blocking waits are allowed everywhere except on the thread that serves the notebook. */
  mayBlock: boolean;
  /** Reports a wait or a resumption to a parent process (child processes only). */
  report?: (slot: number, kind: WaitKind, resource: number, at: number) => void;
}

let board = new Board();
let self: Self = { slot: 0, name: isMainThread ? "MainThread" : "Thread", processName: "MainProcess", mayBlock: !isMainThread };

/** This process's board. */
export function currentBoard(): Board {
  return board;
}

/** The running participant. */
export function currentSelf(): Self {
  return self;
}

/** Called once by a worker or child process entry: who it is, and the board it shares. */
export function becomeParticipant(who: Self, sharedBoard?: SharedArrayBuffer): void {
  self = who;
  if (sharedBoard !== undefined) board = new Board(sharedBoard);
}

/** Records that the running participant starts waiting on `resource`; returns a function that records the end of the wait. */
export function beginWait(kind: WaitKind, resource: number): () => void {
  const { slot, report } = self;
  const at = performance.timeOrigin + performance.now();
  board.wait(slot, kind, resource, at);
  report?.(slot, kind, resource, at);
  return () => {
    board.setState(slot, State.Running);
    report?.(slot, "", 0, 0);
  };
}

/** Throws unless the running code may block (everywhere but the notebook's main thread). */
export function assertMayBlock(operation: string, alternative: string): void {
  if (!self.mayBlock) {
    throw new Error(
      `${operation} would block the thread that serves the notebook; use ${alternative} here (blocking waits are for threads and processes)`,
    );
  }
}

const slotNames = new Map<number, string>([[0, "MainThread"]]);

/** Remembers the name of participant `slot` (where it was started). */
export function nameSlot(slot: number, name: string): void {
  slotNames.set(slot, name);
}

/** The name of participant `slot`. */
export function slotName(slot: number): string {
  return slotNames.get(slot) ?? `#${slot}`;
}
