/**
 * A minimal Jupyter client for tests: starts the real kernel process with a connection file and
 * talks to it over ZeroMQ, as jupyter_client does (DEALER for shell/control/stdin, SUB for
 * iopub, REQ for the heartbeat).
 */
import { kernelArgv } from "../../dist/kernel/install.js";
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as zmq from "zeromq";
import { newMessage } from "../../dist/kernel/protocol/messages.js";
import { type Message, Signer, decode, encode } from "../../dist/kernel/protocol/wire.js";

export type { Message };
import { afterAll, beforeAll } from "vitest";
import { freePort } from "./ports.js";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const KERNEL_MAIN = join(ROOT, "dist", "kernel", "main.js");

type Channel = "shell" | "control" | "stdin";

/** A message inbox with waiting by predicate. */
class Inbox {
  readonly messages: Message[] = [];
  private waiters: { test: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  push(message: Message): void {
    this.messages.push(message);
    this.waiters = this.waiters.filter((w) => (w.test(message) ? (w.resolve(message), false) : true));
  }

  wait(test: (m: Message) => boolean, timeoutMs = 10_000, what = "message"): Promise<Message> {
    const found = this.messages.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }
}

/** A client connected to a kernel (its own process, or another client's). */
export class Client {
  readonly session = randomUUID();
  readonly sockets: Record<Channel, zmq.Dealer>;
  readonly iopub = new zmq.Subscriber();
  readonly hb = new zmq.Request();
  readonly inbox: Record<Channel | "iopub", Inbox> = { shell: new Inbox(), control: new Inbox(), stdin: new Inbox(), iopub: new Inbox() };
  private readonly signer: Signer;
  private closed = false;

  constructor(readonly connection: Record<string, string | number>) {
    this.signer = new Signer(String(connection.key), "hmac-sha256");
    this.sockets = { shell: new zmq.Dealer(), control: new zmq.Dealer(), stdin: new zmq.Dealer() };
    const url = (port: string) => `tcp://127.0.0.1:${connection[port]}`;
    for (const ch of ["shell", "control", "stdin"] as const) {
      this.sockets[ch].routingId = this.session; // as jupyter_client: stdin shares the shell identity
      this.sockets[ch].connect(url(`${ch}_port`));
      void this.read(this.sockets[ch], this.inbox[ch]);
    }
    this.iopub.connect(url("iopub_port"));
    this.iopub.subscribe();
    void this.read(this.iopub, this.inbox.iopub);
    this.hb.connect(url("hb_port"));
  }

  private async read(socket: zmq.Dealer | zmq.Subscriber, inbox: Inbox): Promise<void> {
    try {
      for await (const frames of socket) inbox.push(decode(frames, this.signer));
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  /** Sends a request (with binary `buffers`, for comm messages); returns its msg_id. */
  async send(
    channel: Channel,
    msgType: string,
    content: Record<string, unknown>,
    parent: Message["parent_header"] = {},
    buffers: Buffer[] = [],
  ): Promise<string> {
    const message = newMessage(msgType, content, this.session, parent);
    message.buffers = buffers;
    await this.sockets[channel].send(encode(message, this.signer));
    return message.header.msg_id;
  }

  /** Sends raw frames (for malformed-message tests). */
  async sendRaw(channel: Channel, frames: Buffer[]): Promise<void> {
    await this.sockets[channel].send(frames);
  }

  /** Sends a request and waits for its reply. */
  async request(channel: Channel, msgType: string, content: Record<string, unknown> = {}, timeoutMs = 10_000): Promise<Message> {
    const id = await this.send(channel, msgType, content);
    return this.reply(channel, id, timeoutMs);
  }

  /** The reply to request `id`. */
  reply(channel: Channel, id: string, timeoutMs = 10_000): Promise<Message> {
    return this.inbox[channel].wait((m) => (m.parent_header as { msg_id?: string }).msg_id === id, timeoutMs, `reply to ${id}`);
  }

  /** The iopub messages of request `id`, up to and including its idle status. */
  async outputs(id: string, timeoutMs = 10_000): Promise<Message[]> {
    await this.inbox.iopub.wait(
      (m) =>
        (m.parent_header as { msg_id?: string }).msg_id === id && m.header.msg_type === "status" && m.content.execution_state === "idle",
      timeoutMs,
      `idle of ${id}`,
    );
    return this.inbox.iopub.messages.filter((m) => (m.parent_header as { msg_id?: string }).msg_id === id);
  }

  /** Runs code; returns the reply and the iopub messages between busy and idle. */
  async execute(
    code: string,
    options: Record<string, unknown> = {},
    timeoutMs = 10_000,
  ): Promise<{ id: string; reply: Message; outputs: Message[] }> {
    const id = await this.send("shell", "execute_request", {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
      ...options,
    });
    const reply = await this.reply("shell", id, timeoutMs);
    return { id, reply, outputs: await this.outputs(id, timeoutMs) };
  }

  /** One heartbeat round trip; resolves to its time in ms. */
  async ping(timeoutMs = 2000): Promise<number> {
    const start = performance.now();
    await this.hb.send("ping");
    const timer = setTimeout(() => this.hb.close(), timeoutMs);
    await this.hb.receive();
    clearTimeout(timer);
    return performance.now() - start;
  }

  close(): void {
    this.closed = true;
    for (const s of [...Object.values(this.sockets), this.iopub, this.hb]) s.close();
  }
}

/** Stream text of a list of iopub messages. */
export function streamText(outputs: Message[], name = "stdout"): string {
  return outputs
    .filter((m) => m.header.msg_type === "stream" && m.content.name === name)
    .map((m) => String(m.content.text))
    .join("");
}

/** The text/plain of the execute_result among outputs. */
export function resultText(outputs: Message[]): string | undefined {
  const result = outputs.find((m) => m.header.msg_type === "execute_result");
  return (result?.content.data as Record<string, string> | undefined)?.["text/plain"];
}

/** A kernel process and a first client. */
export class TestKernel {
  stderr = "";
  private constructor(
    readonly process: ChildProcess,
    readonly connection: Record<string, string | number>,
    readonly client: Client,
  ) {
    process.stderr?.on("data", (d: Buffer) => (this.stderr += d.toString()));
  }

  /**
   * Starts `node dist/kernel/main.js kernel <file>` and waits until it answers kernel_info. Ports
   * are free when chosen but another test running in parallel may bind one before the kernel
   * does; a kernel that exits with "Address already in use" is started again on new ports.
   */
  static async start(options: { cwd?: string; key?: string; env?: NodeJS.ProcessEnv; snapshot?: boolean } = {}): Promise<TestKernel> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await TestKernel.startOnce(options);
      } catch (error) {
        if (attempt >= 3 || !/Address already in use/.test((error as Error).message)) throw error;
      }
    }
  }

