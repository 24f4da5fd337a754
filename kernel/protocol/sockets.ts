/** The five sockets of a kernel: shell, control and stdin (ROUTER), iopub (PUB), heartbeat (echo). */
import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import { log } from "../log.js";
import { type ConnectionInfo, endpoint } from "./connection.js";
import { newMessage } from "./messages.js";
import { type WireChannel, WireRecorder } from "./recorder.js";
import { ReplayGuard } from "./replay-guard.js";
import { type Header, type Message, Signer, WireError, decode, encode, signedParts } from "./wire.js";

/** A channel clients send requests on. */
export type RequestChannel = "shell" | "control" | "stdin";

/** Owns the sockets; decodes what arrives, signs what leaves, keeps each socket's sends in order. */
export class KernelSockets {
  /** The kernel's session id, stamped on every message it sends. */
  readonly session = randomUUID();
  /** The recent traffic of every channel but the heartbeat, as signed on the wire. */
  readonly recorder: WireRecorder;
  private readonly signer: Signer;
  private readonly replays = new ReplayGuard();
  private readonly routers: Record<RequestChannel, zmq.Router>;
  private readonly iopub = new zmq.Publisher({ sendHighWaterMark: 0 });
  private readonly hb = new zmq.Reply();
  private readonly sending = new Map<zmq.Writable, Promise<void>>();
  private closed = false;

  constructor(private readonly info: ConnectionInfo) {
    this.signer = new Signer(info.key, info.signature_scheme);
    if (info.key === "") {
      log(
        "WARNING: the connection file has an empty key, so messages are not signed: anyone who can reach these ports can run code as this user",
      );
    }
    this.recorder = new WireRecorder(this.signer, info.key === "" ? "" : info.signature_scheme);
    this.routers = {
      shell: new zmq.Router({ sendHighWaterMark: 0 }),
      control: new zmq.Router({ sendHighWaterMark: 0 }),
      stdin: new zmq.Router({ sendHighWaterMark: 0 }),
    };
  }

  /** Binds every socket to the addresses in the connection file and starts the heartbeat. */
  async bind(): Promise<void> {
    await Promise.all([
      ...(["shell", "control", "stdin"] as const).map((ch) => this.routers[ch].bind(endpoint(this.info, ch))),
      this.iopub.bind(endpoint(this.info, "iopub")),
      this.hb.bind(endpoint(this.info, "hb")),
    ]);
    void this.echoHeartbeats();
  }

  /** The verified messages arriving on a channel; bad frames are logged once each and dropped. */
  async *messages(channel: RequestChannel): AsyncGenerator<Message> {
    for await (const frames of this.routers[channel]) {
      try {
        const message = decode(frames, this.signer);
        if (!this.replays.admit(signedParts(frames).signature)) throw new WireError("replayed message: its signature was seen before");
        this.tap(channel, "in", frames, message);
        yield message;
      } catch (error) {
        if (!(error instanceof WireError)) throw error;
        log(`dropped a message on ${channel}: ${error.message}`);
      }
    }
  }

  /** Sends a reply or request on a ROUTER channel, routed by the message's identities. */
  send(channel: RequestChannel, message: Message<unknown>): Promise<void> {
    let frames: Buffer[];
    try {
      frames = encode(message, this.signer);
    } catch (error) {
      // A reply that cannot be encoded still answers its request, as an error reply.
      const evalue = `the ${message.header.msg_type} could not be encoded: ${(error as Error).message}`;
      log(evalue);
      message.content = { status: "error", ename: "WireValueError", evalue, traceback: [evalue] };
      frames = encode(message, this.signer);
    }
    this.tap(channel, "out", frames, message);
    return this.enqueue(this.routers[channel], frames);
  }

  /** Broadcasts a message of `msgType` on iopub, with `parent` as its parent header (binary `buffers` and message `metadata`: comms). */
  publish(
    msgType: string,
    content: unknown,
    parent: Header | Record<string, never> = {},
    { buffers = [], metadata = {} }: { buffers?: Uint8Array[]; metadata?: Record<string, unknown> } = {},
  ): Promise<void> {
    const message = newMessage(msgType, content, this.session, parent, [], metadata);
    // Buffers that crossed from the main thread arrive as Uint8Arrays: wrap them without copying.
    message.buffers = buffers.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
    message.identities = [Buffer.from(`kernel.${this.session}.${msgType}`)];
    let frames: Buffer[];
    try {
      frames = encode(message, this.signer);
    } catch (error) {
      log(`could not publish a ${msgType}: ${(error as Error).message}`); // never a reason for the protocol thread to die
      return Promise.resolve();
    }
    this.tap("iopub", "out", frames, message);
    return this.enqueue(this.iopub, frames);
  }

  /** Closes every socket; pending sends are given up. */
  close(): void {
    this.closed = true;
    for (const socket of [...Object.values(this.routers), this.iopub, this.hb]) socket.close();
  }

  // Recorded in the order messages are received or queued, which is the order each socket sends them.
  private tap(channel: WireChannel, direction: "in" | "out", frames: Buffer[], message: Message<unknown>): void {
    const { signature, parts } = signedParts(frames);
    this.recorder.record(channel, direction, signature, parts, message.header, message.parent_header);
  }

  // zeromq.js allows one send in flight per socket: chain them, which also keeps their order.
  private enqueue(socket: zmq.Writable, frames: Buffer[]): Promise<void> {
    const previous = this.sending.get(socket) ?? Promise.resolve();
    const next = previous
      .then(() => (this.closed ? undefined : socket.send(frames)))
      .catch((error: Error) => {
        if (!this.closed) log(`send failed: ${error.message}`);
      });
    this.sending.set(socket, next);
    return next;
  }

  private async echoHeartbeats(): Promise<void> {
    try {
      for await (const frames of this.hb) await this.hb.send(frames);
    } catch (error) {
      if (!this.closed) log(`heartbeat stopped: ${(error as Error).message}`);
    }
  }
}
