/**
 * The same answers as the chapter's interpreter. `reference` below is the chapter's `search`,
 * `unify` and `rename_variables`, ported line for line (recursive generators, Frames, renamed
 * copies, DEPTH_LIMIT checked as `depth <= DEPTH_LIMIT`); the iterative machine must print what
 * it prints, in the same order, for the chapter's programs and for random ones at random depth
 * limits (including the answers a depth limit drops).
 */
import { describe, expect, it } from "vitest";
import { bind, type Expr, Frame, isvar, list, nil, Pair, readAll, Session, variablesOf, write } from "../../lib/logic/index.js";

/** The chapter's interpreter over `facts` (each `(conclusion hypothesis…)`). */
function reference(facts: Pair[], depthLimit: number) {
  let ids = 0;
  const lookup = (e: Expr, env: Frame): Expr => {
    for (;;) {
      if (!isvar(e)) return e;
      const v = env.lookup(e);
      if (v === undefined) return e;
      e = v;
    }
  };
  const unify = (e: Expr, f: Expr, env: Frame): boolean => {
    e = lookup(e, env);
    f = lookup(f, env);
    if (e === f) return true;
    if (isvar(e)) return env.define(e, f), true;
    if (isvar(f)) return env.define(f, e), true;
    if (!(e instanceof Pair) || !(f instanceof Pair)) return false;
    return unify(e.first, f.first, env) && unify(e.second, f.second, env);
  };
  const rename = (e: Expr, n: number): Expr => (isvar(e) ? `${e}_${n}` : e instanceof Pair ? new Pair(rename(e.first, n), rename(e.second, n)) : e);
  function* search(clauses: Expr, env: Frame, depth: number): Generator<Frame> {
    if (clauses === nil) yield env;
    else if (depth <= depthLimit) {
      for (const fact of facts) {
        const renamed = rename(fact, ++ids) as Pair;
        const envHead = new Frame(env);
        if (unify(renamed.first, (clauses as Pair).first, envHead)) {
          for (const envRule of search(renamed.second, envHead, depth + 1)) yield* search((clauses as Pair).second, envRule, depth + 1);
        }
      }
    }
  }
  return (query: Expr): string => {
    const vars = variablesOf(query);
    const lines: string[] = [];
    for (const env of search(query, new Frame(null), 0)) {
      const line = vars.map((v) => `${v.slice(1)}: ${write(bind(v, env))}`).join("\t");
      lines.push(line);
    }
    return lines.length === 0 ? "Failed." : ["Success!", ...lines.filter((l) => l !== "")].join("\n");
  };
}

/** Renamed variables (`?x_12`) numbered by first appearance in each line, so both namings compare. */
function canonical(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const names = new Map<string, string>();
      return line.replace(/\?[^\s()]+_\d+/g, (v) => names.get(v) ?? (names.set(v, `?_${names.size}`), `?_${names.size - 1}`));
    })
    .join("\n");
}

/** Runs a program in both interpreters; returns the two transcripts. */
function both(program: string, depth: number): [string, string] {
  const session = new Session();
  session.depth = depth;
  session.occursCheck = false; // as the reference: it has none
  session.warn = () => {};
  const facts: Pair[] = [];
  const ours: string[] = [];
  const theirs: string[] = [];
  for (const { expr } of readAll(program)) {
    const statement = expr as Pair;
    if (statement.first === "fact") facts.push(statement.second as Pair);
    else theirs.push(reference([...facts], depth)(statement.second));
    ours.push(...session.run(write(statement)).outputs.map(String));
  }
  return [canonical(ours.join("\n")), canonical(theirs.join("\n"))];
}

