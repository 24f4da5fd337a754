/**
 * Jupyter widgets in the page, as JupyterLab's @jupyter-widgets/jupyterlab-manager extension adds
 * them: a WidgetManager for the notebook's kernel, with the base, controls and output models
 * registered, and the widget-view renderer bound to it. Nothing lazylab-specific: the kernel's
 * widgets must work with the stock manager.
 */
import * as base from "@jupyter-widgets/base";
import * as controls from "@jupyter-widgets/controls";
import { JUPYTER_CONTROLS_VERSION } from "@jupyter-widgets/controls/lib/version";
import { WIDGET_VIEW_MIMETYPE, WidgetManager } from "@jupyter-widgets/jupyterlab-manager/lib/manager";
import { OUTPUT_WIDGET_VERSION, OutputModel, OutputView } from "@jupyter-widgets/jupyterlab-manager/lib/output";
import { WidgetRenderer } from "@jupyter-widgets/jupyterlab-manager/lib/renderer";
import "@jupyter-widgets/base/css/index.css";
import "@jupyter-widgets/controls/css/widgets-base.css";
import type { Feature } from "./app.js";

/** Registers the widget manager of the page's notebook and its renderer. */
export const widgets: Feature = ({ panel }) => {
  const rendermime = panel.content.rendermime;
  const manager = new WidgetManager(panel.context, rendermime, { saveState: false });
  manager.register({
    name: "@jupyter-widgets/base",
    version: base.JUPYTER_WIDGETS_VERSION,
    exports: {
      WidgetModel: base.WidgetModel,
      WidgetView: base.WidgetView,
      DOMWidgetView: base.DOMWidgetView,
      DOMWidgetModel: base.DOMWidgetModel,
      LayoutModel: base.LayoutModel,
      LayoutView: base.LayoutView,
      StyleModel: base.StyleModel,
      StyleView: base.StyleView,
      ErrorWidgetView: base.ErrorWidgetView,
    } as unknown as base.ExportMap,
  });
  manager.register({
    name: "@jupyter-widgets/controls",
    version: JUPYTER_CONTROLS_VERSION,
    exports: controls as unknown as base.ExportMap,
  });
  manager.register({
    name: "@jupyter-widgets/output",
    version: OUTPUT_WIDGET_VERSION,
    exports: { OutputModel, OutputView } as unknown as base.ExportMap,
  });
  rendermime.removeMimeType(WIDGET_VIEW_MIMETYPE);
  rendermime.addFactory(
    { safe: false, mimeTypes: [WIDGET_VIEW_MIMETYPE], createRenderer: (options) => new WidgetRenderer(options, manager) },
    -10,
  );
  (window as unknown as { lazylabWidgets: unknown }).lazylabWidgets = manager;
};
