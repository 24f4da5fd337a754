/**
 * The kernel's debug adapter: the Jupyter debug protocol's DAP requests, answered with V8's
 * inspector on the main thread (where cells run), from the protocol thread (where the sockets
 * are). While a cell is paused, this thread still answers heartbeats, control requests and the
 * debugger's own requests. Commands, events and their order follow ipykernel's debugger, which
 * is what JupyterLab's debugger expects.
 */
import type { DebugEvent, DebugRequest, DebugResponse, Debugger } from "../contract/debugger.js";
import type { Header } from "../contract/header.js";
import { log } from "../log.js";
import { CAPABILITIES, EXCEPTION_FILTERS, HASH_SEED, MAIN_THREAD, TMP_FILE_PREFIX, TMP_FILE_SUFFIX, cellPath } from "./adapter-facts.js";
import { Breakpoints, type LineBreakpoint } from "./breakpoints.js";
import { type AsyncStack, catchesAlongStack } from "./caught.js";
import { EvaluationError, evaluate, globals, notebookNames, richBundle, takeOutput } from "./inspection.js";
import { type EventParams, InspectorLink } from "./inspector-link.js";
import { type CallFrame, DapError, describeFrames, isBlackboxed, BLACKBOX, scopesOf } from "./frames.js";
import { Sources } from "./sources.js";
import { Handles, type PropertyDescriptor, type RemoteObject, type Variable, describe, toVariable, typeOf } from "./variables.js";

/** How the session reaches the front end. */
export interface SessionPorts {
  /** Publishes a debug_event on iopub. */
  event(event: DebugEvent, parent: Header | undefined): void;
  /** Publishes other iopub output (stream text a paused cell wrote). */
  output(msgType: "stream", content: Record<string, unknown>, parent: Header): void;
}

type ExceptionMode = "none" | "uncaught" | "all";

/** How many async callers V8 records (only while a debugger is attached). */
const ASYNC_DEPTH = 8;

/** The debug adapter of one kernel. */
export class DebugSession implements Debugger {
  private readonly link = new InspectorLink();
  private readonly sources = new Sources(cellPath);
  private readonly breakpoints = new Breakpoints(this.link, this.sources);
  private readonly handles = new Handles();
  private seq = 1;
  private attached = false;
  private parent: Header | undefined;
  private frames: CallFrame[] | undefined;
  private visible: CallFrame[] = [];
  private exceptionMode: ExceptionMode = "none";
  private exceptionFilters: string[] = [];
  private released = false;
  private lastCommand: "step" | "pause" | undefined;
  private pauseOnResumed = false;

  constructor(private readonly ports: SessionPorts) {
    this.link.on("Debugger.scriptParsed", (p) =>
      this.sources.add({ scriptId: String(p.scriptId), url: String(p.url ?? ""), sourceMapURL: String(p.sourceMapURL ?? "") }),
    );
    this.link.on("Debugger.paused", (p) => void this.onPaused(p).catch((e: Error) => log(`debugger: ${e.stack ?? e.message}`)));
    this.link.on("Debugger.resumed", () => this.onResumed());
  }

  get paused(): boolean {
    return this.frames !== undefined;
  }

