/** Proof trees: which fact proved which goal, nested; as text and as collapsible HTML. */
import { describe, expect, it } from "vitest";
import { type ProofNode, Session, write } from "../../dist/lib/logic/index.js";
import { svgImagesIn } from "../support/svg-images.js";

function family(): Session {
  const s = new Session();
  s.run(`(fact (parent delano herbert))
(fact (parent fillmore delano))
(fact (ancestor ?a ?y) (parent ?a ?y))
(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))`);
  return s;
}

/** A proof as nested [goal, fact number, children] for easy comparison. */
const shape = (nodes: readonly ProofNode[]): unknown[] => nodes.map((n) => [write(n.goal), n.factNumber, shape(n.children)]);

describe("proofs", () => {
  it("are the chapter's chain for (ancestor fillmore herbert): (1) … (4)", () => {
    const [proof] = family().query("(ancestor fillmore herbert)").proofs();
    expect(shape(proof.tree)).toEqual([
      [
        "(ancestor fillmore herbert)",
        4,
        [
          ["(parent fillmore delano)", 2, []],
          ["(ancestor delano herbert)", 3, [["(parent delano herbert)", 1, []]]],
        ],
      ],
    ]);
  });

  it("have one tree per clause of a compound query, with goals fully bound", () => {
    const [proof] = family().query("(ancestor ?x herbert) (parent ?x ?y)").proofs();
    expect(proof.answer).toEqual({ x: "delano", y: "herbert" });
    expect(shape(proof.tree)).toEqual([
      ["(ancestor delano herbert)", 3, [["(parent delano herbert)", 1, []]]],
      ["(parent delano herbert)", 1, []],
    ]);
  });

  it("read as indented text and as collapsible HTML", () => {
    const output = family().query("(ancestor ?a herbert)").collect({ format: "proof", limit: 2 });
    expect(String(output)).toBe(
      [
        "Success!",
        "a: delano",
        "  (ancestor delano herbert)    ; fact 3: (fact (ancestor ?a ?y) (parent ?a ?y))",
        "    (parent delano herbert)    ; fact 1",
        "a: fillmore",
        "  (ancestor fillmore herbert)    ; fact 4: (fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))",
        "    (parent fillmore delano)    ; fact 2",
        "    (ancestor delano herbert)    ; fact 3: (fact (ancestor ?a ?y) (parent ?a ?y))",
        "      (parent delano herbert)    ; fact 1",
      ].join("\n"),
    );
    const html = output[Symbol.for("jupyter.mimebundle") as never] as unknown as () => Record<string, string>;
    const bundle = html.call(output);
    expect(bundle["text/plain"]).toBe(String(output));
    expect(bundle["text/html"].match(/<details open/g)?.length).toBe(3);
    expect(bundle["text/html"]).toContain("<code>(parent delano herbert)</code>");
  });

  it("are drawn as SVG trees of boxes, and refuse to draw past 400 goals", () => {
    const [proof] = family().query("(ancestor fillmore herbert)").proofs();
    const drawing = proof.draw();
    expect(drawing.svg.match(/<rect /g)?.length).toBe(4);
    expect(drawing.svg.match(/<line /g)?.length).toBe(3);
    expect(drawing.svg).toContain(">(ancestor fillmore herbert)</text>");
    const bundle = (drawing as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("jupyter.mimebundle")]();
    expect(Object.keys(bundle).sort()).toEqual(["image/svg+xml", "text/html", "text/plain"]);
    expect(svgImagesIn(bundle["text/html"])).toEqual([drawing.svg]); // the same drawing as an image, for untrusted front ends
    const s = new Session();
    s.depth = Infinity;
    s.run(
      `${Array.from({ length: 500 }, (_, i) => `(fact (link n${i} n${i + 1}))`).join("\n")}\n(fact (path ?a ?a))\n(fact (path ?a ?c) (link ?a ?b) (path ?b ?c))`,
    );
    const [big] = s.query("(path n0 n500)").proofs();
    expect(() => big.draw()).toThrow(/too big to draw/);
  });

  it("survive deep recursion (a 5,000-step chain)", () => {
    const s = new Session();
    s.depth = Infinity;
    const facts = Array.from({ length: 5000 }, (_, i) => `(fact (link n${i} n${i + 1}))`).join("\n");
    s.run(`${facts}\n(fact (path ?a ?a))\n(fact (path ?a ?c) (link ?a ?b) (path ?b ?c))`);
    const [proof] = s.query("(path n0 n5000)").proofs();
    let depth = 0;
    for (let n: ProofNode | undefined = proof.tree[0]; n !== undefined; n = n.children[1]) depth++;
    expect(depth).toBe(5001);
    expect(String(proof).split("\n").length).toBe(10001);
  });

  it("are empty for a query of no clauses", () => {
    const [proof] = family().query("").proofs();
    expect(proof.tree).toEqual([]);
  });
});
