/**
 * Type checking, completion and inspection with the official TypeScript LanguageService.
 * Three virtual files live in the notebook's folder: the environment (what earlier cells
 * declared, see environment.ts), the cell being checked (import header + cell + `export {}`, a
 * module so its declarations shadow the environment's) and the cell being edited (for
 * completion and inspection). A file's version changes only when its text does, so re-checking
 * an unchanged cell in an unchanged environment reuses the program and its checker.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type * as T from "typescript";
import type { CellDiagnostic } from "./compile.js";
import { Environment, topLevelNames } from "./environment.js";
import { snapshot } from "../contract/startup-snapshot.js";
import { ts } from "./typescript.js";
import { String, Map, Set, Math } from "../contract/intrinsics.js";

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

// Diagnostics that do not fit a notebook: packages without types are used as `any`.
const IGNORED = new Set([7016]);

/** Declares what compiled cells call (magics), so the checker knows it. */
const HELPER_TYPES = "declare const __lazylab: { lineMagic(name: string, args: string): Promise<any> };";

interface VirtualFile {
  text: string;
  version: number;
}

/** A checked cell's text: where the cell itself starts in it. */
interface Prepared {
  text: string;
  start: number;
}

/** The session's type checker. */
export class Checker {
  private readonly files = new Map<string, VirtualFile>();
  private readonly service: T.LanguageService;
  private readonly options: T.CompilerOptions;
  readonly environment = new Environment();
  private readonly envFile: string;
  private readonly cellFile: string;
  private readonly editFile: string;
  private last: Prepared | undefined;

  constructor(private readonly baseDir: string) {
    const t = ts();
    this.envFile = join(baseDir, "__lazylab_env__.ts");
    this.cellFile = join(baseDir, "__lazylab_cell__.ts");
    this.editFile = join(baseDir, "__lazylab_edit__.ts");
    this.options = compilerOptions(baseDir);
    this.setFile(this.envFile, this.environment.text() + HELPER_TYPES);
    this.setFile(this.cellFile, "export {};");
    this.setFile(this.editFile, "export {};");
    // Caches that make a new program cheap: resolutions and package.json lookups, and the text
    // of files on disk (read once per version, not once per program).
    const cache = t.createModuleResolutionCache(baseDir, (f) => f, this.options);
    const snapshots = new Map<string, { version: string; snapshot: T.IScriptSnapshot | undefined }>();
    const diskSnapshot = (f: string) => {
      const version = diskVersion(f);
      const known = snapshots.get(f);
      if (known !== undefined && known.version === version) return known.snapshot;
      const snapshot = existsSync(f) ? t.ScriptSnapshot.fromString(readFileSync(f, "utf8")) : undefined;
      snapshots.set(f, { version, snapshot });
      return snapshot;
    };
    // getModuleResolutionCache is read by the LanguageService though its public type omits it.
    const host: T.LanguageServiceHost & { getModuleResolutionCache(): T.ModuleResolutionCache } = {
      getScriptFileNames: () => [this.envFile, this.cellFile, this.editFile],
      getScriptVersion: (f) => String(this.files.get(f)?.version ?? diskVersion(f)),
      getScriptSnapshot: (f) => {
        const text = this.files.get(f)?.text;
        return text === undefined ? diskSnapshot(f) : t.ScriptSnapshot.fromString(text);
      },
      getModuleResolutionCache: () => cache,
      getCurrentDirectory: () => baseDir,
      getCompilationSettings: () => this.options,
      getDefaultLibFileName: (o) => t.getDefaultLibFilePath(o),
      fileExists: (f) => this.files.has(f) || t.sys.fileExists(f),
      readFile: (f) => this.files.get(f)?.text ?? t.sys.readFile(f),
      readDirectory: t.sys.readDirectory,
      directoryExists: t.sys.directoryExists,
      getDirectories: t.sys.getDirectories,
      realpath: t.sys.realpath,
      resolveModuleNameLiterals: (literals, containingFile, _redirect, options) =>
        literals.map((literal) => {
          const own = ownModule(literal.text);
          if (own !== undefined)
            return { resolvedModule: { resolvedFileName: own, extension: t.Extension.Dts, isExternalLibraryImport: false } };
          return t.resolveModuleName(literal.text, containingFile, options, t.sys, cache);
        }),
    };
    this.service = t.createLanguageService(host, documentRegistry());
  }

  /** Builds the program and checks a trivial cell, so the first real cell is quick. */
  warm(): void {
    this.check("const __lazylab_warm: number = 1");
  }

  /** The error diagnostics of `code`, in the cell's own coordinates. */
  check(code: string): CellDiagnostic[] {
    const t = ts();
    const prepared = this.prepare(code);
    this.setFile(this.cellFile, prepared.text);
    this.last = prepared;
    const diagnostics = [...this.service.getSyntacticDiagnostics(this.cellFile), ...this.service.getSemanticDiagnostics(this.cellFile)];
    const own = diagnostics
      .filter((d) => d.category === t.DiagnosticCategory.Error && !IGNORED.has(d.code))
      .filter((d) => d.start !== undefined && d.start >= prepared.start && d.start <= prepared.start + code.length)
      .map((d) => locateIn(code, d.start! - prepared.start, d));
    return own.length > 0 ? own : this.localFileDiagnostics();
  }