  async request(request: DebugRequest, parent: Header): Promise<DebugResponse> {
    this.parent = parent;
    const args = request.arguments ?? {};
    const respond = (success: boolean, body: Record<string, unknown>, message?: string): DebugResponse => ({
      seq: this.seq++,
      type: "response",
      request_seq: request.seq,
      success,
      command: request.command,
      ...(message === undefined ? {} : { message }),
      body,
    });
    try {
      return respond(true, await this.answer(request.command, args));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof DapError || error instanceof EvaluationError)) log(`debugger: ${request.command} failed: ${message}`);
      return respond(false, {}, message);
    }
  }

  private async answer(command: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
    switch (command) {
      case "initialize":
        return CAPABILITIES;
      case "attach":
        await this.attach();
        return {};
      case "disconnect":
        await this.detach();
        return {};
      case "debugInfo":
        return this.debugInfo();
      case "dumpCell": {
        const code = String(args.code ?? "");
        const path = cellPath(code);
        this.sources.remember(path, code);
        return { sourcePath: path };
      }
      case "configurationDone":
        return {};
      case "threads":
        return { threads: [MAIN_THREAD] };
      case "setBreakpoints":
        return this.setBreakpoints(args);
      case "setExceptionBreakpoints":
        return this.setExceptionBreakpoints(args);
      case "stackTrace":
        return this.stackTrace();
      case "scopes":
        return this.scopes(Number(args.frameId));
      case "variables":
        return { variables: await this.variables(Number(args.variablesReference)) };
      case "evaluate":
        return this.evaluate(String(args.expression ?? ""), args.frameId);
      case "source": {
        const path = String((args.source as { path?: string } | undefined)?.path ?? "");
        const content = this.sources.text(path);
        if (content === undefined) throw new DapError(`no source for ${path}`);
        return { content, mimeType: "text/typescript" };
      }
      case "continue":
        await this.resumeWith("Debugger.resume");
        return { allThreadsContinued: true };
      case "next":
        await this.resumeWith("Debugger.stepOver");
        return {};
      case "stepIn":
        await this.resumeWith("Debugger.stepInto");
        return {};
      case "stepOut":
        await this.resumeWith("Debugger.stepOut");
        return {};
      case "pause":
        this.needAttached();
        this.lastCommand = "pause";
        await this.link.post("Debugger.pause");
        return {};
      case "inspectVariables":
        this.needAttached();
        return { variables: await this.inspectVariables() };
      case "richInspectVariables":
        this.needAttached();
        return richBundle(this.link, String(args.variableName ?? ""), this.place(args.frameId));
      case "copyToGlobals":
        return this.copyToGlobals(args);
      case "modules":
        return { modules: [], totalModules: 0 };
      default:
        throw new DapError(`the lazylab debugger does not support the ${JSON.stringify(command)} request`);
    }
  }

  private async attach(): Promise<void> {
    if (this.attached) return;
    this.link.connect();
    this.attached = true;
    this.released = false;
    await this.link.post("Debugger.enable");
    await this.link.post("Debugger.setBlackboxPatterns", { patterns: BLACKBOX });
    // The callers an async function returns to after an await (to tell whether a try/catch there catches).
    await this.link.post("Debugger.setAsyncCallStackDepth", { maxDepth: ASYNC_DEPTH });
    // Each script with a source map (a cell) waits before its first statement until its
    // breakpoints are placed: they are known by TypeScript line, its JavaScript only now.
    await this.link.post("Debugger.setInstrumentationBreakpoint", { instrumentation: "beforeScriptWithSourceMapExecution" });
    await this.applyExceptionMode();
    this.emit("initialized", {});
    this.emit("thread", { reason: "started", threadId: MAIN_THREAD.id });
    this.emit("output", { category: "console", output: "lazylab: debugger attached to the kernel's main thread\n" });
  }

  async detach(): Promise<void> {
    if (!this.attached) return;
    this.attached = false;
    try {
      await this.breakpoints.clear();
      await this.link.post("Debugger.setPauseOnExceptions", { state: "none" });
      await this.link
        .post("Debugger.removeInstrumentationBreakpoint", { instrumentation: "beforeScriptWithSourceMapExecution" })
        .catch(() => undefined);
      if (this.frames !== undefined) await this.link.post("Debugger.resume");
      await this.link.post("Debugger.disable");
    } finally {
      this.link.disconnect();
      this.sources.clear();
      this.handles.clear();
      this.exceptionMode = "none";
      this.exceptionFilters = [];
      if (this.frames !== undefined) this.emit("continued", { threadId: MAIN_THREAD.id, allThreadsContinued: true });
      this.frames = undefined;
      this.emit("terminated", {});
    }
  }

  async release(): Promise<void> {
    if (!this.attached) return;
    this.released = true;
    await this.link.post("Debugger.setSkipAllPauses", { skip: true });
    if (this.frames !== undefined) await this.link.post("Debugger.resume");
  }

  async restore(): Promise<void> {
    if (!this.attached || !this.released) return;
    this.released = false;
    await this.link.post("Debugger.setSkipAllPauses", { skip: false });
  }

  private debugInfo(): Record<string, unknown> {
    return {
      isStarted: this.attached,
      hashMethod: "Murmur2",
      hashSeed: HASH_SEED,
      tmpFilePrefix: TMP_FILE_PREFIX,
      tmpFileSuffix: TMP_FILE_SUFFIX,
      breakpoints: this.breakpoints.list(),
      stoppedThreads: this.frames !== undefined ? [MAIN_THREAD.id] : [],
      richRendering: true,
      exceptionPaths: ["JavaScript Exceptions"],
      copyToGlobals: true,
    };
  }

  private async setBreakpoints(args: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.needAttached();
    const source = (args.source ?? {}) as { path?: string };
    const path = String(source.path ?? "");
    if (path === "") throw new DapError("setBreakpoints needs source.path");
    const asked = Array.isArray(args.breakpoints) ? (args.breakpoints as { line?: unknown; condition?: unknown }[]) : [];
    const lines: LineBreakpoint[] = asked
      .filter((b) => typeof b.line === "number")
      .map((b) => ({
        line: b.line as number,
        ...(typeof b.condition === "string" && b.condition !== "" ? { condition: b.condition } : {}),
      }));
    await this.breakpoints.set(path, lines);
    return { breakpoints: lines.map((b) => ({ verified: true, line: b.line, source: { path } })) };
  }

  private async setExceptionBreakpoints(args: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.needAttached();
    const filters = Array.isArray(args.filters) ? args.filters.map(String) : [];
    const known = EXCEPTION_FILTERS.map((f) => f.filter);
    this.exceptionFilters = filters.filter((f) => known.includes(f));
    this.exceptionMode = this.exceptionFilters.includes("all") ? "all" : this.exceptionFilters.includes("uncaught") ? "uncaught" : "none";
    await this.applyExceptionMode();
    return { breakpoints: this.exceptionFilters.map(() => ({ verified: true })) };
  }

  // "uncaught" pauses on every exception too: whether the notebook catches it is decided on pause.
  private async applyExceptionMode(): Promise<void> {
    await this.link.post("Debugger.setPauseOnExceptions", { state: this.exceptionMode === "none" ? "none" : "all" });
  }

  private stackTrace(): Record<string, unknown> {
    if (this.frames === undefined) throw new DapError("the cell is not paused");
    const stackFrames = describeFrames(this.visible, this.sources);
    return { stackFrames, totalFrames: stackFrames.length };
  }

  private frame(frameId: number): CallFrame {
    const frame = this.visible[frameId - 1];
    if (this.frames === undefined || frame === undefined) throw new DapError(`no frame ${frameId}`);
    return frame;
  }

  private scopes(frameId: number): Record<string, unknown> {
    return { scopes: scopesOf(this.frame(frameId), frameId, this.sources, this.handles) };
  }

  private async variables(reference: number): Promise<Variable[]> {
    this.needAttached();
    const target = this.handles.get(reference);
    if (target === undefined) throw new DapError(`no variables for reference ${reference}`);
    if (target.kind === "globals") return globals(this.link, this.handles, false);
    const { result } = await this.link.post<{ result: PropertyDescriptor[] }>("Runtime.getProperties", {
      objectId: target.objectId,
      ownProperties: true,
      generatePreview: false,
    });
    return result
      .filter((p) => p.name !== "__proto__" && !p.name.startsWith("__lazylab"))
      .slice(0, 500)
      .map((p) => toVariable(p, this.handles));
  }

  private place(frameId: unknown): { callFrameId: string } | undefined {
    if (this.frames === undefined || frameId === undefined || frameId === null) return undefined;
    return { callFrameId: this.frame(Number(frameId)).callFrameId };
  }

  private async evaluate(expression: string, frameId: unknown): Promise<Record<string, unknown>> {
    this.needAttached();
    const result = await evaluate(this.link, expression, this.place(frameId));
    const expandable =
      result.objectId !== undefined && (result.type === "object" || result.type === "function") && result.subtype !== "null";
    return {
      result: describe(result),
      type: typeOf(result),
      variablesReference: expandable ? this.handles.add({ kind: "object", objectId: result.objectId! }) : 0,
    };
  }

  private async inspectVariables(): Promise<Variable[]> {
    // Expandable values where V8 hands out objects; plain text from the hook otherwise.
    const variables = await globals(this.link, this.handles, true).catch(() => undefined);
    if (variables !== undefined) return variables;
    const names = await notebookNames(this.link);
    return names.map(({ name, value, type }) => ({ name, value, type, evaluateName: name, variablesReference: 0 }));
  }

  private async copyToGlobals(args: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.needAttached();
    const source = String(args.srcVariableName ?? "");
    const target = String(args.dstVariableName ?? source);
    if (!/^[A-Za-z_$][\w$]*$/.test(source) || !/^[A-Za-z_$][\w$]*$/.test(target)) throw new DapError("copyToGlobals needs variable names");
    await evaluate(this.link, `globalThis[${JSON.stringify(target)}] = ${source}`, this.place(args.srcFrameId));
    return {};
  }

  private async resumeWith(method: "Debugger.resume" | "Debugger.stepOver" | "Debugger.stepInto" | "Debugger.stepOut"): Promise<void> {
    this.needAttached();
    if (this.frames === undefined) throw new DapError("the cell is not paused");
    this.lastCommand = method === "Debugger.resume" ? undefined : "step";
    await this.link.post(method);
  }

  private needAttached(): void {
    if (!this.attached) throw new DapError("the debugger is not attached (send attach first)");
  }

  private async onPaused(params: EventParams): Promise<void> {
    const frames = params.callFrames as CallFrame[];
    const reason = String(params.reason);
    if (reason === "instrumentation") {
      try {
        const data = (params.data ?? {}) as { scriptId?: string };
        const script = data.scriptId === undefined ? undefined : this.sources.get(String(data.scriptId));
        const placed = script === undefined ? undefined : await this.breakpoints.applyTo(script);
        for (const { line } of placed?.lines ?? [])
          this.emit("breakpoint", { reason: "changed", breakpoint: { verified: true, line, source: { path: placed!.path } } });
      } finally {
        await this.goOn();
      }
      return;
    }
    const exception = reason === "exception" || reason === "promiseRejection";
    if (this.released) {
      await this.link.post("Debugger.resume").catch(() => undefined);
      return;
    }
    if (exception && this.exceptionMode === "uncaught" && (await this.caught(frames, params.asyncStackTrace as AsyncStack | undefined))) {
      await this.goOn();
      return;
    }
    const visible = frames.filter((f) => this.isOurs(f) && !this.inCellWrapper(f));
    if (visible.length === 0 && !exception) {
      // Paused outside the notebook's code (the kernel between cells, a cell's wrapper): a step
      // that left the cell lets it end; a pause request goes on to the notebook's next statement.
      if (this.lastCommand === "step") this.lastCommand = undefined;
      await this.goOn(this.sources.get(frames[0]?.location.scriptId ?? "")?.cell !== undefined);
      return;
    }
    this.frames = frames;
    this.visible = visible.length > 0 ? visible : frames.slice(0, 1);
    await this.publishPendingOutput();
    const hit = Array.isArray(params.hitBreakpoints) && params.hitBreakpoints.length > 0;
    const why = exception
      ? "exception"
      : hit
        ? "breakpoint"
        : this.lastCommand === "pause"
          ? "pause"
          : this.lastCommand === "step"
            ? "step"
            : "breakpoint";
    this.lastCommand = undefined;
    const body: Record<string, unknown> = { reason: why, threadId: MAIN_THREAD.id, allThreadsStopped: true, preserveFocusHint: false };
    if (exception) {
      const thrown = params.data as RemoteObject | undefined;
      body.description = "Paused on exception";
      body.text = describe(thrown);
    }
    this.emit("stopped", body);
  }

  /**
   * Leaves a pause the user does not see (before a cell's first statement, a caught exception,
   * outside the notebook's code): resumes, and asks again for a pause that is still wanted (V8
   * drops a Debugger.pause that arrives during a pause).
   */
  private async goOn(inCell = false): Promise<void> {
    if (this.lastCommand !== "pause") {
      await this.link.post("Debugger.resume").catch(() => undefined);
    } else if (inCell) {
      // At a cell's wrapper: the next statement into it is the cell's first.
      await this.link.post("Debugger.stepInto").catch(() => undefined);
    } else {
      // Elsewhere (before a script's first statement, in the compiler or the kernel) stepping
      // would not stop in the cell: resume, and pause again once V8 has really resumed (a
      // Debugger.pause sent during a pause is dropped).
      this.pauseOnResumed = true;
      await this.link.post("Debugger.resume").catch(() => undefined);
    }
  }

  private onResumed(): void {
    if (this.pauseOnResumed) {
      this.pauseOnResumed = false;
      void this.link.post("Debugger.pause").catch(() => undefined);
    }
    if (this.frames === undefined) return;
    this.frames = undefined;
    this.visible = [];
    this.handles.clear();
    void this.link.post("Runtime.releaseObjectGroup", { objectGroup: "lazylab-debugger" }).catch(() => undefined);
    this.emit("continued", { threadId: MAIN_THREAD.id, allThreadsContinued: true });
  }

  // What the cell printed before the pause goes out before the `stopped` event.
  private async publishPendingOutput(): Promise<void> {
    try {
      const pending = await takeOutput(this.link);
      if (pending !== null && pending.text !== "")
        this.ports.output("stream", { name: pending.name, text: pending.text }, pending.parent as unknown as Header);
    } catch (error) {
      log(`debugger: could not flush the cell's output: ${(error as Error).message}`);
    }
  }

  // Whether the notebook's code catches the exception a pause is for (caught.ts).
  private caught(frames: CallFrame[], async: AsyncStack | undefined): Promise<boolean> {
    return catchesAlongStack(frames, async, ASYNC_DEPTH, async (scriptId) => {
      if (!this.isOurs({ location: { scriptId } })) return undefined;
      const out = await this.link.post<{ scriptSource: string }>("Debugger.getScriptSource", { scriptId }).catch(() => undefined);
      return out?.scriptSource;
    });
  }

  // A frame of a cell or of the library (Frame.url is empty in V8's events: the script's own URL decides).
  private isOurs(frame: { location: { scriptId: string } }): boolean {
    const script = this.sources.get(frame.location.scriptId);
    return script !== undefined && (script.cell !== undefined || !isBlackboxed(script.url));
  }

  // The call of a cell's wrapper function, at the end of its script: kernel code, hidden as in tracebacks.
  private inCellWrapper(frame: CallFrame): boolean {
    const { scriptId, lineNumber, columnNumber } = frame.location;
    return this.sources.get(scriptId)?.cell !== undefined && this.sources.locate(scriptId, lineNumber, columnNumber) === undefined;
  }

  private emit(event: string, body: Record<string, unknown>): void {
    this.ports.event({ seq: this.seq++, type: "event", event, body }, this.parent);
  }
}
