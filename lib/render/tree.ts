/**
 * Trees as collapsible HTML (nested `<details>`, open) and as indented text, for proofs and
 * other nested results. Both renderings walk the tree with an explicit stack, so a proof ten
 * thousand steps deep renders without overflowing the JavaScript stack.
 */
import { escapeHtml } from "./html.js";

/** A node: its label, an optional note shown after it (dimmed in HTML), and its children. */
export interface TreeNode {
  label: string;
  note?: string;
  children: readonly TreeNode[];
}

/** The tree as text, two spaces of indentation per level, notes after the label. */
export function treeText(roots: readonly TreeNode[], indent = ""): string {
  const lines: string[] = [];
  const stack: { node: TreeNode; depth: number }[] = [...roots].reverse().map((node) => ({ node, depth: 0 }));
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    lines.push(`${indent}${"  ".repeat(depth)}${node.label}${node.note === undefined ? "" : `    ${node.note}`}`);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i], depth: depth + 1 });
  }
  return lines.join("\n");
}

/** The tree as nested, open `<details>` elements; leaves are plain lines. */
export function treeHtml(roots: readonly TreeNode[]): string {
  const labelHtml = (node: TreeNode) =>
    `<code>${escapeHtml(node.label)}</code>${node.note === undefined ? "" : ` <span style="opacity:0.6">${escapeHtml(node.note)}</span>`}`;
  let out = "";
  type Item = { node: TreeNode } | { close: string };
  const stack: Item[] = [...roots].reverse().map((node) => ({ node }));
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("close" in item) {
      out += item.close;
      continue;
    }
    const { node } = item;
    if (node.children.length === 0) {
      out += `<div style="margin-left:1.2em">${labelHtml(node)}</div>`;
      continue;
    }
    out += `<details open style="margin-left:0.2em"><summary>${labelHtml(node)}</summary><div style="margin-left:1em;border-left:1px solid #ccc;padding-left:0.2em">`;
    stack.push({ close: "</div></details>" });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i] });
  }
  return out;
}
