/**
 * The one place that brackets every request with busy/idle, replies under the right parent,
 * turns a failed handler into an error reply, and aborts queued executes after an error
 * (the table-of-handlers shape of ipykernel's kernelbase).
 */
import { log } from "../log.js";
import { newMessage, replyType } from "../protocol/messages.js";
import type { KernelSockets, RequestChannel } from "../protocol/sockets.js";
import type { Message } from "../protocol/wire.js";
import { type Taken, takeCoalesced } from "./comm-coalesce.js";

/**
 * Shell messages served on a lane of their own: a widget's Cancel button or slider must reach the
 * cell code while an execute_request (a running MapReduce job, say) still holds the shell queue.
 */
const COMM_LANE = new Set(["comm_open", "comm_msg", "comm_close", "comm_info_request"]);

/** A queue of shell messages served one at a time, and how to take the next one off it. */
class Lane {
  readonly queue: Message[] = [];
  wake: (() => void) | undefined;
  /** The message being handled now. */
  current: Message | undefined;
  constructor(readonly take: (queue: Message[]) => Taken | undefined) {}

  push(message: Message): void {
    this.queue.push(message);
    this.wake?.();
  }
}

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
  private readonly shell = new Lane((queue) => {
    const message = queue.shift();
    return message === undefined ? undefined : { message, absorbed: [] };
  });
  private readonly comms = new Lane(takeCoalesced);

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
    void this.drain(channel, this.shell);
    void this.drain(channel, this.comms);
    for await (const message of this.sockets.messages(channel)) {
      (COMM_LANE.has(message.header.msg_type) ? this.comms : this.shell).push(message);
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

  private async drain(channel: RequestChannel, lane: Lane): Promise<void> {
    for (;;) {
      const taken = lane.take(lane.queue);
      if (taken === undefined) {
        await new Promise<void>((resolve) => (lane.wake = resolve));
        continue;
      }
      // A message merged into a later one is handled with it; its sender still waits for its idle
      // (a widget sends its next update only once the previous one is idle).
      for (const absorbed of taken.absorbed) {
        void this.sockets.publish("status", { execution_state: "busy" }, absorbed.header);
        void this.sockets.publish("status", { execution_state: "idle" }, absorbed.header);
      }
      lane.current = taken.message;
      try {
        await this.handle(channel, taken.message);
      } finally {
        lane.current = undefined;
      }
      // A comm message handled while a shell request runs ended with its own idle, which front ends
      // take as the kernel's state: say again that the kernel is busy with that request.
      const running = lane === this.comms ? this.shell.current : undefined;
      if (running !== undefined) void this.sockets.publish("status", { execution_state: "busy" }, running.header);
    }
  }

  private reply(channel: RequestChannel, request: Message, content: Record<string, unknown>): Promise<void> {
    const message = newMessage(replyType(request.header.msg_type), content, this.sockets.session, request.header, request.identities);
    return this.sockets.send(channel, message);
  }

  // Executes that arrived before the error are answered `aborted`, not run (stop_on_error).
  private takeQueuedExecutes(): Message[] {
    const queue = this.shell.queue;
    const aborted = queue.filter((m) => m.header.msg_type === "execute_request");
    queue.splice(0, queue.length, ...queue.filter((m) => !aborted.includes(m)));
    return aborted;
  }

  private async abortExecute(channel: RequestChannel, message: Message): Promise<void> {
    await this.sockets.publish("status", { execution_state: "busy" }, message.header);
    await this.reply(channel, message, { status: "aborted", execution_count: null });
    await this.sockets.publish("status", { execution_state: "idle" }, message.header);
  }
}
