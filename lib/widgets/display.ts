/**
 * How a widget is displayed: the view for widget managers, plus `text/plain` and the static picture
 * (`text/html`) for every other reader. The first widget a cell shows comes with that cell's
 * output frame (origin.ts): an Output, invisible until a handler of the finished cell prints or fails.
 */
import { commsConnected } from "../comm.js";
import { VBox } from "./boxes.js";
import { currentOrigin } from "./origin.js";
import { Output } from "./output.js";
import { VIEW_MIME, viewBundle } from "./protocol.js";
import { type Widget, setDisplayBundle } from "./widget.js";

/** What a cell's output frame keeps of its handlers' output: the newest, as a log view would. */
const FRAME_KEEPS = { outputs: 50, chars: 20_000 };

/** The model whose view is shown for `widget`: itself, or a frame with the cell's handler Output. */
function shownModel(widget: Widget): Widget {
  const origin = currentOrigin();
  if (!commsConnected() || origin.finished || origin.outputSink !== undefined) return widget;
  const handlerOutput = new Output();
  origin.outputSink = (output) => handlerOutput.append(output, FRAME_KEEPS);
  return new VBox([widget, handlerOutput]);
}

setDisplayBundle((widget) => ({
  [VIEW_MIME]: viewBundle(shownModel(widget).modelId),
  "text/plain": widget.describe(),
  "text/html": widget.picture(),
}));

export { VIEW_MIME };
