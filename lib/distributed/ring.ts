/**
 * Section 4.5.3's peer-to-peer network in miniature: peers on a ring, each a ZeroMQ PULL socket on
 * 127.0.0.1 and PUSH sockets to its two neighbours — nothing else. A message for peer k is handed
 * from neighbour to neighbour (the shorter way round, or always clockwise) until it reaches k, each
 * peer adding itself to the route it carries, as a Skype packet travels through other users'
 * machines. Every wait is bounded and `close()` closes every socket.
 */
import * as zmq from "zeromq";
import { interruptSignal } from "../jupyter.js";
import { type Hop, Route } from "./route.js";

/** How a ring is built and how its peers forward. */
export interface RingOptions {
  /** How many peers (2 … 64, default 6). */
  peers?: number;
  /** "shortest": towards whichever neighbour is fewer hops from the target; "clockwise": always the next peer. */
  routing?: "shortest" | "clockwise";
  /** How long `send` waits for delivery (default 5000 ms). */
  timeoutMs?: number;
  /** How many peers keep a copy of each key stored with `put` (default 3). */
  replicas?: number;
}

/** What travels between peers, as one JSON frame. */
interface Envelope {
  id: number;
  from: number;
  to: number;
  body: string;
  /** The peers it has visited, in order, and when (ms after it was sent). */
  hops: Hop[];
  sentAt: number;
  /** What the receiver does: keep the body (a message), store it under `key`, look `key` up, or (a reply) hand `value` back. */
  op?: "put" | "get" | "reply";
  key?: string;
  value?: string | null;
  /** Set once a message had to go round the other way past a stopped peer; it keeps that way. */
  detour?: "next" | "previous";
}

/** One peer: its inbox and its two outgoing links; it knows its ring position and size, and nothing else. */
class Peer {
  readonly inbox = new zmq.Pull({ linger: 0 });
  private readonly next = new zmq.Push({ linger: 0, sendTimeout: 1000 });
  private readonly previous = new zmq.Push({ linger: 0, sendTimeout: 1000 });
  private closed = false;
  /** The data this peer stores for the ring (4.5.3's peer-to-peer storage). */
  readonly store = new Map<string, string>();
  /** Neighbours known to be stopped (a peer's neighbours notice when it stops answering). */
  readonly down = new Set<number>();

  constructor(
    readonly id: number,
    private readonly size: number,
    private readonly routing: "shortest" | "clockwise",
    private readonly arrived: (e: Envelope) => void,
  ) {}

  /** Binds the inbox to a free port on 127.0.0.1; resolves to its endpoint. */
  async bind(): Promise<string> {
    await this.inbox.bind("tcp://127.0.0.1:*");
    return this.inbox.lastEndpoint!;
  }

  /** Connects to the neighbours' inboxes and starts reading its own. */
  link(next: string, previous: string): void {
    this.next.connect(next);
    this.previous.connect(previous);
    void this.serve();
  }

  /** Takes a message: keeps it if it is addressed here, otherwise passes it to a neighbour. */
  async handle(envelope: Envelope): Promise<void> {
    envelope.hops.push({ peer: this.id, at: Date.now() - envelope.sentAt });
    if (envelope.to === this.id) return this.receive(envelope);
    if (envelope.hops.length > 2 * this.size + 1) return this.arrived(envelope); // lost (the caller reports it)
    const clockwise = (envelope.to - this.id + this.size) % this.size;
    const [next, previous] = [(this.id + 1) % this.size, (this.id - 1 + this.size) % this.size];
    let way: "next" | "previous" =
      envelope.detour ?? (this.routing === "clockwise" || clockwise <= this.size - clockwise ? "next" : "previous");
    if (this.down.has(way === "next" ? next : previous)) {
      if (envelope.detour !== undefined) return this.arrived(envelope); // stopped peers both ways: unreachable
      way = way === "next" ? "previous" : "next";
      envelope.detour = way;
      if (this.down.has(way === "next" ? next : previous)) return this.arrived(envelope);
    }
    await (way === "next" ? this.next : this.previous).send(JSON.stringify(envelope));
  }

