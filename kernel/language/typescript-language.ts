/**
 * The language side, on the main thread: magics first, then TypeScript cells compiled and run in
 * the global scope, values turned into MIME bundles, errors into tracebacks.
 */
import { CellRegistry } from "../engine/cells.js";
import { saveCompilerCache } from "../engine/typescript.js";
import { Checker } from "../engine/checker.js";
import { CellCompileError, compileCell } from "../engine/compile.js";
import { completeness } from "./completeness.js";
import { Executor } from "../engine/executor.js";
import { installHelpers } from "../engine/helpers.js";
import { bindImports, importForCell } from "../engine/modules.js";
import { installProcessGuards } from "../engine/process-guards.js";
import { moduleNames, moduleSpecifierPrefix } from "../engine/module-names.js";
import { completeAt, inspectAt } from "../engine/runtime-completion.js";
import { KeyboardInterrupt, toErrorContent } from "../engine/traceback.js";
import { CommHub } from "../display/comms.js";
import { installDisplayHost } from "../display/host.js";
import { isLive, renderLive } from "../engine/live.js";
import { toMimeBundle } from "../display/mimebundle.js";
import { type CellContext, OutputRouter } from "../display/output.js";
import { builtinMagics } from "../magics/index.js";
import { lineMagicCall, mayHaveLineMagics, parseCellMagic, parseHelpRequest, rewriteLineMagics } from "../magics/parser.js";
import { type MagicContext, MagicRegistry } from "../magics/registry.js";
import {
  COMM_HANDLER_EXEC_ID,
  type CommEvent,
  type Completeness,
  type Completion,
  type ExecuteOutcome,
  type ExecuteRequest,
  type InputRequest,
  type Inspection,
  type Language,
  type OutputEvent,
  type Payload,
} from "../contract/language.js";
import { CellLifetimes } from "./cell-lifetimes.js";
import { installDebugHooks } from "./debug-hooks.js";
import type { InterruptFlags } from "../contract/interrupt-flags.js";
import type { Exchange, TrafficQuery } from "../protocol/recorder.js";
import { Object, Set, process, setTimeout } from "../contract/intrinsics.js";

/** How the language reaches the protocol thread. */
export interface LanguagePorts {
  output(event: OutputEvent): void;
  input(request: InputRequest): Promise<string>;
  /** The protocol thread's recorded wire traffic. */
  traffic(query: TrafficQuery): Promise<Exchange[]>;
}

/** TypeScript cells and magics. */
export class TypeScriptLanguage implements Language {
  private readonly cells = new CellRegistry();
  private readonly executor: Executor;
  private readonly router: OutputRouter;
  readonly magics = new MagicRegistry().register(...builtinMagics);
  private running: CellContext | undefined;
  private checkerInstance: Checker | undefined;
  private readonly shutdownHooks: (() => Promise<void> | void)[] = [];
  private readonly lifetimes = new CellLifetimes();
  private readonly comms: CommHub;

  constructor(
    flags: InterruptFlags,
    private readonly ports: LanguagePorts,
    private readonly baseDir = process.cwd(),
  ) {
    this.executor = new Executor(flags);
    this.router = new OutputRouter((event) => ports.output(event));
    installHelpers({
      baseDir: this.baseDir,
      importBindings: async (specifier, pairs) => bindImports(await importForCell(specifier, this.baseDir), pairs),
      lineMagic: (name, args) => {
        const magic = this.magics.get(name, "line");
        const context = this.router.current();
        return this.executor.call(() => magic.line!(args, this.magicContext(context)), context?.execId ?? 0);
      },
    });
    installProcessGuards(this.router, (thrown) => toErrorContent(thrown, this.cells));
    this.comms = new CommHub(
      this.router,
      (event) => ports.output(event),
      (thrown) => toErrorContent(thrown, this.cells),
      (handler) => {
        // Interruptible like a cell: an Interrupt while no cell runs stops a runaway handler. An
        // interrupt asked for a handler that had already finished is not this handler's.
        flags.clear(COMM_HANDLER_EXEC_ID);
        return this.executor.call(handler, COMM_HANDLER_EXEC_ID);
      },
    );
    installDisplayHost(
      this.router,
      (request) => ports.input(request),
      (execId) => this.lifetimes.of(execId),
      this.comms,
    );
    installDebugHooks({ router: this.router, names: () => this.checkerInstance?.environment.values() ?? [] });
  }

