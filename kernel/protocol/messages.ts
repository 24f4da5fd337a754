/** Building outgoing messages: headers, replies and broadcasts that carry the right parent. */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import type { Header, Message } from "./wire.js";

/** The protocol version this kernel speaks. */
export const PROTOCOL_VERSION = "5.3";

const username = (() => {
  try {
    return userInfo().username;
  } catch {
    return "lazylab";
  }
})();

/** A fresh header for a message of `msgType` in `session`. */
export function newHeader(msgType: string, session: string): Header {
  return {
    msg_id: randomUUID(),
    session,
    username,
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

/** A message of `msgType` whose parent is `parent` (a request header, or none). */
export function newMessage<C>(
  msgType: string,
  content: C,
  session: string,
  parent: Header | Record<string, never> = {},
  identities: Buffer[] = [],
  metadata: Record<string, unknown> = {},
): Message<C> {
  return { identities, header: newHeader(msgType, session), parent_header: parent, metadata, content, buffers: [] };
}

/** The reply type of a request type: `execute_request` → `execute_reply`. */
export function replyType(requestType: string): string {
  return requestType.replace(/_request$/, "_reply");
}