  /** A message addressed here: keep it, store it, or answer a lookup with a reply routed back. */
  private async receive(envelope: Envelope): Promise<void> {
    if (envelope.op === "put") this.store.set(envelope.key ?? "", envelope.body);
    if (envelope.op !== "get") return this.arrived(envelope);
    const value = this.store.get(envelope.key ?? "") ?? null;
    const reply: Envelope = {
      ...envelope,
      from: this.id,
      to: envelope.from,
      op: "reply",
      value,
      hops: envelope.hops.slice(0, -1),
      detour: undefined,
    };
    await this.handle(reply);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const socket of [this.inbox, this.next, this.previous]) socket.close();
  }

  /** Frames dropped because they were not an envelope (anyone on this machine can reach the inbox). */
  dropped = 0;

  private async serve(): Promise<void> {
    try {
      for await (const [frame] of this.inbox) {
        const envelope = parseEnvelope(frame);
        if (envelope === undefined) {
          this.dropped++; // a malformed frame must not silence the peer: drop it, keep serving
          continue;
        }
        await this.handle(envelope);
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }
}

/** The envelope in `frame`, or undefined when it is not JSON of an envelope's shape. */
export function parseEnvelope(frame: Buffer | undefined): Envelope | undefined {
  if (frame === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(frame.toString("utf8"));
  } catch {
    return undefined;
  }
  const e = value as Partial<Envelope> | null;
  const ok =
    e !== null &&
    typeof e === "object" &&
    Number.isInteger(e.id) &&
    Number.isInteger(e.from) &&
    Number.isInteger(e.to) &&
    typeof e.body === "string" &&
    typeof e.sentAt === "number" &&
    Array.isArray(e.hops);
  return ok ? (e as Envelope) : undefined;
}

/** A running ring of peers. */
export class PeerRing {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve(e: Envelope): void }>();

  private constructor(
    private readonly peers: Peer[],
    readonly endpoints: string[],
    private readonly timeoutMs: number,
    /** How many peers keep each key. */
    readonly replicas: number,
  ) {}

  /** Starts `peers` peers on 127.0.0.1 and links each to its neighbours. */
  static async start(options: RingOptions = {}): Promise<PeerRing> {
    const size = options.peers ?? 6;
    if (!Number.isInteger(size) || size < 2 || size > 64) throw new RangeError(`a ring needs 2 to 64 peers, not ${size}`);
    const routing = options.routing ?? "shortest";
    let ring: PeerRing | undefined;
    const peers = Array.from({ length: size }, (_, id) => new Peer(id, size, routing, (e) => ring!.arrived(e)));
    try {
      const endpoints = await Promise.all(peers.map((p) => p.bind()));
      ring = new PeerRing(peers, endpoints, options.timeoutMs ?? 5000, Math.min(size, options.replicas ?? 3));
      peers.forEach((p, i) => p.link(endpoints[(i + 1) % size], endpoints[(i - 1 + size) % size]));
      return ring;
    } catch (error) {
      for (const p of peers) p.close();
      throw error;
    }
  }

  /** How many peers. */
  get size(): number {
    return this.peers.length;
  }

  /** Hands `body` to peer `from`, addressed to peer `to`; resolves with the route it took when `to` has it. */
  async send(from: number, to: number, body: string): Promise<Route> {
    const done = await this.deliver(from, to, body);
    return new Route(this.size, from, to, done.body, done.hops);
  }

  /** The peers that keep `key`: its home peer (a hash of the key) and the next `replicas − 1` clockwise. */
  replicasOf(key: string): number[] {
    let hash = 2166136261; // FNV-1a
    for (const c of Buffer.from(key, "utf8")) hash = Math.imul(hash ^ c, 16777619) >>> 0;
    const home = hash % this.size;
    return Array.from({ length: this.replicas }, (_, i) => (home + i) % this.size);
  }

  /** Stores `value` under `key` on each of its replicas, sent from peer `from`; resolves to the peers that stored it. */
  async put(from: number, key: string, value: string): Promise<number[]> {
    const stored: number[] = [];
    for (const peer of this.replicasOf(key)) {
      if (this.stopped.has(peer)) continue; // a real system would hand the copy to a stand-in
      await this.deliver(from, peer, value, { op: "put", key });
      stored.push(peer);
    }
    return stored;
  }

  /**
   * Looks `key` up from peer `from`: asks its replicas in turn until one answers, the request
   * and the reply each routed round the ring. Resolves to the value (null if no replica has it),
   * the peer that answered, and the replicas that could not be reached.
   */
  async get(from: number, key: string): Promise<{ value: string | null; peer: number; unreachable: number[]; route: number[] }> {
    const unreachable: number[] = [];
    for (const peer of this.replicasOf(key)) {
      try {
        const reply = await this.deliver(from, peer, "", { op: "get", key });
        return { value: reply.value ?? null, peer, unreachable, route: reply.hops.map((h) => h.peer) };
      } catch {
        unreachable.push(peer);
      }
    }
    return { value: null, peer: -1, unreachable, route: [] };
  }

  /** Stops peer `peer` (closes its sockets; what it stored is gone with it); its neighbours notice and route round it. */
  stop(peer: number): void {
    this.peers[peer].close();
    this.stopped.add(peer);
    this.peers[(peer + 1) % this.size].down.add(peer);
    this.peers[(peer - 1 + this.size) % this.size].down.add(peer);
  }

  /** The keys each running peer stores. */
  holdings(): Map<number, string[]> {
    return new Map(this.peers.filter((p) => !this.stopped.has(p.id)).map((p) => [p.id, [...p.store.keys()].sort()]));
  }

  private readonly stopped = new Set<number>();

  // Sends an envelope from `from` to `to` and resolves with it (or its reply) when it arrives.
  private async deliver(from: number, to: number, body: string, extra: Partial<Envelope> = {}): Promise<Envelope> {
    for (const [name, peer] of [
      ["from", from],
      ["to", to],
    ] as const) {
      if (!Number.isInteger(peer) || peer < 0 || peer >= this.size)
        throw new RangeError(`${name} must be a peer of this ring, 0 … ${this.size - 1}, not ${peer}`);
    }
    const envelope: Envelope = { id: this.nextId++, from, to, body, hops: [], sentAt: Date.now(), ...extra };
    const signal = interruptSignal();
    const arrived = new Promise<Envelope>((resolve, reject) => {
      const timer = setTimeout(
        () => fail(new Error(`peer ${to} did not receive message ${envelope.id} within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      const fail = (error: Error) => {
        this.waiting.delete(envelope.id);
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        reject(error);
      };
      const onAbort = () => fail(new Error("interrupted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiting.set(envelope.id, {
        resolve: (e) => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", onAbort);
          resolve(e);
        },
      });
    });
    if (this.stopped.has(from)) throw new Error(`peer ${from} is stopped`);
    await this.peers[from].handle(envelope);
    const done = await arrived;
    const arrivedAt = done.op === "reply" ? from : to;
    if (done.hops.at(-1)!.peer !== arrivedAt)
      throw new Error(`message ${done.id} for peer ${to} was dropped after ${done.hops.length} hops without arriving`);
    return done;
  }

  /** Closes every peer's sockets. */
  async close(): Promise<void> {
    for (const p of this.peers) p.close();
  }

  private arrived(envelope: Envelope): void {
    const waiting = this.waiting.get(envelope.id);
    this.waiting.delete(envelope.id);
    waiting?.resolve(envelope);
  }
}