  /**
   * Errors in the local .ts files the program includes (files the cells import, and what those
   * import): the cell must not run on a file whose types are wrong. Each is located in its file.
   */
  private localFileDiagnostics(): CellDiagnostic[] {
    const t = ts();
    const program = this.service.getProgram();
    if (program === undefined) return [];
    const out: CellDiagnostic[] = [];
    for (const file of program.getSourceFiles()) {
      const name = file.fileName;
      if (file.isDeclarationFile || name.includes("/node_modules/") || this.files.has(name) || !/\.[cm]?tsx?$/.test(name)) continue;
      const found = [...this.service.getSyntacticDiagnostics(name), ...this.service.getSemanticDiagnostics(name)];
      for (const d of found) {
        if (d.category !== t.DiagnosticCategory.Error || IGNORED.has(d.code) || d.start === undefined) continue;
        const { line, character } = file.getLineAndCharacterOfPosition(d.start);
        const shown = relative(this.baseDir, name);
        out.push({
          line: line + 1,
          column: character + 1,
          length: d.length ?? 1,
          code: d.code,
          message: t.flattenDiagnosticMessageText(d.messageText, "\n"),
          file: { name: shown, text: file.text },
        });
      }
    }
    return out;
  }

  /** Adds what the last checked cell declared to the environment (after it ran). */
  commit(): void {
    const program = this.service.getProgram();
    const file = program?.getSourceFile(this.cellFile);
    if (program === undefined || file === undefined || this.last === undefined || file.text !== this.last.text) return;
    this.environment.record(file, this.last.start, program.getTypeChecker());
    this.setFile(this.envFile, this.environment.text() + HELPER_TYPES);
  }

  /** Completions at `cursor` of `code` (UTF-16 offsets). */
  completions(
    code: string,
    cursor: number,
  ): { entries: readonly T.CompletionEntry[]; start: number; end: number; details: (name: string) => string } | undefined {
    const prepared = this.edit(code);
    const at = prepared.start + cursor;
    const info = this.service.getCompletionsAtPosition(this.editFile, at, {
      includeCompletionsWithInsertText: true,
      includeCompletionsForModuleExports: false,
    });
    if (info === undefined) return undefined;
    const span = info.optionalReplacementSpan ?? info.entries.find((e) => e.replacementSpan)?.replacementSpan;
    const word = /[\w$]*$/.exec(code.slice(0, cursor))?.[0] ?? "";
    const start = span !== undefined ? span.start - prepared.start : cursor - word.length;
    const end = span !== undefined ? span.start + span.length - prepared.start : cursor;
    const details = (name: string) => {
      const d = this.service.getCompletionEntryDetails(this.editFile, at, name, undefined, undefined, undefined, undefined);
      return d === undefined ? "" : ts().displayPartsToString(d.displayParts);
    };
    return { entries: info.entries, start, end, details };
  }

  /** Quick info at `cursor`: signature, docs, and with `detail`, the declaration's source. */
  quickInfo(code: string, cursor: number, detail: number): { signature: string; docs: string; source?: string } | undefined {
    const t = ts();
    const prepared = this.edit(code);
    const at = prepared.start + Math.max(0, cursor - (/[\w$]/.test(code[cursor] ?? "") ? 0 : 1));
    const info = this.service.getQuickInfoAtPosition(this.editFile, at);
    if (info === undefined) return undefined;
    const signature = t.displayPartsToString(info.displayParts);
    const tags = (info.tags ?? []).map((tag) => `@${tag.name} ${t.displayPartsToString(tag.text)}`.trim());
    const docs = [t.displayPartsToString(info.documentation), ...tags].filter((s) => s !== "").join("\n");
    let source: string | undefined;
    if (detail > 0) {
      const definition = this.service.getDefinitionAtPosition(this.editFile, at)?.[0];
      const file = definition && this.service.getProgram()?.getSourceFile(definition.fileName);
      if (definition && file) {
        const node = findDeclaration(file, definition.textSpan.start);
        source = bounded(file.text.slice(node.getStart(file), node.end));
      }
    }
    return { signature, docs, source };
  }

  private edit(code: string): Prepared {
    const prepared = this.prepare(code);
    this.setFile(this.editFile, prepared.text);
    return prepared;
  }

  // Import header + cell + `export {}` (a module: its declarations shadow the environment's).
  private prepare(code: string): Prepared {
    const t = ts();
    const parsed = t.createSourceFile("cell.ts", code, t.ScriptTarget.Latest, true);
    const header = this.environment.header(topLevelNames(parsed));
    return { text: `${header}${code}\nexport {};\n`, start: header.length };
  }