  async execute(request: ExecuteRequest): Promise<ExecuteOutcome> {
    const context: CellContext = {
      execId: request.id,
      executionCount: request.executionCount,
      parent: request.parent,
      allowStdin: request.allowStdin,
    };
    const label = request.storeHistory ? `Cell In[${request.executionCount}]` : "Cell (silent)";
    this.running = context;
    return this.router.run(context, async (): Promise<ExecuteOutcome> => {
      const payload: Payload[] = [];
      try {
        const value = await this.runCell(request.code, label, context, payload);
        const live = isLive(value) && !request.silent; // an Observable value is watched, not printed
        const result =
          value === undefined ? undefined : live ? await renderLive(value, this.router, this.executor, context) : toMimeBundle(value);
        const userExpressions = await this.evaluate(request.userExpressions, context);
        return { status: "ok", result, payload, userExpressions };
      } catch (error) {
        if (error instanceof KeyboardInterrupt) this.lifetimes.interrupt(context.execId);
        return { status: "error", ...toErrorContent(error, this.cells), payload, userExpressions: {} };
      } finally {
        this.lifetimes.end(context.execId);
        this.router.flush();
        if (this.running === context) this.running = undefined;
      }
    });
  }

  /** Loads the compiler and checks a trivial cell, so the first real cell does not wait. */
  warmUp(): void {
    setTimeout(() => {
      this.checker().warm();
      // Later, not now: the first cell may be waiting for the warm-up to end.
      setTimeout(saveCompilerCache, 3000).unref();
    }, 0);
  }

  async complete(code: string, cursor: number): Promise<Completion> {
    const { line, cell } = this.magics.names();
    const runtime = () => completeAt(code, cursor, [...new Set([...line, ...cell])]);
    if (/^\s*%/.test(code.slice(code.lastIndexOf("\n", cursor - 1) + 1, cursor))) return runtime();
    const specifier = moduleSpecifierPrefix(code.slice(0, cursor));
    if (specifier !== undefined) {
      const matches = moduleNames(this.baseDir).filter((n) => n.startsWith(specifier));
      const types = matches.map((text) => ({ start: cursor - specifier.length, end: cursor, text, type: "module" }));
      return { matches, cursorStart: cursor - specifier.length, cursorEnd: cursor, metadata: { _jupyter_types_experimental: types } };
    }
    const found = this.checker().completions(code, cursor);
    if (found === undefined) return runtime();
    const prefix = code.slice(found.start, cursor);
    const entries = found.entries
      .filter((e) => e.name.startsWith(prefix) && !e.name.startsWith("__lazylab"))
      .sort((a, b) => a.sortText.localeCompare(b.sortText) || a.name.localeCompare(b.name));
    if (entries.length === 0) return runtime();
    const types = entries.map((e, i) => ({
      start: found.start,
      end: found.end,
      text: e.name,
      type: e.kind,
      signature: i < 20 ? found.details(e.name) : "",
    }));
    return {
      matches: entries.map((e) => e.name),
      cursorStart: found.start,
      cursorEnd: found.end,
      metadata: { _jupyter_types_experimental: types },
    };
  }

  async inspect(code: string, cursor: number, detailLevel: number): Promise<Inspection> {
    const magic = /%%?([\w-]+)\??$/.exec(code.slice(0, cursor).split("\n").pop() ?? "");
    if (magic !== null) {
      try {
        return { found: true, data: { "text/plain": this.magics.help(magic[1]) }, metadata: {} };
      } catch {
        return { found: false, data: {}, metadata: {} };
      }
    }
    const info = this.checker().quickInfo(code, cursor, detailLevel);
    if (info === undefined || info.signature === "any") return inspectAt(code, cursor, detailLevel);
    const plain = [info.signature, info.docs, info.source].filter((s) => s !== undefined && s !== "").join("\n\n");
    const markdown = [`\`\`\`typescript\n${info.signature}\n\`\`\``, info.docs, info.source && `\`\`\`typescript\n${info.source}\n\`\`\``]
      .filter((s) => s !== undefined && s !== "")
      .join("\n\n");
    return { found: true, data: { "text/plain": plain, "text/markdown": markdown }, metadata: {} };
  }

