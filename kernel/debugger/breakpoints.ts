/**
 * Breakpoints on TypeScript lines, placed in V8 on the compiled JavaScript. The client names a
 * cell by its path before the cell runs; every script compiled from that text (each run of the
 * cell) gets the breakpoints when V8 parses it, while it waits at the instrumentation pause
 * before its first statement (session.ts). So a breakpoint set after a function was defined,
 * cells ago, stops in it; and one set before a cell runs stops in that run.
 */
import type { InspectorLink } from "./inspector-link.js";
import type { KnownScript, Sources } from "./sources.js";

/** A breakpoint the client asked for. */
export interface LineBreakpoint {
  line: number;
  condition?: string;
}

/** How far down a breakpoint on a line without code (blank, a comment, a type) moves. */
const SLIDE = 8;

/** Breakpoints by source path, and where they were placed in V8. */
export class Breakpoints {
  private readonly wanted = new Map<string, LineBreakpoint[]>();
  private readonly placed = new Map<string, string[]>();

  constructor(
    private readonly link: InspectorLink,
    private readonly sources: Sources,
  ) {}

  /** Replaces the breakpoints of `path`; places them in every script already compiled from it. */
  async set(path: string, lines: LineBreakpoint[]): Promise<void> {
    await this.remove(path);
    if (lines.length === 0) {
      this.wanted.delete(path);
      return;
    }
    this.wanted.set(path, lines);
    const scripts = this.sources.scriptsOf(path);
    for (const script of scripts.length > 0 ? scripts : this.sources.libraryScriptsOf(path)) await this.place(script, path, lines);
  }

  /** Places the wanted breakpoints of a newly parsed script (a cell about to run); returns them. */
  async applyTo(script: KnownScript): Promise<{ path: string; lines: LineBreakpoint[] } | undefined> {
    const path = script.cell?.path;
    const lines = path === undefined ? undefined : this.wanted.get(path);
    if (path === undefined || lines === undefined) return undefined;
    await this.place(script, path, lines);
    return { path, lines };
  }

  /** Every wanted breakpoint, as debugInfo lists them. */
  list(): { source: string; breakpoints: LineBreakpoint[] }[] {
    return [...this.wanted].map(([source, breakpoints]) => ({ source, breakpoints }));
  }

  /** Whether any breakpoint is wanted. */
  get any(): boolean {
    return this.wanted.size > 0;
  }

  /** Removes every breakpoint from V8 and forgets them. */
  async clear(): Promise<void> {
    for (const path of [...this.placed.keys()]) await this.remove(path);
    this.wanted.clear();
  }

  private async remove(path: string): Promise<void> {
    const ids = this.placed.get(path) ?? [];
    this.placed.delete(path);
    for (const breakpointId of ids) await this.link.post("Debugger.removeBreakpoint", { breakpointId }).catch(() => undefined);
  }

  private async place(script: KnownScript, path: string, lines: LineBreakpoint[]): Promise<void> {
    const map = this.sources.mapOf(script);
    if (map === undefined) return;
    const index = script.cell !== undefined ? 0 : map.json.sources.findIndex((_, i) => this.sources.originalPath(script, i) === path);
    if (index < 0) return;
    for (const { line, condition } of lines) {
      let target;
      for (let l = line - 1; l < line - 1 + SLIDE && target === undefined; l++) target = map.generated(index, l)[0];
      if (target === undefined) continue;
      try {
        const { breakpointId } = await this.link.post<{ breakpointId: string }>("Debugger.setBreakpoint", {
          location: { scriptId: script.scriptId, lineNumber: target.line, columnNumber: target.column },
          ...(condition ? { condition } : {}),
        });
        const ids = this.placed.get(path) ?? [];
        ids.push(breakpointId);
        this.placed.set(path, ids);
      } catch {
        // V8 refuses a location it has no break position for: the breakpoint stays unplaced here.
      }
    }
  }
}
