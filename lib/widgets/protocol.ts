/**
 * The Jupyter widget protocol as ipywidgets 8 speaks it (protocol 2.1): the comm target, the
 * model modules and their versions JupyterLab's widget manager (@jupyter-widgets/jupyterlab-manager
 * 5) knows without any extension, and the MIME type of a widget's view.
 */

/** The comm target of widget models. */
export const WIDGET_TARGET = "jupyter.widget";
/** The protocol version, sent in each comm_open's metadata. */
export const PROTOCOL_VERSION = "2.1.0";
/** The MIME type of a displayed widget. */
export const VIEW_MIME = "application/vnd.jupyter.widget-view+json";

/** The JavaScript modules the models live in, at the versions ipywidgets 8 names. */
export const MODULES = {
  base: { module: "@jupyter-widgets/base", version: "2.0.0" },
  controls: { module: "@jupyter-widgets/controls", version: "2.0.0" },
  output: { module: "@jupyter-widgets/output", version: "1.0.0" },
} as const;

/** The `_model_*` and `_view_*` keys of a model in `module` (a view of `null` for models never displayed). */
export function modelKeys(
  module: keyof typeof MODULES,
  modelName: string,
  viewName: string | null,
  viewModule: keyof typeof MODULES = module,
): Record<string, unknown> {
  return {
    _model_module: MODULES[module].module,
    _model_module_version: MODULES[module].version,
    _model_name: modelName,
    _view_module: MODULES[viewModule].module,
    _view_module_version: MODULES[viewModule].version,
    _view_name: viewName,
  };
}

/** What a front end with a widget manager renders for model `modelId`. */
export function viewBundle(modelId: string): { version_major: number; version_minor: number; model_id: string } {
  return { version_major: 2, version_minor: 0, model_id: modelId };
}
