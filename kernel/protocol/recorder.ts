/**
 * A flight recorder of the kernel's own wire traffic: the last messages sent and received on
 * shell, control, stdin and iopub (not heartbeats), kept as the signed frames they were, so that a
 * notebook can look at the protocol it is speaking (section 4.5.1). Bounded by count and by bytes;
 * the signing key never leaves this module's Signer — only signatures and whether they verify do.
 */
import type { Header, Signer } from "./wire.js";

/** A channel a message travelled on. */
export type WireChannel = "shell" | "control" | "stdin" | "iopub";

/** One recorded message, as handed to whoever asks (plain data: it crosses threads). */
export interface RecordedMessage {
  /** Order of recording, from 1 for the kernel's first message. */
  seq: number;
  /** Milliseconds since the epoch when it was received or queued for sending. */
  time: number;
  channel: WireChannel;
  /** "in": client → kernel; "out": kernel → client. */
  direction: "in" | "out";
  msgType: string;
  header: Header;
  /** The parent header's msg_id ("" when it has none). */
  parentId: string;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  /** The HMAC hex digest carried on the wire ("" when the connection is unsigned). */
  signature: string;
  /** Whether HMAC(key, header|parent|metadata|content) recomputed now equals `signature`. */
  verified: boolean;
  /** Bytes of the four JSON frames. */
  bytes: number;
}

/** Which traffic to return: the exchange of one cell, or of the last N before a request. */
export interface TrafficQuery {
  /** The msg_id of the asking request: its own exchange is left out. */
  before?: string;
  /** How many exchanges before `before` (default 1). */
  last?: number;
  /** The exchange whose execute_input/execute_reply carries this execution count. */
  executionCount?: number;
}

/** A request and every message it caused (those whose parent is the request). */
export interface Exchange {
  requestId: string;
  /** The connection's signature scheme ("hmac-sha256"), or "" when messages are unsigned. */
  scheme: string;
  executionCount: number | undefined;
  messages: RecordedMessage[];
}

interface Entry {
  seq: number;
  time: number;
  channel: WireChannel;
  direction: "in" | "out";
  signature: string;
  parts: Buffer[];
  header: Header;
  parentId: string;
}

const DEFAULT_MESSAGES = 4000;
const DEFAULT_BYTES = 16 * 1024 * 1024;

/** A bounded ring of recent wire messages; oldest dropped first. */
export class WireRecorder {
  private readonly entries: Entry[] = [];
  private bytes = 0;
  private seq = 0;

  constructor(
    private readonly signer: Signer,
    private readonly scheme: string,
    private readonly maxMessages = DEFAULT_MESSAGES,
    private readonly maxBytes = DEFAULT_BYTES,
  ) {}

  /** Records one message from its signature and its four JSON frames (header, parent, metadata, content). */
  record(
    channel: WireChannel,
    direction: "in" | "out",
    signature: string,
    parts: Buffer[],
    header: Header,
    parent: Header | Record<string, never>,
  ): void {
    const size = parts.reduce((n, p) => n + p.length, 0);
    this.entries.push({ seq: ++this.seq, time: Date.now(), channel, direction, signature, parts, header, parentId: parent.msg_id ?? "" });
    this.bytes += size;
    while (this.entries.length > this.maxMessages || (this.bytes > this.maxBytes && this.entries.length > 1)) {
      const dropped = this.entries.shift()!;
      this.bytes -= dropped.parts.reduce((n, p) => n + p.length, 0);
    }
  }

  /** The execute exchanges `query` asks for, oldest first. */
  exchanges(query: TrafficQuery): Exchange[] {
    const requests = this.entries.filter((e) => e.direction === "in" && e.header.msg_type === "execute_request");
    const all = requests.map((r) => this.exchange(r));
    if (query.executionCount !== undefined) return all.filter((x) => x.executionCount === query.executionCount).slice(-1);
    const end = query.before === undefined ? all.length : all.findIndex((x) => x.requestId === query.before);
    const upTo = end < 0 ? all.length : end;
    return all.slice(Math.max(0, upTo - (query.last ?? 1)), upTo);
  }

  /** The number of messages held now. */
  get size(): number {
    return this.entries.length;
  }

  private exchange(request: Entry): Exchange {
    const id = request.header.msg_id;
    const messages = this.entries.filter((e) => e === request || e.parentId === id).map((e) => this.describe(e));
    const counted = messages.find((m) => typeof m.content.execution_count === "number");
    return { requestId: id, scheme: this.scheme, executionCount: counted?.content.execution_count as number | undefined, messages };
  }

  private describe(entry: Entry): RecordedMessage {
    const [, , metadata, content] = entry.parts.map((p) => JSON.parse(p.toString("utf8")) as Record<string, unknown>);
    return {
      seq: entry.seq,
      time: entry.time,
      channel: entry.channel,
      direction: entry.direction,
      msgType: entry.header.msg_type,
      header: entry.header,
      parentId: entry.parentId,
      metadata,
      content,
      signature: entry.signature,
      verified: this.signer.verify(entry.signature, entry.parts),
      bytes: entry.parts.reduce((n, p) => n + p.length, 0),
    };
  }
}
