/**
 * Source map v3, decoded both ways: a compiled position → its original (for stack frames), and
 * an original line → the compiled positions it produced (for breakpoints). Node's SourceMap class
 * only answers the first question, so the "mappings" VLQ string is decoded here.
 */

/** One mapping segment, all 0-based. */
export interface Segment {
  line: number;
  column: number;
  source: number;
  originalLine: number;
  originalColumn: number;
}

/** The fields of a source map this module reads. */
export interface SourceMapJson {
  version: number;
  sources: string[];
  sourcesContent?: (string | null)[];
  sourceRoot?: string;
  mappings: string;
  [key: string]: unknown;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes the VLQ "mappings" of a source map into segments, sorted by compiled position. */
export function decodeMappings(mappings: string): Segment[] {
  const out: Segment[] = [];
  let line = 0;
  let source = 0;
  let originalLine = 0;
  let originalColumn = 0;
  for (const group of mappings.split(";")) {
    let column = 0;
    for (const text of group.split(",")) {
      if (text === "") continue;
      const fields = vlq(text);
      column += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        originalLine += fields[2];
        originalColumn += fields[3];
        out.push({ line, column, source, originalLine, originalColumn });
      }
    }
    line++;
  }
  return out;
}

function vlq(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of text) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`bad VLQ digit ${JSON.stringify(c)}`);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return values;
}

/** A decoded source map. */
export class CodeMap {
  readonly segments: Segment[];

  constructor(readonly json: SourceMapJson) {
    this.segments = decodeMappings(json.mappings);
  }

  /** Parses the JSON text of a map; undefined when it is not one. */
  static parse(text: string): CodeMap | undefined {
    try {
      const json = JSON.parse(text) as SourceMapJson;
      if (typeof json.mappings !== "string" || !Array.isArray(json.sources)) return undefined;
      return new CodeMap(json);
    } catch {
      return undefined;
    }
  }

  /** The original position of compiled `line`/`column` (0-based): the nearest segment at or before it on that line. */
  original(line: number, column: number): Segment | undefined {
    let best: Segment | undefined;
    for (const s of this.segments) {
      if (s.line > line) break;
      if (s.line === line && (s.column <= column || best === undefined)) best = s; // before the first segment: the line's first
    }
    return best;
  }

  /**
   * Where a breakpoint on original `line` (0-based) of source `source` goes: the first compiled
   * position of each compiled line mapped from it, earliest first (empty when nothing was emitted).
   */
  generated(source: number, line: number): Segment[] {
    const firsts = new Map<number, Segment>();
    for (const s of this.segments) {
      if (s.source !== source || s.originalLine !== line) continue;
      const known = firsts.get(s.line);
      if (known === undefined || s.column < known.column) firsts.set(s.line, s);
    }
    return [...firsts.values()].sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /** The original lines (0-based) of `source` that have compiled code: where a breakpoint can stop. */
  lines(source: number): Set<number> {
    return new Set(this.segments.filter((s) => s.source === source).map((s) => s.originalLine));
  }
}

/** An inline source map comment for `js`, as a data URL (base64 JSON). */
export function inlineSourceMap(json: SourceMapJson): string {
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(JSON.stringify(json)).toString("base64")}`;
}

/** The JSON text of an inline `data:` source map URL; undefined for other URLs. */
export function dataUrlText(url: string): string | undefined {
  const m = /^data:application\/json(?:;charset=[^;,]+)?;base64,(.*)$/s.exec(url);
  return m === null ? undefined : Buffer.from(m[1], "base64").toString("utf8");
}
