/** comm_info, comm_open, comm_msg, comm_close: answered correctly with no comm targets registered yet. */
import type { Handler } from "./dispatch.js";

/** comm_info_request: no comms are open. */
export const commInfo: Handler = async () => ({ status: "ok", comms: {} });

/** comm_open for an unknown target: closed right away, as ipykernel does. */
export const commOpen: Handler = async ({ message, publish }) => {
  const { comm_id, target_name } = message.content as { comm_id?: string; target_name?: string };
  await publish("comm_close", { comm_id, data: { error: `no comm target named ${String(target_name)}` } });
  return undefined;
};

/** comm_msg and comm_close for comms that do not exist: nothing to do, no reply is due. */
export const commIgnore: Handler = async () => undefined;
