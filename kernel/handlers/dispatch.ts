/**
 * The one place that brackets every request with busy/idle, replies under the right parent,
 * turns a failed handler into an error reply, and aborts queued executes after an error
 * (the table-of-handlers shape of ipykernel's kernelbase).
 */
import { log } from "../log.js";
import { newMessage, replyType } from "../protocol/messages.js";
import type { KernelSockets, RequestChannel } from "../protocol/sockets.js";
import type { Message } from "../protocol/wire.js";

/** What a handler gets: the request, and iopub publishing under the request as parent. */
export interface RequestContext {
  readonly message: Message;
  readonly channel: RequestChannel;
  publish(msgType: string, content: unknown): Promise<void>;
  /** Asks the dispatcher to answer queued execute_requests with `aborted` (stop_on_error). */
  abortQueue(): void;
}

/** Handles one request type; returns the reply content, or nothing for messages without replies. */
export type Handler = (context: RequestContext) => Promise<Record<string, unknown> | undefined>;

/** Routes requests from the shell and control channels to their handlers. */
export class Dispatcher {
  private readonly queue: Message[] = [];
  private wake: (() => void) | undefined;

  constructor(
    private readonly sockets: KernelSockets,
    private readonly handlers: Record<string, Handler>,
  ) {}

  /** Serves a channel until its socket closes: shell requests one at a time, in arrival order. */
  async serve(channel: RequestChannel): Promise<void> {
    if (channel === "control") {
      // Control requests never wait for one another: an interrupt must overtake a slow shutdown.
      for await (const message of this.sockets.messages("control")) void this.handle("control", message);
      return;
    }
    void this.drain(channel);
    for await (const message of this.sockets.messages(channel)) {
      this.queue.push(message);
      this.wake?.();
    }
  }

  /** Handles one request inside its busy/idle bracket. */
  async handle(channel: RequestChannel, message: Message): Promise<void> {
    const parent = message.header;
    const publish = (msgType: string, content: unknown) => this.sockets.publish(msgType, content, parent);
    let abort = false;
    void publish("status", { execution_state: "busy" }); // sends are chained in order; no need to wait

    try {
      // Cells run one at a time, in the shell's order: an execute_request on control would run
      // beside a shell cell (control requests are not queued), so it is refused with an error reply.
      if (channel === "control" && parent.msg_type === "execute_request") {
        const evalue = "execute_request goes on the shell channel, not control (cells run one at a time, in order)";
        log(evalue);
        await this.reply(channel, message, { status: "error", ename: "ChannelError", evalue, traceback: [evalue] });
        return;
      }
      // Own properties only: "constructor" or "__proto__" must not reach Object.prototype.
      const handler = Object.hasOwn(this.handlers, parent.msg_type) ? this.handlers[parent.msg_type] : undefined;
      if (handler === undefined) {
        log(`unknown message type ${JSON.stringify(parent.msg_type).slice(0, 80)} on ${channel}: ignored`);
        return;
      }
      let content: Record<string, unknown> | undefined;
      try {
        content = await handler({ message, channel, publish, abortQueue: () => (abort = true) });
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        log(`${parent.msg_type} failed: ${e.stack ?? e.message}`);
        content = { status: "error", ename: e.name, evalue: e.message, traceback: (e.stack ?? e.message).split("\n") };
      }
      // Abort what was queued when the error happened, before the reply lets the client send more.
      const aborted = abort ? this.takeQueuedExecutes() : [];
      if (content !== undefined) await this.reply(channel, message, content);
      // Queued executes came on shell: their replies go there, whichever channel the error came from.
      for (const queued of aborted) await this.abortExecute("shell", queued);
    } finally {
      await publish("status", { execution_state: "idle" });
    }
  }

  private async drain(channel: RequestChannel): Promise<void> {
    for (;;) {
      const message = this.queue.shift();
      if (message === undefined) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      await this.handle(channel, message);
    }
  }

  private reply(channel: RequestChannel, request: Message, content: Record<string, unknown>): Promise<void> {
    const message = newMessage(replyType(request.header.msg_type), content, this.sockets.session, request.header, request.identities);
    return this.sockets.send(channel, message);
  }

  // Executes that arrived before the error are answered `aborted`, not run (stop_on_error).
  private takeQueuedExecutes(): Message[] {
    const aborted = this.queue.filter((m) => m.header.msg_type === "execute_request");
    this.queue.splice(0, this.queue.length, ...this.queue.filter((m) => !aborted.includes(m)));
    return aborted;
  }

  private async abortExecute(channel: RequestChannel, message: Message): Promise<void> {
    await this.sockets.publish("status", { execution_state: "busy" }, message.header);
    await this.reply(channel, message, { status: "aborted", execution_count: null });
    await this.sockets.publish("status", { execution_state: "idle" }, message.header);
  }
}
