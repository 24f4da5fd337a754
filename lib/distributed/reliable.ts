/**
 * What TCP adds to IP (4.5.1), in a small protocol over the lossy link: a three-step handshake
 * (SYN, SYN-ACK, ACK), sequence numbers on data, an acknowledgement for each segment, and
 * retransmission when none comes within a timeout — stop-and-wait, one segment in flight. The
 * receiver delivers each sequence number once and in order, so the messages arrive exactly as
 * sent although the link drops, duplicates and reorders datagrams. The run is drawn as a message
 * sequence diagram of every datagram the link carried.
 */
import { type Socket, createSocket } from "node:dgram";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { drawingBundle } from "../render/rich-output.js";
import { type LinkEvent, type LinkOptions, LossyLink } from "./lossy-link.js";
import { sequenceSvg } from "./sequence-svg.js";

/** A segment as it travels, JSON in one datagram. */
interface Segment {
  type: "SYN" | "SYN-ACK" | "ACK" | "DATA" | "FIN";
  seq?: number;
  ack?: number;
  data?: string;
  /** Sent again after a timeout (for the drawing; the protocol does not need it). */
  again?: boolean;
}

/** Options of a transfer: the link's rates and seed, and the retransmission timeout. */
export interface TransferOptions extends LinkOptions {
  timeoutMs?: number;
  /** Give up after this many tries of one segment (default 20). */
  attempts?: number;
}

const CLIENT_ISN = 100;
const SERVER_ISN = 300;

function label(s: Segment): string {
  const parts = [s.type, s.seq !== undefined ? `seq=${s.seq}` : "", s.ack !== undefined ? `ack=${s.ack}` : ""];
  if (s.data !== undefined) parts.push(JSON.stringify(s.data));
  if (s.again) parts.push("(again)");
  return parts.filter((p) => p !== "").join(" ");
}

/** A finished transfer: what arrived, how, and the diagram. */
export class Transfer {
  constructor(
    readonly sent: string[],
    /** What the server delivered, in order. */
    readonly received: string[],
    /** Every datagram the link carried, with its fate. */
    readonly datagrams: LinkEvent[],
    readonly retransmissions: number,
    readonly options: Required<LinkOptions>,
  ) {}

  /**
   * The handshake's three steps as they arrived: the first SYN the server got, then the first
   * SYN-ACK the client got, then the client's ACK of it. (If that ACK is lost, the first data
   * segment acknowledges the SYN-ACK instead, as in TCP, and the list ends at two.)
   */
  get handshake(): string[] {
    const steps: [Segment["type"], boolean][] = [
      ["SYN", true],
      ["SYN-ACK", false],
      ["ACK", true],
    ];
    const kinds: string[] = [];
    for (const d of this.datagrams) {
      const s = JSON.parse(d.text) as Segment;
      const step = steps[kinds.length];
      if (step === undefined || (s.type === "DATA" && kinds.length === 2)) break;
      if (d.fate !== "dropped" && s.type === step[0] && d.toServer === step[1]) kinds.push(s.type);
    }
    return kinds;
  }

  /** The link's fates, counted. */
  get fates(): Record<string, number> {
    const counts: Record<string, number> = { delivered: 0, dropped: 0, duplicated: 0, reordered: 0 };
    for (const d of this.datagrams) counts[d.fate]++;
    return counts;
  }

  /** One paragraph: did it work, and what did the link do. */
  summary(): string {
    const f = this.fates;
    const same = JSON.stringify(this.received) === JSON.stringify(this.sent);
    return (
      `${this.sent.length} messages sent, ${this.received.length} delivered, in order and once each: ${same}. ` +
      `handshake: ${this.handshake.join(", ")}. The link (seed ${this.options.seed}) carried ${this.datagrams.length} datagrams: ` +
      `${f.dropped} dropped, ${f.duplicated} duplicated, ${f.reordered} held back; ${this.retransmissions} retransmissions.`
    );
  }

  /** The sequence diagram. */
  svg(): string {
    const arrows = this.datagrams.map((d) => ({ rightward: d.toServer, label: label(JSON.parse(d.text) as Segment), fate: d.fate }));
    return sequenceSvg("A reliable transfer over an unreliable link", "client", "server", arrows, this.summary().split(/(?<=\.) /));
  }

  toString(): string {
    const lines = this.datagrams.map(
      (d) => `${d.toServer ? "client → server" : "server → client"}  ${label(JSON.parse(d.text) as Segment).padEnd(36)} ${d.fate}`,
    );
    return `${this.summary()}\n${lines.join("\n")}`;
  }

