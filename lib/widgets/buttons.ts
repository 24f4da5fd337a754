/** Buttons: Button (a click runs handlers in the kernel) and ToggleButton (a boolean value). */
import { type DescriptionOptions, DescriptionWidget } from "./dom-widget.js";
import { buttonPicture } from "./sketch.js";
import { syncedProperties } from "./widget.js";

/** The colour scheme of a button. */
export type ButtonStyle = "" | "primary" | "success" | "info" | "warning" | "danger";

/** Options of a button. */
export interface ButtonOptions extends DescriptionOptions {
  buttonStyle?: ButtonStyle;
  /** A Font Awesome icon name, as ipywidgets takes it. */
  icon?: string;
}

/** A push button; `onClick` handlers run in the kernel when it is clicked. */
export class Button extends DescriptionWidget {
  declare buttonStyle: ButtonStyle;

  constructor(options: ButtonOptions = {}) {
    super("ButtonModel", "ButtonView", { button_style: options.buttonStyle ?? "", icon: options.icon ?? "" }, options);
  }

  /** Calls `handler` on every click (the front end sends a custom `click` event); returns a function that removes it. */
  onClick(handler: (button: Button) => void | Promise<void>): () => void {
    return this.onCustom((content) => (content.event === "click" ? handler(this) : undefined));
  }

  /** Acts as if the button were clicked (for tests and notebooks run without a front end). */
  click(): Promise<void> {
    return this.receiveCustom({ event: "click" });
  }

  describe(): string {
    return `Button(description=${JSON.stringify(this.description)})`;
  }

  picture(): string {
    return buttonPicture(this.description, this.buttonStyle, false, this.disabled);
  }
}
syncedProperties(Button, ["buttonStyle:button_style"]);

/** A button that stays down: its `value` is true while pressed in. */
export class ToggleButton extends DescriptionWidget {
  declare value: boolean;
  declare buttonStyle: ButtonStyle;

  constructor(options: ButtonOptions & { value?: boolean } = {}) {
    super(
      "ToggleButtonModel",
      "ToggleButtonView",
      { value: options.value ?? false, button_style: options.buttonStyle ?? "", icon: options.icon ?? "" },
      options,
    );
  }

  describe(): string {
    return `ToggleButton(description=${JSON.stringify(this.description)}, value=${this.value})`;
  }

  picture(): string {
    return buttonPicture(this.description, this.buttonStyle, this.value, this.disabled);
  }
}
syncedProperties(ToggleButton, ["value", "buttonStyle:button_style"]);
