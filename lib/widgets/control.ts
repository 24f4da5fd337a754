/**
 * The `jupyter.widget.control` comm target (protocol 2.1): a page that reloads, or a second front
 * end, opens it and asks for every widget's state at once (`request_states`); the answer,
 * `update_states`, lets it rebuild the views of widgets created before it connected.
 */
import { commsConnected, registerCommTarget } from "../comm.js";
import { liveWidgets } from "./live-widgets.js";

/** The control comm's target name. */
export const CONTROL_TARGET = "jupyter.widget.control";

let registered = false;

/**
 * Registers the target, once, when the first widget is made: the library may be loaded before the
 * kernel's comm host exists (a magic imports it at start), so registering at load could find none.
 */
export function ensureControlTarget(): void {
  if (registered || !commsConnected()) return;
  registered = true;
  registerControlTarget();
}

/** Answers `request_states` with the state of every open widget; buffer paths start with the model id and "state". */
function registerControlTarget(): void {
  registerCommTarget(CONTROL_TARGET, (comm) => {
    comm.onMsg((message) => {
      if (message.data.method !== "request_states") return;
      const states: Record<string, unknown> = {};
      const buffers: Uint8Array[] = [];
      const paths: (string | number)[][] = [];
      for (const widget of liveWidgets()) {
        const wire = widget.wireState();
        states[widget.modelId] = {
          model_name: wire.state._model_name,
          model_module: wire.state._model_module,
          model_module_version: wire.state._model_module_version,
          state: wire.state,
        };
        wire.buffer_paths.forEach((path, i) => {
          paths.push([widget.modelId, "state", ...path]);
          buffers.push(wire.buffers[i]);
        });
      }
      comm.send({ method: "update_states", states, buffer_paths: paths }, {}, buffers);
    });
  });
}
