/**
 * The one list of what the page adds to the notebook panel. A new feature (e.g. widgets, a debugger)
 * is a module exporting a Feature, listed here.
 */
import type { Feature } from "./app.js";
import { completer } from "./completer.js";
import { debuggerFeature } from "./debugger.js";
import { inspector } from "./inspector.js";
import { tooltip } from "./tooltip.js";
import { widgets } from "./widgets.js";

/** Every feature the page loads, in order. */
export const FEATURES: Feature[] = [completer, tooltip, inspector, widgets, debuggerFeature];