  /** A comm message from the front end, delivered to the handler of the cell code that owns the comm. */
  async comm(event: CommEvent): Promise<void> {
    await this.comms.receive(event);
  }

  async isComplete(code: string): Promise<Completeness> {
    return completeness(code);
  }

  async shutdown(): Promise<void> {
    for (const hook of this.shutdownHooks.splice(0)) await hook();
    this.router.flush();
  }

  /** Registers cleanup to run before the kernel exits (child processes, servers). */
  onShutdown(hook: () => Promise<void> | void): void {
    this.shutdownHooks.push(hook);
  }

  /** A SIGINT arrived while no cell ran synchronously: interrupt the one awaiting, if any. */
  interruptRunning(): void {
    if (this.running !== undefined) this.interrupt(this.running.execId);
  }

  /** Interrupts execution `execId` if it is waiting on async work. */
  interrupt(execId: number): void {
    this.lifetimes.interrupt(execId);
    this.executor.interrupt(execId);
  }

  private async runCell(code: string, label: string, context: CellContext, payload: Payload[]): Promise<unknown> {
    const help = parseHelpRequest(code);
    if (help !== undefined) {
      payload.push({ source: "page", data: { "text/plain": this.magics.help(help) }, start: 0 });
      return undefined;
    }
    const cellMagic = parseCellMagic(code);
    if (cellMagic !== undefined) {
      const magic = this.magics.get(cellMagic.name, "cell");
      return this.executor.call(() => magic.cell!(cellMagic.args, cellMagic.body, this.magicContext(context)), context.execId);
    }
    return this.runCode(code, label, context);
  }

  private checker(): Checker {
    this.checkerInstance ??= new Checker(this.baseDir);
    return this.checkerInstance;
  }

  /** Type-checks against earlier cells, then compiles and runs TypeScript as part of `context`'s execution. */
  private async runCode(code: string, label: string, context: CellContext | undefined): Promise<unknown> {
    const fileName = this.cells.nextFileName();
    const magics = mayHaveLineMagics(code);
    const checked = magics ? rewriteLineMagics(code, (name, args) => this.magics.checkedAs(name, args, lineMagicCall(name, args))) : code;
    let compiled;
    try {
      const diagnostics = this.checker().check(checked);
      if (diagnostics.length > 0) throw new CellCompileError(diagnostics, code);
      this.checker().commit(); // the cell's names exist from the moment it starts
      compiled = compileCell(magics ? rewriteLineMagics(code) : code, fileName, code);
    } catch (error) {
      if (error instanceof CellCompileError) error.label = label;
      throw error;
    }
    this.cells.register(fileName, label, code, compiled.sourceMap, compiled.js);
    return this.executor.run(compiled, fileName, context?.execId ?? 0);
  }

  private magicContext(context: CellContext | undefined): MagicContext {
    return {
      runCode: (code, label) => this.runCode(code, `${context ? `Cell In[${context.executionCount}]` : "Cell"} (${label})`, context),
      display: (data) => this.router.emit("display_data", { data, metadata: {}, transient: {} }),
      print: (text) => this.router.write("stdout", text),
      registry: this.magics,
      // The asking cell's own exchange is still in progress: "before" leaves it out.
      traffic: (query) => this.ports.traffic({ ...query, before: context?.parent.msg_id }),
    };
  }

  // user_expressions: each evaluated after the cell, as a MIME bundle or an error.
  private async evaluate(expressions: Record<string, string>, context: CellContext): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const [name, expression] of Object.entries(expressions)) {
      try {
        out[name] = { status: "ok", ...toMimeBundle(await this.runCode(`(${expression})`, "user expression", context)) };
      } catch (error) {
        out[name] = { status: "error", ...toErrorContent(error, this.cells) };
      }
    }
    return out;
  }
}
