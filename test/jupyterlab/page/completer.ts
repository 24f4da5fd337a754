/** Tab completion from the kernel (complete_request), as JupyterLab's notebook offers it. */
import { Completer, CompleterModel, CompletionHandler, KernelCompleterProvider, ProviderReconciliator } from "@jupyterlab/completer";
import { Widget } from "@lumino/widgets";
import type { Feature } from "./app.js";

/** Adds the completer popup, invoked by Tab in a code cell's editor. */
export const completer: Feature = ({ panel, commands }) => {
  const model = new CompleterModel();
  const widget = new Completer({ editor: null, model });
  const reconciliator = () =>
    new ProviderReconciliator({
      context: { widget: panel, editor: panel.content.activeCell?.editor ?? null, session: panel.sessionContext.session },
      providers: [new KernelCompleterProvider()],
      timeout: 5000,
    });
  const handler = new CompletionHandler({ completer: widget, reconciliator: reconciliator() });
  const follow = () => {
    handler.editor = panel.content.activeCell?.editor ?? null;
    handler.reconciliator = reconciliator();
  };
  panel.content.activeCellChanged.connect(follow);
  panel.sessionContext.sessionChanged.connect(follow);
  panel.sessionContext.ready.then(follow);
  widget.hide();
  widget.id = "lazylab-completer";
  Widget.attach(widget, document.body); // a free-floating popup, as in JupyterLab
  commands.addCommand("completer:invoke", { execute: () => handler.invoke() });
  commands.addCommand("completer:select", { execute: () => widget.selectActive() });
  commands.addKeyBinding({
    selector: ".jp-Notebook.jp-mod-editMode .jp-mod-completer-enabled",
    keys: ["Tab"],
    command: "completer:invoke",
  });
  commands.addKeyBinding({ selector: ".jp-mod-completer-active", keys: ["Enter"], command: "completer:select" });
};
