/**
 * Widgets with a view (ipywidgets' DOMWidget and DescriptionWidget): a layout, CSS classes, a
 * tooltip, and for controls a description label beside them.
 */
import type { ModelReference } from "./wire-state.js";
import { Widget, syncedProperties } from "./widget.js";
import { modelKeys } from "./protocol.js";

/** Options every displayed widget takes. */
export interface DomOptions {
  /** A Layout widget (width, margins…); none: the front end's default layout. */
  layout?: ModelReference;
  tooltip?: string | null;
}

/** Options of controls with a label. */
export interface DescriptionOptions extends DomOptions {
  description?: string;
  disabled?: boolean;
}

/** A widget that has a view in module `module` (controls by default). */
export abstract class DOMWidget extends Widget {
  declare tooltip: string | null;

  constructor(
    modelName: string,
    viewName: string,
    state: Record<string, unknown>,
    options: DomOptions,
    module: "controls" | "output" = "controls",
  ) {
    super({
      ...modelKeys(module, modelName, viewName),
      _dom_classes: [],
      tabbable: null,
      tooltip: options.tooltip ?? null,
      ...(options.layout === undefined ? {} : { layout: options.layout }),
      ...state,
    });
  }
}
syncedProperties(DOMWidget, ["tooltip"]);

/** A control with a description label. */
export abstract class DescriptionWidget extends DOMWidget {
  declare description: string;
  declare disabled: boolean;

  constructor(modelName: string, viewName: string, state: Record<string, unknown>, options: DescriptionOptions) {
    super(
      modelName,
      viewName,
      { description: options.description ?? "", description_allow_html: false, disabled: options.disabled ?? false, ...state },
      options,
    );
  }
}
syncedProperties(DescriptionWidget, ["description", "disabled"]);