  [MIMEBUNDLE](): MimeBundle {
    return drawingBundle([this.svg()], this.toString(), [this.summary()]);
  }
}

async function bound(): Promise<Socket> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.bind(0, "127.0.0.1", () => resolve());
  });
  return socket;
}

/** The server end: answers the handshake, acknowledges every segment, delivers data once and in order. */
function serve(socket: Socket, delivered: string[], timeoutMs: number): { close(): void } {
  let expected = CLIENT_ISN + 1;
  let synAcked: NodeJS.Timeout | undefined;
  const send = (s: Segment, port: number) => socket.send(JSON.stringify(s), port, "127.0.0.1");
  socket.on("message", (raw, from) => {
    const s = JSON.parse(raw.toString("utf8")) as Segment;
    if (s.type === "SYN") {
      // step 2, repeated until step 3 (or data, which acknowledges it too) arrives
      clearInterval(synAcked);
      let again = false;
      const synAck = () => send({ type: "SYN-ACK", seq: SERVER_ISN, ack: (s.seq ?? 0) + 1, again: again || undefined }, from.port);
      synAck();
      again = true;
      synAcked = setInterval(synAck, timeoutMs);
      return;
    }
    clearInterval(synAcked);
    if (s.type === "ACK") return; // the handshake's step 3: established
    if (s.type === "DATA" && s.seq === expected) {
      delivered.push(s.data ?? "");
      expected++;
    } else if (s.type === "FIN" && s.seq === expected) {
      expected++;
    }
    send({ type: "ACK", ack: expected }, from.port); // cumulative: "everything before `expected` arrived"
  });
  return { close: () => clearInterval(synAcked) };
}

/** Sends `messages` reliably through a LossyLink with `options`; resolves when the connection is closed. */
export async function reliableTransfer(messages: string[], options: TransferOptions = {}): Promise<Transfer> {
  const { timeoutMs = 60, attempts = 20 } = options;
  const serverSocket = await bound();
  const clientSocket = await bound();
  const delivered: string[] = [];
  const server = serve(serverSocket, delivered, timeoutMs);
  const link = await LossyLink.start(serverSocket.address().port, { holdMs: 2 * timeoutMs, ...options });
  let retransmissions = 0;
  const inbox: Segment[] = [];
  let wake: (() => void) | undefined;
  clientSocket.on("message", (raw) => {
    inbox.push(JSON.parse(raw.toString("utf8")) as Segment);
    wake?.();
  });
  const send = (s: Segment) => clientSocket.send(JSON.stringify(s), link.port, "127.0.0.1");
  /** Waits up to timeoutMs for a segment `wanted` accepts; others (late duplicates) are discarded. */
  const answer = async (wanted: (s: Segment) => boolean): Promise<Segment | undefined> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = inbox.findIndex(wanted);
      if (i >= 0) return inbox.splice(0, i + 1).at(-1);
      inbox.length = 0;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  };
  /** Sends `s` until an answer `wanted` accepts arrives: retransmission after each timeout. */
  const exchange = async (s: Segment, wanted: (a: Segment) => boolean): Promise<Segment> => {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) retransmissions++;
      send(attempt > 1 ? { ...s, again: true } : s);
      const reply = await answer(wanted);
      if (reply !== undefined) return reply;
    }
    throw new Error(`no answer to ${label(s)} after ${attempts} tries`);
  };
  try {
    // the three-step handshake
    const synAck = await exchange({ type: "SYN", seq: CLIENT_ISN }, (a) => a.type === "SYN-ACK" && a.ack === CLIENT_ISN + 1);
    send({ type: "ACK", seq: CLIENT_ISN + 1, ack: (synAck.seq ?? 0) + 1 });
    // data, one segment at a time, each acknowledged
    let seq = CLIENT_ISN + 1;
    for (const data of messages) {
      const s = seq;
      await exchange({ type: "DATA", seq: s, data }, (a) => a.type === "ACK" && (a.ack ?? 0) > s);
      seq++;
    }
    const fin = seq;
    await exchange({ type: "FIN", seq: fin }, (a) => a.type === "ACK" && (a.ack ?? 0) > fin);
  } finally {
    server.close();
    link.close();
    clientSocket.close();
    serverSocket.close();
  }
  return new Transfer(messages, delivered, link.log, retransmissions, link.options);
}
