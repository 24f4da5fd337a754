/**
 * JupyterLab's debugger, wired as @jupyterlab/debugger-extension wires it for a notebook: the
 * debug service and its session over the kernel's debug_request/debug_event, the notebook handler
 * (the bug button in the toolbar, breakpoints in the cells' gutters), and the sidebar with the
 * Variables, Call Stack, Breakpoints and Sources panels, whose toolbar buttons run the debugger
 * commands. The line a paused cell stopped on is highlighted in its editor.
 */
import type { JupyterFrontEnd } from "@jupyterlab/application";
import type { CodeEditor } from "@jupyterlab/codeeditor";
import { Debugger } from "@jupyterlab/debugger";
import { Widget } from "@lumino/widgets";
import type { Feature } from "./app.js";
import { createEditorServices } from "./editors.js";
import "./debugger.css";

const { CommandIDs, Icons } = Debugger;

/** Adds the debugger: a toolbar toggle on the notebook, and the sidebar (shown while the debugger is on) on the right. */
export const debuggerFeature: Feature = ({ panel, commands }) => {
  const editors = createEditorServices();
  const service = new Debugger.Service({ config: new Debugger.Config(), mimeTypeService: editors.mimeTypeService });
  // The page shows one notebook: it is always the shell's current widget (the handler's toggle needs focus).
  const shell = { currentWidget: panel } as unknown as JupyterFrontEnd.IShell;
  const handler = new Debugger.Handler({ type: "notebook", shell, service });

  const stopped = () => service.hasStoppedThreads();
  const add = (id: string, label: string, icon: (typeof Icons)["continueIcon"], run: () => Promise<unknown>, enabled = stopped) =>
    commands.addCommand(id, { label, caption: label, icon, isEnabled: enabled, execute: async () => void (await run()) });
  add(CommandIDs.debugContinue, "Continue", Icons.continueIcon, () => service.continue());
  add(CommandIDs.next, "Next", Icons.stepOverIcon, () => service.next());
  add(CommandIDs.stepIn, "Step In", Icons.stepIntoIcon, () => service.stepIn());
  add(CommandIDs.stepOut, "Step Out", Icons.stepOutIcon, () => service.stepOut());
  add(
    CommandIDs.terminate,
    "Terminate",
    Icons.terminateIcon,
    () => service.restart(),
    () => service.isStarted,
  );
  add(
    CommandIDs.evaluate,
    "Evaluate Code",
    Icons.evaluateIcon,
    async () => undefined,
    () => false,
  );
  add(
    CommandIDs.pauseOnExceptions,
    "Pause on uncaught exceptions",
    Icons.pauseOnExceptionsIcon,
    () => service.pauseOnExceptionsFilter("uncaught"),
    () => service.isStarted,
  );
  service.eventMessage.connect(() => commands.notifyCommandChanged());

  const sidebar = new Debugger.Sidebar({
    service,
    callstackCommands: {
      registry: commands,
      continue: CommandIDs.debugContinue,
      terminate: CommandIDs.terminate,
      next: CommandIDs.next,
      stepIn: CommandIDs.stepIn,
      stepOut: CommandIDs.stepOut,
      evaluate: CommandIDs.evaluate,
    },
    breakpointsCommands: { registry: commands, pauseOnExceptions: CommandIDs.pauseOnExceptions },
    editorServices: { factoryService: editors.factory, mimeTypeService: editors.mimeTypeService },
  });
  sidebar.id = "jp-debugger-sidebar";
  sidebar.node.style.cssText =
    "position:fixed;top:0;right:0;bottom:0;width:340px;z-index:5;background:var(--jp-layout-color1,#fff);border-left:1px solid var(--jp-border-color2,#ccc)";
  sidebar.hide();
  Widget.attach(sidebar, document.body);
  // While the debugger is on, the notebook makes room for the sidebar.
  const main = document.getElementById("main");
  const show = (on: boolean) => {
    if (on === sidebar.isVisible) return;
    if (on) sidebar.show();
    else sidebar.hide();
    if (main !== null) main.style.right = on ? "340px" : "0";
    window.dispatchEvent(new Event("resize"));
  };
  service.eventMessage.connect((_, event) => {
    if (event.event === "initialized" || event.event === "stopped") show(true);
  });
  service.stopped.connect(() => show(false));

  // The current frame's line, highlighted in the cell it is in (the cell whose text hashes to the frame's path).
  let highlighted: CodeEditor.IEditor | undefined;
  service.model.callstack.currentFrameChanged.connect((_, frame) => {
    if (highlighted !== undefined) Debugger.EditorHandler.clearHighlight(highlighted);
    highlighted = undefined;
    if (frame?.source?.path === undefined) return;
    for (const cell of panel.content.widgets) {
      if (cell.model.type !== "code" || cell.editor === null) continue;
      if (service.getCodeId(cell.model.sharedModel.getSource()) !== frame.source.path) continue;
      Debugger.EditorHandler.showCurrentLine(cell.editor, frame.line);
      highlighted = cell.editor;
      break;
    }
  });

  const follow = () => void handler.update(panel, panel.sessionContext.session);
  panel.sessionContext.sessionChanged.connect(follow);
  panel.sessionContext.kernelChanged.connect(follow);
  void panel.sessionContext.ready.then(follow);
  (window as unknown as { lazylabDebugger: unknown }).lazylabDebugger = { service, sidebar, handler };
};
