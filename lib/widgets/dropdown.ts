/** Dropdown: one of a list of options. The front end knows labels and an index; the kernel also keeps the values. */
import { type DescriptionOptions, DescriptionWidget } from "./dom-widget.js";
import { fieldPicture } from "./sketch.js";

/** An option: a label alone, or a label and the value it stands for. */
export type DropdownOption<V> = string | readonly [label: string, value: V];

/** A drop-down list; `value` is the chosen option's value (its label when options are plain strings). */
export class Dropdown<V = string> extends DescriptionWidget {
  readonly options: readonly (readonly [string, V])[];

  constructor(options: DescriptionOptions & { options: readonly DropdownOption<V>[]; value?: V }) {
    const pairs = options.options.map((o) => (typeof o === "string" ? ([o, o as unknown as V] as const) : o));
    const index = options.value === undefined ? (pairs.length > 0 ? 0 : null) : pairs.findIndex(([, v]) => Object.is(v, options.value));
    super("DropdownModel", "DropdownView", { _options_labels: pairs.map(([label]) => label), index: index === -1 ? null : index }, options);
    this.options = pairs;
  }

  /** The chosen position (null: none). */
  get index(): number | null {
    return this.get("index") as number | null;
  }
  set index(index: number | null) {
    this.set({ index });
  }

  /** The chosen option's value. */
  get value(): V | undefined {
    const index = this.index;
    return index === null ? undefined : this.options[index]?.[1];
  }
  set value(value: V | undefined) {
    const index = this.options.findIndex(([, v]) => Object.is(v, value));
    this.index = index === -1 ? null : index;
  }

  /** The chosen option's label. */
  get label(): string | undefined {
    const index = this.index;
    return index === null ? undefined : this.options[index]?.[0];
  }

  /** Calls `handler` with the new value whenever the choice changes (observing `index`). */
  onChange(handler: (value: V | undefined) => void | Promise<void>): () => void {
    return this.observe("index", () => handler(this.value));
  }

  describe(): string {
    return `Dropdown(value=${JSON.stringify(this.label ?? null)}, options=${JSON.stringify(this.options.map(([l]) => l))})`;
  }

  picture(): string {
    return fieldPicture(this.description, this.label ?? "", true);
  }
}
