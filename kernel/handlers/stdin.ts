/** The stdin channel: input_request to the front end that sent the execute, input_reply back. */
import { newMessage } from "../protocol/messages.js";
import type { KernelSockets } from "../protocol/sockets.js";
import type { Header } from "../protocol/wire.js";
import type { KernelState } from "./state.js";

/** Asks front ends for input on behalf of cells. */
export class StdinChannel {
  private readonly waiting = new Map<string, (value: string) => void>();

  constructor(
    private readonly sockets: KernelSockets,
    private readonly state: KernelState,
  ) {}

  /** Reads input replies until the socket closes. */
  async serve(): Promise<void> {
    for await (const message of this.sockets.messages("stdin")) {
      if (message.header.msg_type !== "input_reply") continue;
      // jupyter_client sends input_reply without a parent header: then the oldest request is meant (as in ipykernel).
      const parentId = (message.parent_header as Partial<Header>).msg_id;
      const key = parentId !== undefined && this.waiting.has(parentId) ? parentId : this.waiting.keys().next().value;
      if (key === undefined) continue;
      const resolve = this.waiting.get(key);
      this.waiting.delete(key);
      resolve?.(String(message.content.value ?? ""));
    }
  }

  /** Sends input_request to the front end of execute request `parent`; resolves to what the user typed. */
  async ask(prompt: string, password: boolean, parent: Header): Promise<string> {
    const request = this.state.recent.get(parent.msg_id);
    if (request === undefined) throw new Error("input(): the cell that asked is no longer known to the kernel");
    if (request.content.allow_stdin === false) {
      throw new Error("StdinNotImplementedError: input() was called, but this front end does not support input requests");
    }
    const message = newMessage("input_request", { prompt, password }, this.sockets.session, request.header, request.identities);
    const reply = new Promise<string>((resolve) => this.waiting.set(message.header.msg_id, resolve));
    await this.sockets.send("stdin", message);
    return reply;
  }
}
