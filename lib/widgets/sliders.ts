/** Numbers chosen by dragging: IntSlider, FloatSlider, and Play (a timer that steps a value). */
import { type DescriptionOptions, DescriptionWidget } from "./dom-widget.js";
import { playPicture, sliderPicture } from "./sketch.js";
import { syncedProperties } from "./widget.js";

/** Options of a slider. */
export interface SliderOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  /** Send every position while dragging (true) or only where the mouse is released. */
  continuousUpdate?: boolean;
  orientation?: "horizontal" | "vertical";
}

function fraction(value: number, min: number, max: number): number {
  return max === min ? 0 : (value - min) / (max - min);
}

/** What IntSlider and FloatSlider share: their synced numbers, description and picture. */
abstract class Slider extends DescriptionWidget {
  declare value: number;
  declare min: number;
  declare max: number;
  declare step: number;

  constructor(modelName: string, options: SliderOptions, defaults: { max: number; step: number; readoutFormat: string }) {
    super(
      `${modelName}Model`,
      `${modelName}View`,
      {
        value: options.value ?? 0,
        min: options.min ?? 0,
        max: options.max ?? defaults.max,
        step: options.step ?? defaults.step,
        orientation: options.orientation ?? "horizontal",
        readout: true,
        readout_format: defaults.readoutFormat,
        continuous_update: options.continuousUpdate ?? true,
        behavior: "drag-tap",
      },
      options,
    );
  }

  /** The number as the slider's readout shows it. */
  protected abstract readout(): string;

  describe(): string {
    return `${this.constructor.name}(value=${this.value}, min=${this.min}, max=${this.max}${this.description ? `, description=${JSON.stringify(this.description)}` : ""})`;
  }

  picture(): string {
    return sliderPicture(this.description, fraction(this.value, this.min, this.max), this.readout());
  }
}
syncedProperties(Slider, ["value", "min", "max", "step"]);

/** A slider over integers (ipywidgets' IntSlider). */
export class IntSlider extends Slider {
  constructor(options: SliderOptions = {}) {
    super("IntSlider", options, { max: 100, step: 1, readoutFormat: "d" });
  }

  protected readout(): string {
    return String(this.value);
  }
}

/** A slider over floating-point numbers (ipywidgets' FloatSlider). */
export class FloatSlider extends Slider {
  constructor(options: SliderOptions & { readoutFormat?: string } = {}) {
    super("FloatSlider", options, { max: 10, step: 0.1, readoutFormat: options.readoutFormat ?? ".2f" });
  }

  protected readout(): string {
    return this.value.toFixed(2);
  }
}

/** Options of Play. */
export interface PlayOptions extends DescriptionOptions {
  value?: number;
  min?: number;
  max?: number;
  step?: number;
  /** Milliseconds between steps. */
  interval?: number;
  repeat?: boolean;
}

/**
 * Play: the front end steps `value` from min to max every `interval` ms while playing (the timer
 * runs in the page, so the kernel only sees the steps). Link it to a slider with jslink.
 */
export class Play extends DescriptionWidget {
  declare value: number;
  declare min: number;
  declare max: number;
  declare step: number;
  declare interval: number;
  declare playing: boolean;
  declare repeat: boolean;

  constructor(options: PlayOptions = {}) {
    super(
      "PlayModel",
      "PlayView",
      {
        value: options.value ?? 0,
        min: options.min ?? 0,
        max: options.max ?? 100,
        step: options.step ?? 1,
        interval: options.interval ?? 100,
        playing: false,
        repeat: options.repeat ?? false,
        show_repeat: true,
      },
      options,
    );
  }

  describe(): string {
    return `Play(value=${this.value}, min=${this.min}, max=${this.max}, playing=${this.playing})`;
  }

  picture(): string {
    return playPicture(this.playing, this.value, this.max);
  }
}
syncedProperties(Play, ["value", "min", "max", "step", "interval", "playing", "repeat"]);
