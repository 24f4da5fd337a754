/** The cells compiled so far: their source, label and source map, for tracebacks that point into them. */
import { SourceMap } from "node:module";
import { JSON, Map } from "../contract/intrinsics.js";

/** One compiled cell, as tracebacks need it. */
export interface CellRecord {
  /** How tracebacks name it: `Cell In[3]`. */
  label: string;
  source: string;
  map: SourceMap | undefined;
  /** The compiled script's last line: the call of the cell's wrapper, not user code. */
  wrapperLine?: number;
}

/** A position in a cell, 1-based. */
export interface CellPosition {
  cell: CellRecord;
  line: number;
  column: number;
}

/** File names given to compiled cells, and what they came from. */
export class CellRegistry {
  private readonly cells = new Map<string, CellRecord>();
  private counter = 0;

  /** A unique script file name for the next compiled cell. */
  nextFileName(): string {
    return `lazylab-cell-${++this.counter}.ts`;
  }

  /** Records a compiled cell under its file name. */
  register(fileName: string, label: string, source: string, sourceMap: string, js: string): void {
    let map: SourceMap | undefined;
    try {
      map = sourceMap === "" ? undefined : new SourceMap(JSON.parse(sourceMap) as ConstructorParameters<typeof SourceMap>[0]);
    } catch {
      map = undefined;
    }
    this.cells.set(fileName, { label, source, map, wrapperLine: js.trimEnd().split("\n").length });
  }

  /** Whether a frame at this line of `fileName` is the wrapper's call (hidden from tracebacks). */
  isWrapperCall(fileName: string, line: number): boolean {
    return this.cells.get(fileName)?.wrapperLine === line;
  }

  /** Maps a 1-based line/column of compiled `fileName` back into its cell. */
  locate(fileName: string, line: number, column: number): CellPosition | undefined {
    const cell = this.cells.get(fileName);
    if (cell === undefined) return undefined;
    const entry = cell.map?.findEntry(line - 1, column - 1) as { originalLine?: number; originalColumn?: number } | undefined;
    if (entry?.originalLine === undefined) return { cell, line, column };
    return { cell, line: entry.originalLine + 1, column: (entry.originalColumn ?? 0) + 1 };
  }
}
