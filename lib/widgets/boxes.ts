/** Containers and layout: HBox, VBox (children side by side or stacked) and Layout (CSS of a view). */
import { type DomOptions, DOMWidget } from "./dom-widget.js";
import { modelKeys } from "./protocol.js";
import { boxPicture } from "./sketch.js";
import { Widget, syncedProperties } from "./widget.js";

/** The CSS properties of a view ipywidgets' LayoutModel takes (snake_case, as the protocol names them). */
export type LayoutProperties = Partial<
  Record<
    | "width"
    | "height"
    | "min_width"
    | "max_width"
    | "margin"
    | "padding"
    | "border"
    | "display"
    | "flex"
    | "flex_flow"
    | "align_items"
    | "justify_content"
    | "visibility"
    | "overflow",
    string
  >
>;

/** The layout of a view: pass it as the `layout` option of any displayed widget. */
export class Layout extends Widget {
  constructor(properties: LayoutProperties = {}) {
    super({ ...modelKeys("base", "LayoutModel", "LayoutView"), ...properties });
  }

  describe(): string {
    return `Layout(${JSON.stringify(this.state)})`;
  }

  picture(): string {
    return "";
  }
}

/** A box of widgets. */
abstract class Box extends DOMWidget {
  declare children: readonly Widget[];

  constructor(
    modelName: string,
    viewName: string,
    children: readonly Widget[],
    options: DomOptions,
    /** How the static picture lays the children out, as the view does. */
    private readonly direction: "row" | "column",
  ) {
    super(modelName, viewName, { children: [...children], box_style: "" }, options);
  }

  picture(): string {
    return boxPicture(
      this.children.map((c) => c.picture()),
      this.direction,
    );
  }

  describe(): string {
    return `${this.constructor.name}(${this.children.map((c) => c.describe()).join(", ")})`;
  }
}
syncedProperties(Box, ["children"]);

/** Widgets side by side. */
export class HBox extends Box {
  constructor(children: readonly Widget[] = [], options: DomOptions = {}) {
    super("HBoxModel", "HBoxView", children, options, "row");
  }
}

/** Widgets one above the other. */
export class VBox extends Box {
  constructor(children: readonly Widget[] = [], options: DomOptions = {}) {
    super("VBoxModel", "VBoxView", children, options, "column");
  }
}
