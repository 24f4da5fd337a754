/** jslink: two widget properties kept equal by the front end itself, no kernel round trip (a Play driving a slider). */
import { modelKeys } from "./protocol.js";
import { Widget } from "./widget.js";

/** A link between `source[0].source[1]` and `target[0].target[1]` (ipywidgets' Link). */
export class Link extends Widget {
  constructor(source: readonly [Widget, string], target: readonly [Widget, string]) {
    super({ ...modelKeys("controls", "LinkModel", null), source: [source[0], snake(source[1])], target: [target[0], snake(target[1])] });
  }

  /** Removes the link. */
  unlink(): void {
    this.close();
  }

  describe(): string {
    return "Link";
  }

  picture(): string {
    return "";
  }
}

/** The protocol's name of a property (buttonStyle → button_style). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** Links two properties in the front end: moving one moves the other (`jslink([play, "value"], [slider, "value"])`). */
export function jslink(source: readonly [Widget, string], target: readonly [Widget, string]): Link {
  return new Link(source, target);
}
