/**
 * The main thread's comms (lib/comm.ts's CommHost): comms opened by cells and library code, the
 * targets front ends may open comms on, and the delivery of the front end's messages to their
 * handlers. A handler runs as part of the cell that opened the comm, so what it prints or
 * displays is published under that cell; its error is shown there too, and the kernel goes on.
 */
import { randomUUID } from "node:crypto";
import type { Comm, CommHandler, CommHost, CommMessage, CommTarget } from "../../lib/comm.js";
import type { Header } from "../contract/header.js";
import type { CommEvent, ErrorContent, OutputEvent } from "../contract/language.js";
import { JSON, Map } from "../contract/intrinsics.js";
import { toWireJson } from "../contract/wire-json.js";
import type { CellContext, OutputRouter } from "./output.js";

interface OpenComm {
  readonly comm: Comm;
  /** The execution that opened it (or was running when the front end opened it). */
  readonly owner: CellContext | undefined;
  onMsg?: CommHandler;
  onClose?: CommHandler;
  onError?: (error: unknown) => void;
}

/** Comms between this kernel's cells and the front end. */
export class CommHub implements CommHost {
  private readonly targets = new Map<string, CommTarget>();
  private readonly live = new Map<string, OpenComm>();

  constructor(
    private readonly router: OutputRouter,
    private readonly send: (event: OutputEvent) => void,
    private readonly errorContent: (thrown: unknown) => ErrorContent,
    /** Runs a handler interruptibly (the executor, as execution COMM_HANDLER_EXEC_ID). */
    private readonly call: (handler: () => void | Promise<void>) => Promise<void> = async (handler) => handler(),
  ) {}

  /** A comm's kernel end, owned by the running execution. */
  private track(targetName: string, commId: string): OpenComm {
    const hub = this;
    const entry: OpenComm = {
      owner: this.router.current(),
      comm: {
        commId,
        targetName,
        send(data, metadata = {}, buffers = []) {
          if (hub.live.get(commId) === entry) hub.publish("comm_msg", { comm_id: commId, data }, metadata, buffers);
        },
        close(data = {}) {
          if (hub.live.get(commId) !== entry) return;
          hub.live.delete(commId);
          hub.publish("comm_close", { comm_id: commId, data }, {}, []);
        },
        onMsg: (handler) => void (entry.onMsg = handler),
        onClose: (handler) => void (entry.onClose = handler),
        onError: (handler) => void (entry.onError = handler),
      },
    };
    this.live.set(commId, entry);
    return entry;
  }

  open(
    targetName: string,
    data: Record<string, unknown>,
    metadata: Record<string, unknown>,
    buffers: Uint8Array[],
    commId = randomUUID(),
  ): Comm {
    const entry = this.track(targetName, commId);
    this.publish("comm_open", { comm_id: commId, target_name: targetName, data }, metadata, buffers);
    return entry.comm;
  }

  registerTarget(targetName: string, target: CommTarget): void {
    this.targets.set(targetName, target);
  }

  capture<R>(sink: (output: Record<string, unknown>) => void, fn: () => R): R {
    const context = this.router.current();
    if (context === undefined) return fn();
    this.router.flush(); // what was printed before the capture stays outside it
    return this.router.within({ ...context, capture: sink }, fn);
  }

  describeError(thrown: unknown): ErrorContent {
    return this.errorContent(thrown);
  }

  /** Delivers a message from the front end to its comm's handler (or its target, for comm_open). */
  async receive(event: CommEvent): Promise<void> {
    const { comm_id: commId, target_name: targetName, data } = event.content;
    const message: CommMessage = { data, metadata: event.metadata, buffers: event.buffers };
    if (event.msgType === "comm_open") {
      const target = targetName === undefined ? undefined : this.targets.get(targetName);
      if (target === undefined) {
        // As ipykernel: a comm nobody listens to is closed at once, saying why.
        const error = `no comm target named ${JSON.stringify(targetName ?? null)}`;
        this.emitComm("comm_close", { comm_id: commId, data: { error } }, {}, [], event.header);
        return;
      }
      const entry = this.track(targetName!, commId);
      return this.run(entry, event.header, () => target(entry.comm, message));
    }
    const entry = this.live.get(commId);
    if (entry === undefined) return; // closed already, or never open: nothing to deliver
    if (event.msgType === "comm_close") {
      this.live.delete(commId);
      return this.run(entry, event.header, () => entry.onClose?.(message));
    }
    return this.run(entry, event.header, () => entry.onMsg?.(message));
  }

  /** Runs a handler as part of the comm's owner, its output and errors shown under that cell. */
  private async run(entry: OpenComm, header: Header, handler: () => void | Promise<void>): Promise<void> {
    const owner = entry.owner ?? this.router.current() ?? { execId: 0, executionCount: 0, parent: header, allowStdin: false };
    const context: CellContext = {
      execId: owner.execId,
      executionCount: owner.executionCount,
      parent: owner.parent,
      allowStdin: false,
      commParent: header,
    };
    await this.router.within(context, async () => {
      try {
        await this.call(handler);
      } catch (thrown) {
        try {
          if (entry.onError === undefined) throw thrown;
          entry.onError(thrown);
        } catch (unhandled) {
          this.router.emit("error", { ...this.errorContent(unhandled) }, context);
        }
      }
    });
    this.router.flush();
  }

  /** Sends a comm message under the message being answered, or the running cell. */
  private publish(
    msgType: OutputEvent["msgType"],
    content: Record<string, unknown>,
    metadata: Record<string, unknown>,
    buffers: Uint8Array[],
  ): void {
    const context = this.router.current();
    const parent = context?.commParent ?? context?.parent;
    if (parent === undefined) return; // no cell has run: nothing in the front end could hold the comm
    this.emitComm(msgType, content, metadata, buffers, parent);
  }

  private emitComm(
    msgType: OutputEvent["msgType"],
    content: Record<string, unknown>,
    metadata: Record<string, unknown>,
    buffers: Uint8Array[],
    parent: Header,
  ): void {
    const json = toWireJson(content, "this comm message"); // throws in the code that sent it
    this.router.flush(); // output printed before the message arrives before it
    this.send({ msgType, json, parent, buffers, metadata });
  }
}