  private static async startOnce(options: {
    cwd?: string;
    key?: string;
    env?: NodeJS.ProcessEnv;
    snapshot?: boolean;
  }): Promise<TestKernel> {
    const dir = mkdtempSync(join(tmpdir(), "lazylab-test-"));
    const connection: Record<string, string | number> = {
      transport: "tcp",
      ip: "127.0.0.1",
      signature_scheme: "hmac-sha256",
      key: options.key ?? randomBytes(16).toString("hex"),
      kernel_name: "lazylab",
    };
    for (const ch of ["shell", "iopub", "stdin", "control", "hb"]) connection[`${ch}_port`] = await freePort();
    const file = join(dir, "kernel.json");
    writeFileSync(file, JSON.stringify(connection));
    // The command the kernelspec runs (from the startup snapshot when there is one).
    const [command, ...args] = kernelArgv(file, { snapshot: options.snapshot });
    const child = spawn(command, args, {
      cwd: options.cwd ?? dir,
      stdio: ["ignore", "pipe", "pipe"],
      env: options.env ?? process.env,
    });
    const kernel = new TestKernel(child, connection, new Client(connection));
    for (let attempt = 0; ; attempt++) {
      try {
        // Ready when a reply arrives and its iopub status does too (the subscription is live).
        const id = await kernel.client.send("shell", "kernel_info_request", {});
        await kernel.client.reply("shell", id, 1000);
        await kernel.client.outputs(id, 200);
        return kernel;
      } catch (_error) {
        if (attempt > 20 || child.exitCode !== null || child.signalCode !== null) {
          kernel.client.close();
          throw new Error(`kernel did not start: ${kernel.stderr}`);
        }
      }
    }
  }

  /** Another client on the same kernel. */
  connect(): Client {
    return new Client(this.connection);
  }

  /** Resolves when the process has exited, with its code. */
  exited(timeoutMs = 5000): Promise<number | null> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return Promise.resolve(this.process.exitCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("kernel did not exit")), timeoutMs);
      this.process.once("exit", (code) => (clearTimeout(timer), resolve(code)));
    });
  }

  /** Shuts the kernel down (killing it if it does not go). */
  async stop(): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      await this.client.send("control", "shutdown_request", { restart: false }).catch(() => undefined);
      await this.exited(3000).catch(() => this.process.kill("SIGKILL"));
    }
    this.client.close();
  }
}

/**
 * One kernel for a whole test file: started before its first test, stopped after its last;
 * `started` receives it (and may run setup cells). `options` is read when the kernel starts.
 */
export function kernelForFile(
  started: (kernel: TestKernel) => void | Promise<void>,
  options: () => { cwd?: string; snapshot?: boolean } = () => ({}),
  timeoutMs?: number,
): void {
  let kernel: TestKernel | undefined;
  beforeAll(async () => {
    kernel = await TestKernel.start(options());
    await started(kernel);
  }, timeoutMs);
  afterAll(async () => {
    await kernel?.stop();
  });
}
