/**
 * Whether an exception will be caught by the notebook's own code. Every exception a cell throws
 * is caught in the end (by the kernel, which turns it into an error reply), so V8 calls none of
 * them "uncaught". The debugger pauses on all of them and asks this module: it walks the stack
 * from the throw outwards through cell and library frames, and the exception counts as caught
 * when one of those frames is inside the `try` block of a `try … catch` in its own function.
 * The first kernel frame ends the walk: from there on the exception is the cell's error.
 */
import { type Node, parse } from "acorn";

/** A frame of a paused stack: its script's JavaScript and a 0-based position in it. */
export interface FramePosition {
  /** The script's text; undefined for a kernel or Node frame (ends the walk). */
  source: string | undefined;
  line: number;
  column: number;
}

/** V8's Runtime.StackTrace of a pause's async callers, the fields read here. */
export interface AsyncStack {
  callFrames: Location[];
  parent?: AsyncStack;
}

/** A position in a script, 0-based, as V8 gives it. */
interface Location {
  scriptId: string;
  lineNumber: number;
  columnNumber: number;
}

/**
 * Whether the notebook's code catches an exception, given the paused stack: the synchronous
 * frames, and, when they run out without reaching the kernel (code after an `await`), the async
 * callers waiting for them (up to `depth` links). `sourceOf` gives a cell's or the library's
 * script text, undefined for the kernel's and Node's scripts.
 */
export async function catchesAlongStack(
  frames: { location: Location }[],
  async: AsyncStack | undefined,
  depth: number,
  sourceOf: (scriptId: string) => Promise<string | undefined>,
): Promise<boolean> {
  const stack: Location[] = frames.map((f) => f.location);
  for (let parent = async, links = 0; parent !== undefined && links < depth; parent = parent.parent, links++)
    stack.push(...parent.callFrames);
  const positions: FramePosition[] = [];
  for (const { scriptId, lineNumber, columnNumber } of stack) {
    const source = await sourceOf(scriptId);
    positions.push({ source, line: lineNumber, column: columnNumber });
    if (source === undefined) break;
  }
  return willBeCaught(positions);
}

const trees = new Map<string, Node | null>();

/** True when one of the frames (innermost first) catches the exception with a try/catch. */
export function willBeCaught(frames: FramePosition[]): boolean {
  for (const frame of frames) {
    if (frame.source === undefined) return false;
    const tree = treeOf(frame.source);
    if (tree !== undefined && insideTry(tree, offsetOf(frame.source, frame.line, frame.column))) return true;
  }
  return false;
}

function treeOf(source: string): Node | undefined {
  const known = trees.get(source);
  if (known !== undefined) return known ?? undefined;
  let tree: Node | null = null;
  for (const sourceType of ["script", "module"] as const) {
    try {
      tree = parse(source, { ecmaVersion: "latest", sourceType, allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
      break;
    } catch {
      tree = null;
    }
  }
  if (trees.size > 200) trees.delete(trees.keys().next().value as string);
  trees.set(source, tree);
  return tree ?? undefined;
}

function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const next = source.indexOf("\n", offset);
    if (next < 0) return source.length;
    offset = next + 1;
  }
  return offset + column;
}

const FUNCTIONS = new Set(["FunctionDeclaration", "FunctionExpression", "ArrowFunctionExpression"]);

/** Whether `offset` is in a try block with a catch clause, within the innermost function around it. */
export function insideTry(tree: Node, offset: number): boolean {
  let caught = false;
  let node: Node | undefined = tree;
  while (node !== undefined) {
    if (FUNCTIONS.has(node.type)) caught = false; // a try around a function's definition does not catch its calls
    const record = node as unknown as Record<string, unknown>;
    if (node.type === "TryStatement" && record.handler !== null) {
      const block = record.block as Node;
      if (block.start <= offset && offset < block.end) caught = true;
    }
    node = childAt(record, offset);
  }
  return caught;
}

function childAt(record: Record<string, unknown>, offset: number): Node | undefined {
  for (const key of Object.keys(record)) {
    const value = record[key];
    const candidates = Array.isArray(value) ? value : [value];
    for (const child of candidates) {
      if (
        child !== null &&
        typeof child === "object" &&
        typeof (child as Node).type === "string" &&
        typeof (child as Node).start === "number"
      ) {
        const c = child as Node;
        if (c.start <= offset && offset < c.end) return c;
      }
    }
  }
  return undefined;
}
