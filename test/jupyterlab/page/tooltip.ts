/** Shift+Tab: the kernel's inspect_reply at detail level 0 in a tooltip, as JupyterLab's notebook shows it. */
import { Tooltip } from "@jupyterlab/tooltip";
import { Widget } from "@lumino/widgets";
import type { Feature } from "./app.js";

/** Adds the tooltip command, bound to Shift+Tab in a code cell's editor. */
export const tooltip: Feature = ({ panel, commands, rendermime }) => {
  let shown: Tooltip | undefined;
  commands.addCommand("tooltip:launch-notebook", {
    execute: async () => {
      const editor = panel.content.activeCell?.editor;
      const kernel = panel.sessionContext.session?.kernel;
      if (!editor || !kernel) return;
      const code = editor.model.sharedModel.getSource();
      const cursor = editor.getOffsetAt(editor.getCursorPosition());
      const reply = await kernel.requestInspect({ code, cursor_pos: cursor, detail_level: 0 });
      if (reply.content.status !== "ok" || !reply.content.found) return;
      shown?.dispose();
      shown = new Tooltip({ anchor: panel.content, bundle: reply.content.data, editor, rendermime });
      Widget.attach(shown, document.body);
    },
  });
  commands.addKeyBinding({
    selector: ".jp-Notebook.jp-mod-editMode .jp-InputArea-editor:not(.jp-mod-has-primary-selection):not(.jp-mod-in-leading-whitespace)",
    keys: ["Shift Tab"],
    command: "tooltip:launch-notebook",
  });
};
