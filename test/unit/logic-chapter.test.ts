/** Every example of sections 4.3 and 4.4, with the chapter's answers and the Success!/Failed. lines. */
import { beforeAll, describe, expect, it } from "vitest";
import { Session } from "../../dist/lib/logic/index.js";

const PARENTS = `
(fact (parent abraham barack))
(fact (parent abraham clinton))
(fact (parent delano herbert))
(fact (parent fillmore abraham))
(fact (parent fillmore delano))
(fact (parent fillmore grover))
(fact (parent eisenhower fillmore))`;

const DOGS = `
(fact (dog (name abraham) (color white)))
(fact (dog (name barack) (color tan)))
(fact (dog (name clinton) (color white)))
(fact (dog (name delano) (color white)))
(fact (dog (name eisenhower) (color tan)))
(fact (dog (name fillmore) (color brown)))
(fact (dog (name grover) (color tan)))
(fact (dog (name herbert) (color brown)))`;

let session: Session;
let notes: string[];
/** What the interpreter prints for a program, as one string. */
const run = (program: string): string => String(session.run(program));

beforeAll(() => {
  session = new Session();
  notes = [];
  session.warn = (text) => void notes.push(text);
});

describe("4.3.1 facts and queries", () => {
  it("states facts without output", () => {
    expect(run(PARENTS)).toBe("");
    expect(session.facts.length).toBe(7);
  });

  it("(query (parent abraham ?child))", () => {
    expect(run("(query (parent abraham ?child))")).toBe("Success!\nchild: barack\nchild: clinton");
  });

  it("compound facts: (child ?c ?p) from parent", () => {
    run("(fact (child ?c ?p) (parent ?p ?c))");
    expect(run("(query (child ?child fillmore))")).toBe("Success!\nchild: abraham\nchild: delano\nchild: grover");
  });

  it("a query without variables verifies a fact", () => {
    expect(run("(query (child herbert delano))")).toBe("Success!");
  });

  it("a query that matches nothing fails", () => {
    expect(run("(query (child eisenhower ?parent))")).toBe("Failed.");
  });
});

describe("4.3.2 recursive facts", () => {
  it("all ancestors of herbert", () => {
    run("(fact (ancestor ?a ?y) (parent ?a ?y))\n(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))");
    expect(run("(query (ancestor ?a herbert))")).toBe("Success!\na: delano\na: fillmore\na: eisenhower");
  });

  it("compound queries: ancestors of both herbert and barack", () => {
    expect(run("(query (ancestor ?a barack) (ancestor ?a herbert))")).toBe("Success!\na: fillmore\na: eisenhower");
  });

  it("the chain of inference for (ancestor fillmore herbert)", () => {
    expect(run("(query (parent delano herbert))")).toBe("Success!");
    expect(run("(query (ancestor delano herbert))")).toBe("Success!");
    expect(run("(query (parent fillmore delano))")).toBe("Success!");
    expect(run("(query (ancestor fillmore herbert))")).toBe("Success!");
  });

  it("hierarchical facts: a variable matches a whole list", () => {
    expect(run(DOGS)).toBe("");
    expect(run("(query (dog (name clinton) (color ?color)))")).toBe("Success!\ncolor: white");
    expect(run("(query (dog (name clinton) ?info))")).toBe("Success!\ninfo: (color white)");
  });

  it("joins: pairs of dogs, one the ancestor of the other, sharing a color", () => {
    const out = run(`(query (dog (name ?name) (color ?color))
              (ancestor ?ancestor ?name)
              (dog (name ?ancestor) (color ?color)))`);
    expect(out).toBe(
      [
        "Success!",
        "name: barack\tcolor: tan\tancestor: eisenhower",
        "name: clinton\tcolor: white\tancestor: abraham",
        "name: grover\tcolor: tan\tancestor: eisenhower",
        "name: herbert\tcolor: brown\tancestor: fillmore",
      ].join("\n"),
    );
  });

  it("dot notation in facts and queries: pedigrees", () => {
    run(`(fact (pedigree ?name) (dog (name ?name) . ?details))
         (fact (pedigree ?child ?parent . ?rest)
               (parent ?parent ?child)
               (pedigree ?parent . ?rest))`);
    expect(run("(query (pedigree barack . ?lineage))")).toBe(
      "Success!\nlineage: ()\nlineage: (abraham)\nlineage: (abraham fillmore)\nlineage: (abraham fillmore eisenhower)",
    );
  });

  it("append-to-form, forwards and backwards", () => {
    run("(fact (append-to-form () ?x ?x))");
    run("(fact (append-to-form (?a . ?r) ?y (?a . ?z)) (append-to-form ?r ?y ?z))");
    expect(run("(query (append-to-form (a b c) (d e) ?result))")).toBe("Success!\nresult: (a b c d e)");
    expect(run("(query (append-to-form ?left ?right (a b c d e)))")).toBe(
      [
        "Success!",
        "left: ()\tright: (a b c d e)",
        "left: (a)\tright: (b c d e)",
        "left: (a b)\tright: (c d e)",
        "left: (a b c)\tright: (d e)",
        "left: (a b c d)\tright: (e)",
        "left: (a b c d e)\tright: ()",
      ].join("\n"),
    );
  });
});

describe("4.4.4 proofs", () => {
  it("a common ancestor of clinton and a brown dog", () => {
    const out = run(`(query (ancestor ?a clinton)
              (ancestor ?a ?brown-dog)
              (dog (name ?brown-dog) (color brown)))`);
    expect(out).toBe("Success!\na: fillmore\tbrown-dog: herbert\na: eisenhower\tbrown-dog: fillmore\na: eisenhower\tbrown-dog: herbert");
  });

  it("each answer is a trace of a larger proof that uses (parent abraham clinton) and (parent fillmore abraham)", () => {
    const [first] = session.query("(ancestor ?a clinton) (ancestor ?a ?brown-dog) (dog (name ?brown-dog) (color brown))").proofs();
    const text = String(first);
    expect(text).toContain("(parent abraham clinton)");
    expect(text).toContain("(parent fillmore abraham)");
    expect(text.split("\n")[0]).toBe("a: fillmore\tbrown-dog: herbert");
  });

  it("none of these searches reached the depth limit", () => {
    expect(notes).toEqual([]);
  });
});
