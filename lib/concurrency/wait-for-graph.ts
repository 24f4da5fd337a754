/**
 * The wait-for graph (4.7.8): who waits for whom. Read off the board: each waiting participant
 * points at those who could end its wait — a lock's owner, the holders of the other end of the
 * pipe it receives from, a thread it joins (anyone alive, for a queue or a barrier). A set of
 * waiting participants is deadlocked when every one of them can only be woken by members of the
 * set: the circular wait of the chapter (a plain cycle for locks and pipes).
 */
import { currentBoard, State } from "./board.js";
import { resourceById } from "./resources.js";

/** A participant in the graph. */
export interface WaitNode {
  slot: number;
  name: string;
  state: "running" | "waiting" | "finished";
  /** While waiting: what for ("recv pipe-1[1]", "lock lock_b"). */
  waitsFor?: string;
  /** While waiting: when the wait began (ms since the epoch) and its epoch (a new number per wait). */
  since?: number;
  epoch?: number;
}

/** "from waits for to", because of `label`. */
export interface WaitEdge {
  from: number;
  to: number;
  label: string;
}

/** A snapshot of who waits for whom. */
export interface WaitForGraph {
  nodes: WaitNode[];
  edges: WaitEdge[];
  /** Slots of the deadlocked participants (empty when there is no deadlock). */
  deadlocked: number[];
}

/** Reads the wait-for graph of this process's participants; `names` names the slots. */
export function readWaitForGraph(names: (slot: number) => string): WaitForGraph {
  const board = currentBoard();
  const nodes: WaitNode[] = [];
  for (let slot = 0; slot < board.slots; slot++) {
    const s = board.read(slot);
    if (s.state === State.Unused) continue;
    const node: WaitNode = {
      slot,
      name: names(slot),
      state: s.state === State.Waiting ? "waiting" : s.state === State.Finished ? "finished" : "running",
    };
    if (s.state === State.Waiting) {
      node.waitsFor = `${s.kind} ${resourceById(s.resource)?.name ?? `#${s.resource}`}`;
      node.since = s.since;
      node.epoch = s.epoch;
    }
    nodes.push(node);
  }
  const alive = new Set(nodes.filter((n) => n.state !== "finished").map((n) => n.slot));
  const wakers = new Map<number, number[]>();
  const edges: WaitEdge[] = [];
  for (const node of nodes.filter((n) => n.state === "waiting")) {
    const resource = resourceById(board.read(node.slot).resource);
    const who = (resource?.wakers() ?? [...alive]).filter((w) => w !== node.slot && alive.has(w));
    wakers.set(node.slot, who);
    for (const to of who) edges.push({ from: node.slot, to, label: node.waitsFor ?? "" });
  }
  // Peel off every waiter that someone outside the set could still wake; what remains is stuck.
  const stuck = new Set(wakers.keys());
  for (let changed = true; changed; ) {
    changed = false;
    for (const slot of stuck) {
      if (wakers.get(slot)!.some((w) => !stuck.has(w))) {
        stuck.delete(slot);
        changed = true;
      }
    }
  }
  return { nodes, edges, deadlocked: [...stuck].sort((a, b) => a - b) };
}
