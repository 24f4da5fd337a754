/**
 * Merging a burst of widget updates. A slider dragged across its range sends hundreds of
 * `update` comm_msgs; while the main thread is busy they queue on the comm lane, and handing
 * each to the cell code in turn would replay every intermediate position long after the mouse
 * stopped. Consecutive updates of the same comm are merged into one carrying the latest value of
 * every key: no final state is lost, only the states nobody will see.
 */
import type { Message } from "../protocol/wire.js";

interface UpdateData {
  method: "update";
  state: Record<string, unknown>;
  buffer_paths?: unknown[];
}

/** The update's comm_id and data, when `message` is a comm_msg `update` without binary buffers. */
function plainUpdate(message: Message): { commId: string; data: UpdateData } | undefined {
  if (message.header.msg_type !== "comm_msg" || message.buffers.length > 0) return undefined;
  const { comm_id, data } = message.content as { comm_id?: unknown; data?: Partial<UpdateData> };
  if (typeof comm_id !== "string" || data?.method !== "update") return undefined;
  if (data.state === null || typeof data.state !== "object") return undefined;
  if (Array.isArray(data.buffer_paths) && data.buffer_paths.length > 0) return undefined;
  return { commId: comm_id, data: data as UpdateData };
}

/** The message to handle, and the ones merged into it (each still owed its busy/idle status). */
export interface Taken {
  message: Message;
  absorbed: Message[];
}

/**
 * Takes the next message off `queue`, merged with the updates of the same comm that follow it
 * directly. The merged message keeps the last one's header (its echo answers the newest request)
 * and the union of the states, later values winning. Returns undefined on an empty queue.
 */
export function takeCoalesced(queue: Message[]): Taken | undefined {
  const first = queue.shift();
  if (first === undefined) return undefined;
  const head = plainUpdate(first);
  if (head === undefined) return { message: first, absorbed: [] };
  const absorbed: Message[] = [];
  let merged = first;
  let state = { ...head.data.state };
  for (let next = queue[0]; next !== undefined; next = queue[0]) {
    const update = plainUpdate(next);
    if (update === undefined || update.commId !== head.commId) break;
    queue.shift();
    state = { ...state, ...update.data.state };
    absorbed.push(merged);
    merged = next;
  }
  if (merged === first) return { message: first, absorbed };
  const content = merged.content as { comm_id: string; data: UpdateData };
  return { message: { ...merged, content: { ...content, data: { ...content.data, state, buffer_paths: [] } } }, absorbed };
}
