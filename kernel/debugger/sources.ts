/**
 * The scripts V8 has parsed, as the debugger's client sees them: a cell's script is the cell's
 * path (JupyterLab's name for its text, see cell-paths.ts), a library module is its `.ts` file
 * (through its source map), anything else its URL. Source maps are read lazily: V8 reports
 * thousands of scripts (Node's own, the compiler), and only those in a stack or a breakpoint
 * need theirs.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CodeMap, dataUrlText } from "./source-map.js";

/** A script parsed by V8 (Debugger.scriptParsed). */
export interface ScriptInfo {
  scriptId: string;
  url: string;
  sourceMapURL: string;
}

/** A script and what it maps to. */
export interface KnownScript extends ScriptInfo {
  /** Decoded on first use (undefined: none, or unreadable). */
  map?: CodeMap | null;
  /** For a cell: its path and text. */
  cell?: { path: string; code: string };
}

/** A position in an original source, 1-based line and column. */
export interface SourcePosition {
  path: string;
  line: number;
  column: number;
  /** The script's own position (0-based), for V8. */
  scriptId: string;
}

/** Scripts by id, cells by path, original texts by path. */
export class Sources {
  private readonly scripts = new Map<string, KnownScript>();
  private readonly byPath = new Map<string, Set<string>>();
  /** Texts the client may ask for (`source`): dumped cells, cells that ran, library files. */
  private readonly texts = new Map<string, string>();

  constructor(private readonly cellPath: (code: string) => string) {}

  /** Records a parsed script; for a cell, returns its path. */
  add(info: ScriptInfo): KnownScript {
    const script: KnownScript = { ...info };
    this.scripts.set(info.scriptId, script);
    if (info.sourceMapURL.startsWith("data:")) {
      const map = CodeMap.parse(dataUrlText(info.sourceMapURL) ?? "");
      script.map = map ?? null;
      const code = map?.json.x_lazylab_cell === true ? map.json.sourcesContent?.[0] : undefined;
      if (typeof code === "string") {
        const path = this.cellPath(code);
        script.cell = { path, code };
        this.texts.set(path, code);
        this.index(path, info.scriptId);
      }
    }
    return script;
  }

  /** Forgets every script (V8 reports them again on the next Debugger.enable). */
  clear(): void {
    this.scripts.clear();
    this.byPath.clear();
  }

  /** A script by id. */
  get(scriptId: string): KnownScript | undefined {
    return this.scripts.get(scriptId);
  }

  /** The scripts whose original source is `path` (a cell run several times has several). */
  scriptsOf(path: string): KnownScript[] {
    return [...(this.byPath.get(path) ?? [])].map((id) => this.scripts.get(id)).filter((s): s is KnownScript => s !== undefined);
  }

  /** Remembers the text of `path` (a cell dumped before it runs). */
  remember(path: string, text: string): void {
    this.texts.set(path, text);
  }

  /** The text of an original source, if known. */
  text(path: string): string | undefined {
    const known = this.texts.get(path);
    if (known !== undefined) return known;
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  }

  /** The script's source map (decoded once), or undefined. */
  mapOf(script: KnownScript): CodeMap | undefined {
    if (script.map !== undefined) return script.map ?? undefined;
    script.map = null;
    if (script.sourceMapURL === "" || !script.url.startsWith("file:")) return undefined;
    try {
      const file = resolve(dirname(fileURLToPath(script.url)), script.sourceMapURL);
      script.map = CodeMap.parse(readFileSync(file, "utf8")) ?? null;
      if (script.map !== null) {
        // A library module: index its original files, so breakpoints can be set in them.
        for (let i = 0; i < script.map.json.sources.length; i++) {
          const path = this.originalPath(script, i);
          this.index(path, script.scriptId);
          const content = script.map.json.sourcesContent?.[i];
          if (typeof content === "string") this.texts.set(path, content);
        }
      }
    } catch {
      script.map = null;
    }
    return script.map ?? undefined;
  }

  /** The original file path of source `index` of a script's map. */
  originalPath(script: KnownScript, index: number): string {
    if (script.cell !== undefined) return script.cell.path;
    const map = this.mapOf(script);
    const source = map?.json.sources[index] ?? "";
    if (!script.url.startsWith("file:")) return source;
    return resolve(dirname(fileURLToPath(script.url)), map?.json.sourceRoot ?? "", source);
  }

  /** Where a compiled position (0-based) of a script is in its original source (undefined: in a cell's wrapper, or an unknown script). */
  locate(scriptId: string, line: number, column: number): SourcePosition | undefined {
    const script = this.scripts.get(scriptId);
    if (script === undefined) return undefined;
    const map = this.mapOf(script);
    const segment = map?.original(line, column);
    // A cell's line without a mapping is the kernel's wrapper around the cell (its call): no place in the cell.
    if (script.cell !== undefined && segment === undefined) return undefined;
    if (map === undefined || segment === undefined) {
      const path = script.url.startsWith("file:") ? fileURLToPath(script.url) : script.url;
      return { path, line: line + 1, column: column + 1, scriptId };
    }
    return {
      path: this.originalPath(script, segment.source),
      line: segment.originalLine + 1,
      column: segment.originalColumn + 1,
      scriptId,
    };
  }

  /** The library scripts whose maps name `path` (decoding maps of this package's modules on demand). */
  libraryScriptsOf(path: string): KnownScript[] {
    for (const script of this.scripts.values()) {
      if (script.map === undefined && script.sourceMapURL !== "" && script.url.includes("/dist/lib/")) this.mapOf(script);
    }
    return this.scriptsOf(path);
  }

  private index(path: string, scriptId: string): void {
    const ids = this.byPath.get(path) ?? new Set<string>();
    ids.add(scriptId);
    this.byPath.set(path, ids);
  }
}
