/**
 * Contextual Help: JupyterLab's inspector panel beside the notebook, fed by the kernel's
 * inspect_reply at detail level 1 for the active cell's cursor, as JupyterLab's own
 * inspector extension wires it (a KernelConnector and an InspectionHandler per notebook).
 */
import { InspectionHandler, InspectorPanel, KernelConnector } from "@jupyterlab/inspector";
import { Widget } from "@lumino/widgets";
import type { Feature } from "./app.js";

/** Adds the inspector panel (class jp-Inspector) under the notebook, following the active cell. */
export const inspector: Feature = ({ panel, rendermime }) => {
  const handler = new InspectionHandler({ connector: new KernelConnector({ sessionContext: panel.sessionContext }), rendermime });
  const view = new InspectorPanel();
  view.id = "lazylab-contextual-help";
  view.source = handler;
  const follow = () => (handler.editor = panel.content.activeCell?.editor ?? null);
  panel.content.activeCellChanged.connect(follow);
  follow();
  // The page has no dock panel: the help floats in the bottom-right corner, letting clicks through
  // to the notebook under it.
  view.node.style.cssText =
    "position:fixed;right:8px;bottom:8px;width:440px;max-height:260px;overflow:auto;z-index:10;background:var(--jp-layout-color1,#fff);border:1px solid #ccc;pointer-events:none";
  Widget.attach(view, document.body);
};
