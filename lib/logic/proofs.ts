/**
 * Proofs. The chapter calls each answer "a trace of a larger proof"; the machine records, for
 * every goal it proves, which fact proved it (a `Step`), and this module turns the steps of an
 * answer into the proof tree: each goal, fully bound, with the fact that proved it and, nested
 * under it, the proofs of that fact's hypotheses.
 */
import { escapeHtml } from "../render/html.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { treeHtml, treeText, type TreeNode } from "../render/tree.js";
import { svgImage } from "../render/svg-image.js";
import { SvgDrawing, treeSvg } from "../render/tree-drawing.js";
import type { Value } from "./answers.js";
import { type Expr, nil, Pair } from "./expr.js";
import type { Step } from "./machine.js";
import { write } from "./printer.js";
import { toExpr } from "./terms.js";

/** A proved goal, the fact that proved it (as stated, and its number), and the proofs of its hypotheses. */
export interface ProofNode {
  goal: Expr;
  fact: Pair;
  /** 1 for the first fact stated. */
  factNumber: number;
  children: ProofNode[];
}

/** The proof trees of the current answer, one per clause of the query, from its last step. */
export function proofOf(last: Step | null): ProofNode[] {
  const steps: Step[] = [];
  for (let s = last; s !== null; s = s.previous) steps.push(s);
  steps.reverse();
  const nodes = new Map<Step, ProofNode>();
  const roots: ProofNode[] = [];
  for (const step of steps) {
    const node: ProofNode = { goal: toExpr(step.goal), fact: step.clause.source, factNumber: step.clause.order + 1, children: [] };
    nodes.set(step, node);
    if (step.parent === null) roots.push(node);
    else nodes.get(step.parent)!.children.push(node);
  }
  return roots;
}

/** How a fact reads in a proof: `fact 3` for a simple fact, `fact 9: (fact …)` for one with hypotheses. */
function factNote(node: ProofNode): string {
  return node.fact.second === nil ? `; fact ${node.factNumber}` : `; fact ${node.factNumber}: ${write(new Pair("fact", node.fact))}`;
}

/** The proof as a display tree (iteratively: proofs can be thousands of steps deep). */
function treeOf(nodes: readonly ProofNode[], note: (node: ProofNode) => string = factNote): TreeNode[] {
  type Mutable = { label: string; note: string; children: TreeNode[] };
  const roots: Mutable[] = [];
  const stack: { node: ProofNode; into: TreeNode[] }[] = [...nodes].reverse().map((node) => ({ node, into: roots }));
  while (stack.length > 0) {
    const { node, into } = stack.pop()!;
    const tree: Mutable = { label: write(node.goal), note: note(node), children: [] };
    into.push(tree);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], into: tree.children });
  }
  return roots;
}

/** A proof as indented text, one goal per line with the fact that proved it. */
export function proofText(proof: readonly ProofNode[], indent = ""): string {
  return treeText(treeOf(proof), indent);
}

/** A proof as collapsible HTML. */
export function proofHtml(proof: readonly ProofNode[]): string {
  return treeHtml(treeOf(proof));
}

/** A proof drawn as an SVG tree (goals in boxes, simple facts green); undefined past 400 goals. */
export function proofSvg(proof: readonly ProofNode[]): string | undefined {
  return treeSvg(treeOf(proof, (node) => `fact ${node.factNumber}`));
}

/** An answer line as HTML: bold code, TABs widened. */
export function answerLineHtml(line: string): string {
  return line === "" ? "" : `<div><b><code>${escapeHtml(line.replaceAll("\t", "   "))}</code></b></div>`;
}

/** A proof's drawing, folded away under the tree (empty when the proof is too big to draw). */
export function drawingHtml(proof: readonly ProofNode[]): string {
  const svg = proofSvg(proof);
  return svg === undefined || proof.length === 0
    ? ""
    : `<details style="margin-left:0.2em"><summary style="opacity:0.6">drawing</summary>${svgImage(svg, "proof tree")}</details>`;
}

/** One answer with its proof, shown as the answer line above a collapsible tree. */
export class Proof<A = Record<string, Value>> {
  constructor(
    readonly answer: A,
    readonly tree: readonly ProofNode[],
    private readonly line: string,
  ) {}

  /** The answer line and the indented proof. */
  toString(): string {
    return [this.line, proofText(this.tree, "  ")].filter((s) => s !== "").join("\n");
  }

  /** Text, and the proof as collapsible HTML. */
  [MIMEBUNDLE](): MimeBundle {
    return { "text/plain": this.toString(), "text/html": answerLineHtml(this.line) + proofHtml(this.tree) + drawingHtml(this.tree) };
  }

  /** The proof drawn as a tree of boxes (SVG); throws if it has more than 400 goals. */
  draw(): SvgDrawing {
    const svg = proofSvg(this.tree);
    if (svg === undefined) throw new RangeError("this proof is too big to draw (over 400 goals); see its text or HTML form");
    return new SvgDrawing(svg, this.toString());
  }
}