  private setFile(name: string, text: string): void {
    const file = this.files.get(name);
    if (file === undefined) this.files.set(name, { text, version: 1 });
    else if (file.text !== text) this.files.set(name, { text, version: file.version + 1 });
  }
}

let registry: T.DocumentRegistry | undefined;

/**
 * Where parsed files are kept between programs: the startup snapshot's, which already holds the
 * default libraries and @types/node parsed and bound (its key ignores the notebook folder's
 * typeRoots), or a new one.
 */
export function documentRegistry(): T.DocumentRegistry {
  registry ??= snapshot?.registry ?? ts().createDocumentRegistry();
  return registry;
}

/** Compiler options: strict, current ECMAScript and Node types; a tsconfig.json next to the notebook overrides them. */
function compilerOptions(baseDir: string): T.CompilerOptions {
  const t = ts();
  const defaults: T.CompilerOptions = {
    strict: true,
    target: t.ScriptTarget.ES2022,
    module: t.ModuleKind.Preserve, // import statements, `import()` and `import x = require()` all allowed
    moduleResolution: t.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts", "lib.esnext.disposable.d.ts", "lib.esnext.decorators.d.ts"],
    types: ["node"],
    typeRoots: [join(PACKAGE_ROOT, "node_modules", "@types"), join(baseDir, "node_modules", "@types")],
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    noEmit: true,
    useDefineForClassFields: true,
  };
  const configPath = join(baseDir, "tsconfig.json");
  // The environment must stay a global script whatever package.json says ("type": "module").
  const detection = { moduleDetection: t.ModuleDetectionKind.Legacy };
  if (!existsSync(configPath)) return { ...defaults, ...detection };
  const read = t.readConfigFile(configPath, t.sys.readFile);
  const parsed = t.parseJsonConfigFileContent(read.config ?? {}, t.sys, baseDir, undefined, configPath);
  return { ...defaults, ...parsed.options, ...detection, noEmit: true, allowImportingTsExtensions: true };
}

/** The declaration file of `lazylab`, its subpaths, and `tslab` (served by lazylab's display API). */
function ownModule(specifier: string): string | undefined {
  const lib = join(PACKAGE_ROOT, "dist", "lib");
  if (specifier === "lazylab") return join(lib, "index.d.ts");
  if (specifier === "tslab") return join(lib, "tslab.d.ts");
  if (specifier.startsWith("lazylab/")) return join(lib, specifier.slice("lazylab/".length), "index.d.ts");
  return undefined;
}

// Files in node_modules and the compiler's libs do not change during a session; others may.
function diskVersion(file: string): string {
  if (file.includes("/node_modules/")) return "0";
  try {
    return String(statSync(file).mtimeMs);
  } catch {
    return "0";
  }
}

function locateIn(code: string, offset: number, d: T.Diagnostic): CellDiagnostic {
  const t = ts();
  const before = code.slice(0, offset).split("\n");
  let message = t.flattenDiagnosticMessageText(d.messageText, "\n");
  const missing = d.code === 2307 ? /^["']([^./][^"']*)["']$/.exec(code.slice(offset, offset + (d.length ?? 0))) : null;
  if (missing !== null) {
    const name = missing[1].startsWith("@") ? missing[1].split("/").slice(0, 2).join("/") : missing[1].split("/")[0];
    message += ` Install it next to the notebook: npm install ${name}`;
  }
  return {
    line: before.length,
    column: before[before.length - 1].length + 1,
    length: d.length ?? 1,
    code: d.code,
    message,
  };
}

/** The longest declaration inspection shows; longer ones are cut at a line end. */
const MAX_DECLARATION = 2000;

/** `source` cut to MAX_DECLARATION characters at a line end, saying how many lines were left out. */
function bounded(source: string): string {
  if (source.length <= MAX_DECLARATION) return source;
  const cut = source.lastIndexOf("\n", MAX_DECLARATION);
  const kept = source.slice(0, cut > 0 ? cut : MAX_DECLARATION);
  const left = source.slice(kept.length).split("\n").length - 1;
  return `${kept}\n… (${left} more line${left === 1 ? "" : "s"})`;
}

function findDeclaration(file: T.SourceFile, position: number): T.Node {
  const t = ts();
  let found: T.Node = file;
  const visit = (node: T.Node): void => {
    if (position >= node.getStart(file) && position < node.end) {
      // The innermost declaration: a member (an interface's method or property signature too) rather
      // than the interface or class around it (Math.max is max's line, not all of `interface Math`).
      if (
        t.isDeclarationStatement(node) ||
        t.isVariableStatement(node) ||
        t.isMethodDeclaration(node) ||
        t.isPropertyDeclaration(node) ||
        t.isMethodSignature(node) ||
        t.isPropertySignature(node) ||
        t.isGetAccessorDeclaration(node) ||
        t.isSetAccessorDeclaration(node) ||
        t.isConstructorDeclaration(node)
      )
        found = node;
      t.forEachChild(node, visit);
    }
  };
  t.forEachChild(file, visit);
  return found;
}
