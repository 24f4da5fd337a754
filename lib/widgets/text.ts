/** Text widgets: Text (an input box), Label (plain text), HTML (markup shown as it is). */
import { type DescriptionOptions, DescriptionWidget } from "./dom-widget.js";
import { fieldPicture, textPicture } from "./sketch.js";
import { syncedProperties } from "./widget.js";

/** A one-line text input. */
export class Text extends DescriptionWidget {
  declare value: string;
  declare placeholder: string;

  constructor(options: DescriptionOptions & { value?: string; placeholder?: string; continuousUpdate?: boolean } = {}) {
    super(
      "TextModel",
      "TextView",
      { value: options.value ?? "", placeholder: options.placeholder ?? "", continuous_update: options.continuousUpdate ?? true },
      options,
    );
  }

  describe(): string {
    return `Text(value=${JSON.stringify(this.value)})`;
  }

  picture(): string {
    return fieldPicture(this.description, this.value);
  }
}
syncedProperties(Text, ["value", "placeholder"]);

/** Plain text (escaped by the front end). */
export class Label extends DescriptionWidget {
  declare value: string;

  constructor(value = "", options: DescriptionOptions = {}) {
    super("LabelModel", "LabelView", { value, placeholder: "" }, options);
  }

  describe(): string {
    return `Label(value=${JSON.stringify(this.value)})`;
  }

  picture(): string {
    return textPicture(this.value);
  }
}
syncedProperties(Label, ["value"]);

/**
 * HTML shown as it is: what the chapter controls use for their tables and drawings. Pictures in it
 * should be images (render/svg-image.ts), so the static fallback survives sanitizing too.
 */
export class HTML extends DescriptionWidget {
  declare value: string;

  constructor(value = "", options: DescriptionOptions = {}) {
    super("HTMLModel", "HTMLView", { value, placeholder: "" }, options);
  }

  describe(): string {
    return `HTML(value=${JSON.stringify(this.value.length > 60 ? `${this.value.slice(0, 57)}...` : this.value)})`;
  }

  picture(): string {
    return this.value;
  }
}
syncedProperties(HTML, ["value"]);
