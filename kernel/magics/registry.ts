/** The magic registry: `%name` line magics and `%%name` cell magics, their help and `%lsmagic`. */
import type { Exchange, TrafficQuery } from "../protocol/recorder.js";

/** What a magic may do besides returning a value. */
export interface MagicContext {
  /** Compiles and runs TypeScript in the notebook's global scope; resolves to its value. */
  runCode(code: string, label: string): Promise<unknown>;
  /** Shows a MIME bundle under the cell. */
  display(data: Record<string, unknown>): void;
  /** Writes text to the cell's stdout. */
  print(text: string): void;
  /** The magics registered in this kernel (for %lsmagic and help). */
  registry: MagicRegistry;
  /** The kernel's recorded wire traffic for earlier cells (the asking cell's own is left out). */
  traffic(query: Omit<TrafficQuery, "before">): Promise<Exchange[]>;
}

/** A magic: line form, cell form, or both. */
export interface Magic {
  name: string;
  /** One paragraph of help: usage first, then what it does. */
  help: string;
  line?(args: string, context: MagicContext): Promise<unknown>;
  /** What the type checker should see in place of a `%name args` line (default: the call itself). */
  checkedAs?(args: string): string;
  cell?(args: string, body: string, context: MagicContext): Promise<unknown>;
}

/** Raised for an unknown magic or a magic used in a form it lacks. */
export class MagicError extends Error {
  override name = "MagicError";
}

/** All magics of a kernel session, by name. */
export class MagicRegistry {
  private readonly magics = new Map<string, Magic>();

  /** Adds (or replaces) magics. */
  register(...magics: Magic[]): this {
    for (const magic of magics) this.magics.set(magic.name, magic);
    return this;
  }

  /** The magic `name`, checked to have the form asked for. */
  get(name: string, form: "line" | "cell"): Magic {
    const magic = this.magics.get(name);
    if (magic === undefined) throw new MagicError(`${form === "cell" ? "%%" : "%"}${name}: no such magic (try %lsmagic)`);
    if (magic[form] === undefined) {
      throw new MagicError(`%${name} is a ${form === "cell" ? "line" : "cell"} magic; write it as ${form === "cell" ? "%" : "%%"}${name}`);
    }
    return magic;
  }

  /** The TypeScript the checker sees for a `%name args` line. */
  checkedAs(name: string, args: string, call: string): string {
    return this.magics.get(name)?.checkedAs?.(args) ?? call;
  }

  /** Names of the line magics and of the cell magics. */
  names(): { line: string[]; cell: string[] } {
    const all = [...this.magics.values()].sort((a, b) => a.name.localeCompare(b.name));
    return { line: all.filter((m) => m.line).map((m) => m.name), cell: all.filter((m) => m.cell).map((m) => m.name) };
  }

  /** The help text of magic `name`. */
  help(name: string): string {
    const magic = this.magics.get(name);
    if (magic === undefined) throw new MagicError(`%${name}: no such magic (try %lsmagic)`);
    return magic.help;
  }
}

/** `%lsmagic`: lists every magic. */
export const lsmagic: Magic = {
  name: "lsmagic",
  help: "%lsmagic\n\nLists the line magics (%name) and cell magics (%%name) of this kernel. Add ? to a magic's name for its help.",
  async line(_args, { registry, print }) {
    const { line, cell } = registry.names();
    print(
      `Available line magics:\n${line.map((n) => `%${n}`).join("  ")}\n\nAvailable cell magics:\n${cell.map((n) => `%%${n}`).join("  ")}\n\nAdd ? for help, e.g. %time?\n`,
    );
    return undefined;
  },
};