const CHAPTER = `
(fact (parent abraham barack)) (fact (parent abraham clinton)) (fact (parent delano herbert))
(fact (parent fillmore abraham)) (fact (parent fillmore delano)) (fact (parent fillmore grover))
(fact (parent eisenhower fillmore))
(query (parent abraham ?child))
(fact (child ?c ?p) (parent ?p ?c))
(query (child ?child fillmore)) (query (child herbert delano)) (query (child eisenhower ?parent))
(fact (ancestor ?a ?y) (parent ?a ?y))
(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))
(query (ancestor ?a herbert)) (query (ancestor ?a barack) (ancestor ?a herbert))
(fact (dog (name abraham) (color white))) (fact (dog (name barack) (color tan)))
(fact (dog (name clinton) (color white))) (fact (dog (name delano) (color white)))
(fact (dog (name eisenhower) (color tan))) (fact (dog (name fillmore) (color brown)))
(fact (dog (name grover) (color tan))) (fact (dog (name herbert) (color brown)))
(query (dog (name clinton) (color ?color))) (query (dog (name clinton) ?info))
(query (dog (name ?name) (color ?color)) (ancestor ?ancestor ?name) (dog (name ?ancestor) (color ?color)))
(fact (pedigree ?name) (dog (name ?name) . ?details))
(fact (pedigree ?child ?parent . ?rest) (parent ?parent ?child) (pedigree ?parent . ?rest))
(query (pedigree barack . ?lineage))
(fact (append-to-form () ?x ?x))
(fact (append-to-form (?a . ?r) ?y (?a . ?z)) (append-to-form ?r ?y ?z))
(query (append-to-form (a b c) (d e) ?result)) (query (append-to-form ?left ?right (a b c d e)))
(query (ancestor ?a clinton) (ancestor ?a ?brown-dog) (dog (name ?brown-dog) (color brown)))
(query (append-to-form ?x ?y ?z))
(query (pedigree ?who . ?line))
(query ?anything)
(query (?relation fillmore ?x))`;

describe("the iterative search prints what the chapter's interpreter prints", () => {
  it.each([20, 6, 3, 1, 0])("on the chapter's programs at depth limit %i", (depth) => {
    const [ours, theirs] = both(CHAPTER, depth);
    expect(ours).toBe(theirs);
  });

  it("including the answers the depth limit drops in a long chain", () => {
    const chain = Array.from({ length: 30 }, (_, i) => `(fact (parent n${i} n${i + 1}))`).join("\n");
    const program = `${chain}\n(fact (ancestor ?a ?y) (parent ?a ?y))\n(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))\n(query (ancestor ?a n30))`;
    const [ours, theirs] = both(program, 20);
    expect(ours).toBe(theirs);
    expect(ours.split("\n").slice(1)).toEqual(["a: n29", ...Array.from({ length: 9 }, (_, i) => `a: n${20 + i}`)]);
  });

  it("on random programs at random depth limits", () => {
    let seed = 20240601;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)];
    const atoms = ["a", "b", "c", "()", "(a b)", "(b . c)"];
    const args = [...atoms, "?x", "?y", "?z", "(?x . ?y)", "(a ?x)"];
    const rules = [
      "(fact (r ?x ?y) (p ?x ?y))",
      "(fact (r ?x ?y) (p ?x ?z) (r ?z ?y))",
      "(fact (q ?x) (p ?x ?x))",
      "(fact (q (?h . ?t)) (q ?t))",
      "(fact (s ?x ?y) (q ?x) (p ?y ?x))",
      "(fact (p ?x (wrap ?x)))",
      "(fact (app () ?l ?l))",
      "(fact (app (?h . ?t) ?l (?h . ?r)) (app ?t ?l ?r))",
      "(fact (?rel a a))",
      "(fact (t . ?all) (p . ?all))",
    ];
    let compared = 0;
    for (let round = 0; round < 60; round++) {
      const lines: string[] = [];
      for (let i = 0; i < 8; i++) lines.push(random(3) === 0 ? pick(rules) : `(fact (${pick(["p", "q", "r"])} ${pick(atoms)} ${pick(atoms)}))`);
      for (let i = 0; i < 6; i++) {
        const goals = Array.from({ length: 1 + random(2) }, () => `(${pick(["p", "q", "r", "s", "t", "app", "?rel"])} ${pick(args)} ${pick(args)}${random(4) === 0 ? ` ${pick(args)}` : ""})`);
        lines.push(`(query ${goals.join(" ")})`);
      }
      const program = lines.join("\n");
      let expected: [string, string];
      try {
        expected = both(program, random(9));
      } catch (error) {
        // A circular answer: the reference recurses until the stack overflows; ours names it.
        if (error instanceof RangeError || (error as Error).name === "CircularTermError") continue;
        throw error;
      }
      expect(expected[0], program).toBe(expected[1]);
      compared++;
    }
    expect(compared).toBeGreaterThan(45);
  });
});

it("the reference port itself reproduces the chapter", () => {
  const facts = readAll(CHAPTER)
    .map((d) => d.expr as Pair)
    .filter((s) => s.first === "fact")
    .map((s) => s.second as Pair);
  expect(reference(facts, 20)(list(readAll("(ancestor ?a herbert)").map((d) => d.expr)))).toBe(
    "Success!\na: delano\na: fillmore\na: eisenhower",
  );
});
