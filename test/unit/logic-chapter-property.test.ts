/**
 * The engine answers as the chapter's interpreter does. `chapter` (lib/logic/chapter/) is section
 * 4.4's `search`, `unify`, `bind` and `rename_variables` function for function (recursive
 * generators, Frames, renamed copies, DEPTH_LIMIT checked as `depth <= DEPTH_LIMIT`); the engine
 * behind `%logic` (a trail machine) must print what it prints, in the same order, for the
 * chapter's programs and for generated ones at random depth limits (including the answers a depth
 * limit drops), with the occurs check on and off.
 */
import { describe, expect, it } from "vitest";
import { chapter, type Expr, list, type Pair, readAll, Session, write } from "../../dist/lib/logic/index.js";
import { seededRandom } from "../../dist/lib/sequences/seeded-random.js";

/** Renamed variables (`?x_12`) renumbered by first appearance in each line, so both numberings compare. */
function canonical(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const names = new Map<string, string>();
      return line.replace(
        /(\?[^\s()]+)_(\d+)/g,
        (v, name) => names.get(v) ?? (names.set(v, `${name}_#${names.size}`), `${name}_#${names.size - 1}`),
      );
    })
    .join("\n");
}

/** What one interpreter printed for a program: its lines, or the name of the error that ended it. */
function outcome(run: () => string[]): string {
  try {
    return canonical(run().join("\n"));
  } catch (error) {
    return `error: ${(error as Error).name}`;
  }
}

/** Runs a program's facts and queries in both interpreters; returns the two transcripts, query by query. */
function both(program: string, depth: number, occursCheck: boolean): [string[], string[]] {
  const session = new Session();
  session.depth = depth;
  session.occursCheck = occursCheck;
  session.warn = () => {};
  const facts: Pair[] = [];
  const engine: string[] = [];
  const reference: string[] = [];
  for (const { expr } of readAll(program)) {
    const statement = expr as Pair;
    if (statement.first === "fact") {
      facts.push(statement.second as Pair);
      session.run(write(statement));
    } else {
      reference.push(outcome(() => chapter.query(statement.second, chapter.chapterProgram([...facts], depth, occursCheck))));
      engine.push(outcome(() => session.run(write(statement)).outputs.map(String)));
    }
  }
  return [engine, reference];
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

/** A generated program: facts, rules (recursive ones among them), and queries, some with dotted tails. */
function generate(random: () => number): string {
  const below = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: readonly T[]): T => xs[below(xs.length)];
  const atoms = ["a", "b", "c", "()", "(a b)", "(b . c)", "(a b . c)"];
  const args = ["a", "b", "()", "(a b)", "?x", "?y", "?z", "?x", "?y", "?z", "?w", "(?x . ?y)", "(a ?x)", "(a . ?x)", "(?x ?y . ?z)"];
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
    "(fact (len () ()))",
    "(fact (len (?h . ?t) (s . ?n)) (len ?t ?n))",
  ];
  const lines: string[] = [];
  const facts = 4 + below(10);
  for (let i = 0; i < facts; i++)
    lines.push(below(3) === 0 ? pick(rules) : `(fact (${pick(["p", "q", "r"])} ${pick(atoms)} ${pick(atoms)}))`);
  const queries = 1 + below(4);
  for (let i = 0; i < queries; i++) {
    const goals = Array.from({ length: 1 + below(2) }, () => {
      const relation = pick(["p", "q", "r", "s", "t", "app", "len", "?rel"]);
      return below(6) === 0
        ? `(${relation} . ${pick(["?all", "(a . ?rest)"])})`
        : `(${relation} ${pick(args)} ${pick(args)}${below(8) === 0 ? ` ${pick(args)}` : ""})`;
    });
    // Statements interleave: a query sees only the facts stated before it.
    lines.splice(Math.floor(lines.length / 2) + below(lines.length), 0, `(query ${goals.join(" ")})`);
  }
  return lines.join("\n");
}

describe("the engine prints what the chapter's interpreter prints", () => {
  it.each([20, 6, 3, 1, 0])("on the chapter's programs at depth limit %i", (depth) => {
    const [engine, reference] = both(CHAPTER, depth, false);
    expect(engine).toEqual(reference);
  });

  it("including the answers the depth limit drops in a long chain", () => {
    const chain = Array.from({ length: 30 }, (_, i) => `(fact (parent n${i} n${i + 1}))`).join("\n");
    const program = `${chain}\n(fact (ancestor ?a ?y) (parent ?a ?y))\n(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))\n(query (ancestor ?a n30))`;
    const [engine, reference] = both(program, 20, false);
    expect(engine).toEqual(reference);
    expect(engine[0].split("\n").slice(1)).toEqual(["a: n29", ...Array.from({ length: 9 }, (_, i) => `a: n${20 + i}`)]);
  });

  it("on 1,000 generated programs at random depth limits, occurs check on and off", () => {
    const random = seededRandom(20240601);
    let queries = 0;
    let answers = 0;
    let errors = 0;
    for (let round = 0; round < 1000; round++) {
      const program = generate(random);
      const depth = Math.floor(random() * 7);
      const occursCheck = round % 2 === 0;
      const [engine, reference] = both(program, depth, occursCheck);
      expect(engine, `depth ${depth}, occurs check ${occursCheck}:\n${program}`).toEqual(reference);
      queries += engine.length;
      answers += engine.filter((text) => text.startsWith("Success!")).length;
      errors += engine.filter((text) => text.startsWith("error")).length;
    }
    // The generator makes programs that answer, not only ones that fail.
    expect(queries).toBeGreaterThan(1500);
    expect(answers).toBeGreaterThan(300);
    // Without the occurs check some answers are circular: both interpreters must name them.
    expect(errors).toBeGreaterThan(0);
  });
});

it("the chapter's interpreter reproduces the chapter", () => {
  const facts = readAll(CHAPTER)
    .map((d) => d.expr as Pair)
    .filter((s) => s.first === "fact")
    .map((s) => s.second as Pair);
  const goals: Expr = list(readAll("(ancestor ?a herbert)").map((d) => d.expr));
  expect(chapter.query(goals, chapter.chapterProgram(facts))).toEqual(["Success!", "a: delano", "a: fillmore", "a: eisenhower"]);
});
