/**
 * lazylab/widgets: Jupyter widgets from TypeScript cells, over the `jupyter.widget` comm target
 * (protocol 2.1, the models of @jupyter-widgets/controls and @jupyter-widgets/output, as
 * ipywidgets 8). Every display also carries a static picture for front ends without a widget manager.
 */
import "./display.js"; // installs the display bundle (the view, the text, the picture)

export { display } from "../jupyter.js";
export { type Comm, type CommMessage, openComm, registerCommTarget } from "../comm.js";
export { CONTROL_TARGET } from "./control.js";
export { HBox, Layout, type LayoutProperties, VBox } from "./boxes.js";
export { Button, type ButtonOptions, type ButtonStyle, ToggleButton } from "./buttons.js";
export { type DescriptionOptions, type DomOptions, DOMWidget, DescriptionWidget } from "./dom-widget.js";
export { Dropdown, type DropdownOption } from "./dropdown.js";
export { Link, jslink } from "./link.js";
export { Output, type OutputRecord } from "./output.js";
export { MODULES, PROTOCOL_VERSION, VIEW_MIME, WIDGET_TARGET } from "./protocol.js";
export { FloatSlider, IntSlider, Play, type PlayOptions, type SliderOptions } from "./sliders.js";
export { HTML, Label, Text } from "./text.js";
export { type Change, type CustomHandler, type Observer, Widget, syncedProperties } from "./widget.js";
