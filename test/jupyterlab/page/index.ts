/**
 * A JupyterLab 4 notebook page for lazylab's browser test, assembled from the @jupyterlab/* packages
 * the way JupyterLab's own examples/notebook app is: one NotebookPanel opened through a
 * DocumentManager, CodeMirror 6 editors, the default renderers (MathJax, marked for Markdown), a
 * toolbar with JupyterLab's kernel buttons, and the features listed in features.ts. The page opens
 * the notebook named by `?path=` or the page config's `notebookPath` and exposes `window.lazylabPage` for tests.
 */
import "./styles.js";
import { SessionContextDialogs, Toolbar as KernelToolbar } from "@jupyterlab/apputils";
import { PageConfig } from "@jupyterlab/coreutils";
import { DocumentManager, type IDocumentWidgetOpener } from "@jupyterlab/docmanager";
import { DocumentRegistry, type IDocumentWidget } from "@jupyterlab/docregistry";
import { createMarkdownParser } from "@jupyterlab/markedparser-extension";
import { MathJaxTypesetter } from "@jupyterlab/mathjax-extension";
import { NotebookActions, NotebookModelFactory, NotebookPanel, NotebookWidgetFactory, StaticNotebook } from "@jupyterlab/notebook";
import { RenderMimeRegistry, standardRendererFactories } from "@jupyterlab/rendermime";
import { ServiceManager } from "@jupyterlab/services";
import { Toolbar } from "@jupyterlab/ui-components";
import { CommandRegistry } from "@lumino/commands";
import { Signal } from "@lumino/signaling";
import { BoxPanel, Widget } from "@lumino/widgets";
import { createEditorServices } from "./editors.js";
import { FEATURES } from "./features.js";

/** The page shows its one notebook itself: opening a widget needs nothing more. */
class PageOpener implements IDocumentWidgetOpener {
  readonly opened: Signal<IDocumentWidgetOpener, IDocumentWidget> = new Signal(this);
  open(): void {}
}

async function main(): Promise<void> {
  const manager = new ServiceManager();
  await manager.ready;
  const commands = new CommandRegistry();
  document.addEventListener("keydown", (event) => commands.processKeydownEvent(event), true);

  const editors = createEditorServices();
  const rendermime = new RenderMimeRegistry({
    initialFactories: standardRendererFactories,
    latexTypesetter: new MathJaxTypesetter(),
    markdownParser: createMarkdownParser(editors.languages),
  });
  const registry = new DocumentRegistry();
  const docManager = new DocumentManager({ registry, manager, opener: new PageOpener() });
  const sessionDialogs = new SessionContextDialogs();
  registry.addModelFactory(new NotebookModelFactory({}));
  registry.addWidgetFactory(
    new NotebookWidgetFactory({
      name: "Notebook",
      modelName: "notebook",
      fileTypes: ["notebook"],
      defaultFor: ["notebook"],
      preferKernel: true,
      canStartKernel: true,
      rendermime,
      contentFactory: new NotebookPanel.ContentFactory({ editorFactory: editors.factory.newInlineEditor }),
      mimeTypeService: editors.mimeTypeService,
      // Every cell stays in the page (no virtual scrolling), so a test can read any of them.
      notebookConfig: { ...StaticNotebook.defaultNotebookConfig, windowingMode: "none" },
      toolbarFactory: (panel: NotebookPanel) => [
        { name: "interrupt", widget: KernelToolbar.createInterruptButton(panel.sessionContext) },
        { name: "restart", widget: KernelToolbar.createRestartButton(panel.sessionContext, sessionDialogs) },
        { name: "spacer", widget: Toolbar.createSpacerItem() },
        { name: "kernelName", widget: KernelToolbar.createKernelNameItem(panel.sessionContext, sessionDialogs) },
        { name: "kernelStatus", widget: KernelToolbar.createKernelStatusItem(panel.sessionContext) },
      ],
    }),
  );

  // ?path=x.ipynb opens another notebook of the server's folder than the configured one.
  const path = new URLSearchParams(window.location.search).get("path") ?? PageConfig.getOption("notebookPath");
  const panel = docManager.open(path) as NotebookPanel;
  const main = new BoxPanel();
  main.id = "main";
  BoxPanel.setStretch(panel, 1);
  main.addWidget(panel);
  Widget.attach(main, document.body);
  window.addEventListener("resize", () => main.update());

  const notebook = panel.content;
  const sessionContext = panel.sessionContext;
  const run = (fn: () => unknown) => ({ execute: async () => void (await fn()) });
  commands.addCommand(
    "notebook:run-cell-and-select-next",
    run(() => NotebookActions.runAndAdvance(notebook, sessionContext, sessionDialogs)),
  );
  commands.addCommand(
    "notebook:run-all-cells",
    run(() => NotebookActions.runAll(notebook, sessionContext, sessionDialogs)),
  );
  commands.addCommand(
    "notebook:interrupt-kernel",
    run(() => sessionContext.session?.kernel?.interrupt()),
  );
  commands.addCommand(
    "notebook:restart-kernel",
    run(() => sessionDialogs.restart(sessionContext)),
  );
  commands.addCommand(
    "notebook:save",
    run(() => panel.context.save()),
  );
  commands.addCommand(
    "notebook:enter-edit-mode",
    run(() => (notebook.mode = "edit")),
  );
  commands.addCommand(
    "notebook:enter-command-mode",
    run(() => (notebook.mode = "command")),
  );
  commands.addKeyBinding({ selector: ".jp-Notebook", keys: ["Shift Enter"], command: "notebook:run-cell-and-select-next" });
  commands.addKeyBinding({ selector: ".jp-Notebook", keys: ["Accel S"], command: "notebook:save" });
  commands.addKeyBinding({ selector: ".jp-Notebook.jp-mod-commandMode:focus", keys: ["Enter"], command: "notebook:enter-edit-mode" });
  commands.addKeyBinding({ selector: ".jp-Notebook.jp-mod-editMode", keys: ["Escape"], command: "notebook:enter-command-mode" });

  const app = { panel, commands, rendermime };
  for (const feature of FEATURES) await feature(app);
  (window as unknown as { lazylabPage: unknown }).lazylabPage = { ...app, languages: editors.languages, NotebookActions, sessionDialogs };
}

window.addEventListener("load", () => {
  main().catch((error) => {
    document.body.dataset.pageError = String(error?.stack ?? error);
    console.error(error);
  });
});
