/**
 * IP's properties of 4.5.1, made visible on 127.0.0.1: a UDP relay between two sockets that, at
 * seeded rates, drops a datagram, sends it twice, or holds it back and sends it after the next one
 * (or after `holdMs` if none comes) — best-effort delivery, no order, no promise. Real loopback
 * UDP loses nothing, so the relay plays the network; the same seed gives the same fates to the
 * same sequence of datagrams.
 */
import { type Socket, createSocket } from "node:dgram";
import { seededRandom } from "../sequences/seeded-random.js";

/** The rates at which the link misbehaves, each a probability per datagram, and its seed. */
export interface LinkOptions {
  seed?: number;
  loss?: number;
  duplicate?: number;
  reorder?: number;
  /** How long a held-back datagram waits for a next one to overtake it (default 30 ms). */
  holdMs?: number;
}

/** What the link did with one datagram. */
export type Fate = "delivered" | "dropped" | "duplicated" | "reordered";

/** One datagram through the link: which way, what it carried, and its fate. */
export interface LinkEvent {
  n: number;
  toServer: boolean;
  text: string;
  fate: Fate;
}

/** A UDP socket on 127.0.0.1 that relays between one client and the server at `serverPort`. */
export class LossyLink {
  readonly log: LinkEvent[] = [];
  private client: { port: number } | undefined;
  private readonly held: { toServer: boolean; data: Buffer; timer: NodeJS.Timeout }[] = [];
  private readonly random: () => number;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly serverPort: number,
    readonly options: Required<LinkOptions>,
  ) {
    this.random = seededRandom(options.seed);
    socket.on("message", (data, from) => this.relay(data, from.port));
  }

  /** Starts a link to the UDP server listening at `serverPort` on 127.0.0.1; clients send to `link.port`. */
  static async start(serverPort: number, options: LinkOptions = {}): Promise<LossyLink> {
    const socket = createSocket("udp4");
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.bind(0, "127.0.0.1", () => resolve());
    });
    const settings = { seed: 1, loss: 0.1, duplicate: 0.1, reorder: 0.1, holdMs: 30, ...options };
    return new LossyLink(socket, socket.address().port, serverPort, settings);
  }

  /** How many datagrams met each fate. */
  counts(): Record<Fate, number> {
    const counts = { delivered: 0, dropped: 0, duplicated: 0, reordered: 0 };
    for (const e of this.log) counts[e.fate]++;
    return counts;
  }

  /** Stops relaying (held datagrams are dropped). */
  close(): void {
    for (const h of this.held) clearTimeout(h.timer);
    this.held.length = 0;
    this.socket.close();
  }

  private relay(data: Buffer, fromPort: number): void {
    const toServer = fromPort !== this.serverPort;
    if (toServer) this.client = { port: fromPort };
    const r = this.random();
    const { loss, duplicate, reorder } = this.options;
    const fate: Fate =
      r < loss ? "dropped" : r < loss + duplicate ? "duplicated" : r < loss + duplicate + reorder ? "reordered" : "delivered";
    this.log.push({ n: this.log.length, toServer, text: data.toString("utf8"), fate });
    if (fate === "dropped") return;
    if (fate === "reordered") {
      const timer = setTimeout(() => this.release(toServer), this.options.holdMs);
      this.held.push({ toServer, data, timer });
      return;
    }
    this.forward(toServer, data);
    if (fate === "duplicated") this.forward(toServer, data);
    this.release(toServer); // a datagram held back in this direction now arrives after this one
  }

  private release(toServer: boolean): void {
    const i = this.held.findIndex((h) => h.toServer === toServer);
    if (i < 0) return;
    const [h] = this.held.splice(i, 1);
    clearTimeout(h.timer);
    this.forward(toServer, h.data);
  }

  private forward(toServer: boolean, data: Buffer): void {
    const port = toServer ? this.serverPort : this.client?.port;
    if (port !== undefined) this.socket.send(data, port, "127.0.0.1");
  }
}
