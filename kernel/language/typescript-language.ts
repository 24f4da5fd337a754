/**
 * The language side, on the main thread: magics first, then TypeScript cells compiled and run in
 * the global scope, values turned into MIME bundles, errors into tracebacks.
 */
import { CellRegistry } from "../engine/cells.js";
import { CellCompileError, compileCell } from "../engine/compile.js";
import { completeness } from "../engine/completeness.js";
import { Executor } from "../engine/executor.js";
import { installHelpers } from "../engine/helpers.js";
import { bindImports, importForCell } from "../engine/modules.js";
import { installProcessGuards } from "../engine/process-guards.js";
import { completeAt, inspectAt } from "../engine/runtime-completion.js";
import { toErrorContent } from "../engine/traceback.js";
import { installDisplayHost } from "../display/host.js";
import { toMimeBundle } from "../display/mimebundle.js";
import { type CellContext, OutputRouter } from "../display/output.js";
import { builtinMagics } from "../magics/index.js";
import { mayHaveLineMagics, parseCellMagic, parseHelpRequest, rewriteLineMagics } from "../magics/parser.js";
import { type MagicContext, MagicRegistry } from "../magics/registry.js";
import type { Completeness, Completion, ExecuteOutcome, ExecuteRequest, InputRequest, Inspection, Language, OutputEvent, Payload } from "./interface.js";
import type { InterruptFlags } from "./interrupt-flags.js";

/** How the language reaches the protocol thread. */
export interface LanguagePorts {
  output(event: OutputEvent): void;
  input(request: InputRequest): Promise<string>;
}

/** TypeScript cells and magics. */
export class TypeScriptLanguage implements Language {
  private readonly cells = new CellRegistry();
  private readonly executor: Executor;
  private readonly router: OutputRouter;
  readonly magics = new MagicRegistry().register(...builtinMagics);
  private running: CellContext | undefined;
  private readonly shutdownHooks: (() => Promise<void> | void)[] = [];

  constructor(flags: InterruptFlags, ports: LanguagePorts, private readonly baseDir = process.cwd()) {
    this.executor = new Executor(flags);
    this.router = new OutputRouter((event) => ports.output(event));
    installHelpers({
      importBindings: async (specifier, pairs) => bindImports(await importForCell(specifier, this.baseDir), pairs),
      lineMagic: (name, args) => {
        const magic = this.magics.get(name, "line");
        const context = this.router.current();
        return this.executor.call(() => magic.line!(args, this.magicContext(context)), context?.execId ?? 0);
      },
    });
    installProcessGuards(this.router, (thrown) => toErrorContent(thrown, this.cells));
    installDisplayHost(this.router, (request) => ports.input(request));
    process.on("SIGINT", () => this.running && this.interrupt(this.running.execId));
  }

  async execute(request: ExecuteRequest): Promise<ExecuteOutcome> {
    const context: CellContext = { execId: request.id, executionCount: request.executionCount, parent: request.parent, allowStdin: request.allowStdin };
    const label = request.storeHistory ? `Cell In[${request.executionCount}]` : "Cell (silent)";
    this.running = context;
    return this.router.run(context, async (): Promise<ExecuteOutcome> => {
      const payload: Payload[] = [];
      try {
        const value = await this.runCell(request.code, label, context, payload);
        const result = value === undefined ? undefined : toMimeBundle(value);
        const userExpressions = await this.evaluate(request.userExpressions, context);
        return { status: "ok", result, payload, userExpressions };
      } catch (error) {
        return { status: "error", ...toErrorContent(error, this.cells), payload, userExpressions: {} };
      } finally {
        this.router.flush();
        if (this.running === context) this.running = undefined;
      }
    });
  }

  async complete(code: string, cursor: number): Promise<Completion> {
    const { line, cell } = this.magics.names();
    return completeAt(code, cursor, [...new Set([...line, ...cell])]);
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
    return inspectAt(code, cursor, detailLevel);
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

  /** Interrupts execution `execId` if it is waiting on async work. */
  interrupt(execId: number): void {
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

  /** Compiles and runs TypeScript as part of `context`'s execution. */
  private async runCode(code: string, label: string, context: CellContext | undefined): Promise<unknown> {
    const fileName = this.cells.nextFileName();
    const source = mayHaveLineMagics(code) ? rewriteLineMagics(code) : code;
    let compiled;
    try {
      compiled = compileCell(source, fileName);
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
