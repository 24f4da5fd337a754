/** The parts every feature of the page shares: one notebook panel, its commands and renderers. */
import type { NotebookPanel } from "@jupyterlab/notebook";
import type { RenderMimeRegistry } from "@jupyterlab/rendermime";
import type { CommandRegistry } from "@lumino/commands";

/** What a feature gets to extend the page with. */
export interface PageApp {
  panel: NotebookPanel;
  commands: CommandRegistry;
  rendermime: RenderMimeRegistry;
}

/** A feature of the page (completer, tooltip, …): added once the notebook panel exists. */
export type Feature = (app: PageApp) => void | Promise<void>;
