/**
 * comm_info, comm_open, comm_msg, comm_close. The protocol thread keeps the table of open comms
 * (so comm_info is answered even while a cell keeps the main thread busy); what the front end
 * sends to a comm is handed to the main thread, where the comm's owner (cell code, a widget)
 * runs its handlers.
 */
import type { CommEvent, Language } from "../contract/language.js";
import type { Handler } from "./dispatch.js";

/** The comms open between this kernel and its front ends: comm_id → target name. */
export class CommTable {
  private readonly open = new Map<string, string>();
  /** Front-end messages being handled on the main thread now (0 or 1: the comm lane is serial). */
  handling = 0;

  /** Notes a comm message going either way (opened or closed comms). */
  note(msgType: string, content: { comm_id?: unknown; target_name?: unknown }): void {
    if (typeof content.comm_id !== "string") return;
    if (msgType === "comm_open" && typeof content.target_name === "string") this.open.set(content.comm_id, content.target_name);
    else if (msgType === "comm_close") this.open.delete(content.comm_id);
  }

  /** comm_info_reply's `comms`: every open comm, or those of one target. */
  info(targetName?: string): Record<string, { target_name: string }> {
    const comms: Record<string, { target_name: string }> = {};
    for (const [id, target] of this.open) if (targetName === undefined || target === targetName) comms[id] = { target_name: target };
    return comms;
  }
}

/** comm_info_request: the open comms, filtered by `target_name` when given. */
export function commInfo(table: CommTable): Handler {
  return async ({ message }) => {
    const { target_name } = message.content as { target_name?: unknown };
    return { status: "ok", comms: table.info(typeof target_name === "string" ? target_name : undefined) };
  };
}

/**
 * comm_open, comm_msg and comm_close from the front end: noted in the table, then delivered to the
 * main thread. No reply is due; a comm_open for a target nobody registered is answered there with
 * a comm_close, as ipykernel does.
 */
export function commForward(table: CommTable, language: Language): Handler {
  return async ({ message }) => {
    const msgType = message.header.msg_type as CommEvent["msgType"];
    const content = message.content as Partial<CommEvent["content"]>;
    if (typeof content.comm_id !== "string") return undefined; // not a comm message: nothing to route
    table.note(msgType, content);
    const data = content.data !== null && typeof content.data === "object" ? content.data : {};
    table.handling++;
    try {
      await language.comm({
        msgType,
        content: { comm_id: content.comm_id, target_name: content.target_name, data },
        metadata: message.metadata,
        buffers: message.buffers,
        header: message.header,
      });
    } finally {
      table.handling--;
    }
    return undefined;
  };
}
