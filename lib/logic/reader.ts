/**
 * The reader: text in the chapter's notation → expressions. Symbols keep their case and may
 * contain dashes (`append-to-form`, `?brown-dog`); numbers are numbers; `( … )` lists may nest,
 * span lines and end in a dotted tail `(?a . ?r)`; `;` starts a comment. Every error names its
 * line and column. Iterative (an explicit stack of open lists), so nesting depth is unbounded.
 */
import { type Expr, nil, Pair } from "./expr.js";

/** A place in the source text, both 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** A syntax error in a logic program, with the line and column where it was found. */
export class LogicSyntaxError extends Error {
  override name = "LogicSyntaxError";
  constructor(
    readonly reason: string,
    readonly position: Position,
  ) {
    super(`line ${position.line}, column ${position.column}: ${reason}`);
  }
}

/** A top-level expression with where it starts (and, for a list, where each of its elements starts). */
export interface Datum {
  expr: Expr;
  at: Position;
  elements?: Position[];
}

/** Options for reading: where the text sits in a larger document (for error positions). */
export interface ReadOptions {
  /** Added to every line number: the text's first line is line `lineOffset + 1`. */
  lineOffset?: number;
  /** Added to column numbers on the text's first line only. */
  columnOffset?: number;
}

type Token = { kind: "open" | "close" | "dot"; at: Position } | { kind: "atom"; value: Expr; at: Position };

/** Whether a character ends a symbol or number: a delimiter or white space. */
function endsWord(c: number): boolean {
  // ( ) ; " and the white space the tokenizer skips (space, \t \n \v \f \r), plus Unicode spaces
  return c === 40 || c === 41 || c === 59 || c === 34 || c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/**
 * One string per symbol name: every occurrence of a symbol, in any program, is the same string,
 * so comparing symbols (in unification, in the index) compares pointers, not characters.
 */
const symbols = new Map<string, string>();

/** The shared string for symbol `name`. */
export function intern(name: string): string {
  let s = symbols.get(name);
  if (s === undefined) {
    s = name.length > 12 ? ` ${name}`.slice(1) : name; // a flat copy, not a slice of the whole source text
    symbols.set(s, s);
  }
  return s;
}
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Splits text into tokens, tracking line and column. */
function* tokens(text: string, options: ReadOptions): Generator<Token> {
  const lineOffset = options.lineOffset ?? 0;
  const columnOffset = options.columnOffset ?? 0;
  let line = 1;
  let lineStart = 0;
  const at = (i: number): Position => ({ line: line + lineOffset, column: i - lineStart + 1 + (line === 1 ? columnOffset : 0) });
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "\n") {
      line++;
      lineStart = ++i;
    } else if (c === " " || c === "\t" || c === "\r" || c === "\f" || c === "\v") {
      i++;
    } else if (c === ";") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "(") {
      yield { kind: "open", at: at(i++) };
    } else if (c === ")") {
      yield { kind: "close", at: at(i++) };
    } else if (c === '"') {
      throw new LogicSyntaxError("strings are not part of the logic language (write a symbol instead)", at(i));
    } else {
      const start = i;
      while (i < text.length && !endsWord(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      if (word === ".") yield { kind: "dot", at: at(start) };
      else yield { kind: "atom", value: NUMBER.test(word) ? Number(word) : intern(word), at: at(start) };
    }
  }
}

/** A list being read: its elements so far, and its dotted tail once read. */
interface OpenList {
  at: Position;
  items: Expr[];
  positions: Position[];
  dot?: Position; // where the `.` was, once seen
  tail?: Expr; // the expression after the dot, once read
}

/** Reads every expression in `text`, each with its starting position. */
export function readAll(text: string, options: ReadOptions = {}): Datum[] {
  const data: Datum[] = [];
  const open: OpenList[] = [];
  // Adds a finished expression to the innermost open list, or to the top level.
  const emit = (expr: Expr, at: Position, elements?: Position[]): void => {
    const list = open[open.length - 1];
    if (list === undefined) data.push(elements === undefined ? { expr, at } : { expr, at, elements });
    else if (list.dot === undefined) list.items.push(expr), list.positions.push(at);
    else if (list.tail === undefined) list.tail = expr;
    else throw new LogicSyntaxError("malformed dotted list: only one expression may follow '.'", at);
  };
  for (const token of tokens(text, options)) {
    switch (token.kind) {
      case "open":
        open.push({ at: token.at, items: [], positions: [] });
        break;
      case "atom":
        emit(token.value, token.at);
        break;
      case "dot": {
        const list = open[open.length - 1];
        if (list === undefined) throw new LogicSyntaxError("malformed dotted list: '.' outside a list", token.at);
        if (list.dot !== undefined) throw new LogicSyntaxError("malformed dotted list: a second '.'", token.at);
        if (list.items.length === 0) throw new LogicSyntaxError("malformed dotted list: '.' must follow at least one element", token.at);
        list.dot = token.at;
        break;
      }
      case "close": {
        const list = open.pop();
        if (list === undefined) throw new LogicSyntaxError("unbalanced parentheses: ')' closes nothing", token.at);
        if (list.dot !== undefined && list.tail === undefined) {
          throw new LogicSyntaxError("malformed dotted list: '.' must be followed by one expression", token.at);
        }
        emit(build(list), list.at, list.positions);
        break;
      }
    }
  }
  const unclosed = open.pop();
  if (unclosed !== undefined) throw new LogicSyntaxError("unbalanced parentheses: '(' is never closed", unclosed.at);
  return data;
}

function build(list: OpenList): Expr {
  let result: Expr = list.tail ?? nil;
  for (let i = list.items.length - 1; i >= 0; i--) result = new Pair(list.items[i], result);
  return result;
}

/** Reads exactly one expression (the chapter's `read_line`): `read("(?x c ?x)")`. */
export function read(text: string): Expr {
  const data = readAll(text);
  if (data.length === 0) throw new LogicSyntaxError("expected an expression, found none", { line: 1, column: 1 });
  if (data.length > 1) throw new LogicSyntaxError("expected one expression, found more", data[1].at);
  return data[0].expr;
}
