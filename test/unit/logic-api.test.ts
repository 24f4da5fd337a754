/** The TypeScript API: logic.fact / logic.query on the shared session, lazy answers as plain values, search(), displays. */
import { describe, expect, expectTypeOf, it } from "vitest";
import { bind, Frame, logic, type Value, nil, Pair, Query, QueryOutput, read, search, Session, write } from "../../dist/lib/logic/index.js";
import * as again from "../../dist/lib/logic/index.js";

const MIMEBUNDLE = Symbol.for("jupyter.mimebundle");
const bundleOf = (value: object): Record<string, string> => (value as Record<symbol, () => Record<string, string>>)[MIMEBUNDLE]();

describe("logic: the default session", () => {
  it("states facts and answers queries with plain objects, lists as arrays", () => {
    logic.clear();
    logic.fact("(parent abraham barack)");
    logic.fact("(parent abraham clinton)");
    logic.fact("(dog (name barack) (color tan))");
    logic.fact("(child ?c ?p) (parent ?p ?c)");
    expect([...logic.query("(child ?kid abraham)")]).toEqual([{ kid: "barack" }, { kid: "clinton" }]);
    expect([...logic.query("(dog (name ?n) . ?rest)")]).toEqual([{ n: "barack", rest: [["color", "tan"]] }]);
    expect([...logic.query("(child barack abraham)")]).toEqual([{}]);
    expect([...logic.query("(child abraham barack)")]).toEqual([]);
    logic.clear();
    expect(logic.facts).toEqual([]);
  });

  it("is one module-level instance", () => {
    expect(again.logic).toBe(logic);
  });

  it("accepts expressions as well as text", () => {
    const s = new Session();
    s.fact(read("(edge a b)"));
    s.fact(read("(path ?x ?y)"), read("(edge ?x ?y)"));
    expect([...s.query([read("(path a ?to)")])]).toEqual([{ to: "b" }]);
  });

  it("keeps dotted lists as Pairs and numbers as numbers", () => {
    const s = new Session();
    s.fact("(pair (1 . 2) (3 4) ())");
    const [answer] = s.query("(pair ?dotted ?proper ?empty)");
    expect(answer.dotted).toEqual(new Pair(1, 2));
    expect(answer.proper).toEqual([3, 4]);
    expect(answer.empty).toEqual([]);
  });
});

describe("queries", () => {
  it("are lazy: only the answers asked for are searched", () => {
    const s = new Session();
    s.depth = Infinity;
    s.fact("(nat zero)");
    s.fact("(nat (s ?n)) (nat ?n)");
    const firstThree: Value[] = [];
    for (const { n } of s.query("(nat ?n)")) {
      firstThree.push(n);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).toEqual(["zero", ["s", "zero"], ["s", ["s", "zero"]]]);
  });

  it("can be iterated again, each time against the database as it is then", () => {
    const s = new Session();
    s.fact("(color red)");
    const colors = s.query("(color ?c)");
    expect([...colors].length).toBe(1);
    s.fact("(color blue)");
    expect([...colors]).toEqual([{ c: "red" }, { c: "blue" }]);
  });

  it("note a depth cut on stderr when their iteration ends", () => {
    const s = new Session();
    const notes: string[] = [];
    s.warn = (t) => void notes.push(t);
    s.fact("(nat zero)");
    s.fact("(nat (s ?n)) (nat ?n)");
    expect([...s.query("(nat ?n)", { depth: 2 })].length).toBe(3);
    expect(notes).toEqual([expect.stringContaining("depth limit 2 reached")]);
  });

  it("are typed by their variables", () => {
    const q = logic.query("(ancestor ?a herbert) (dog (name ?a) ?info)");
    expectTypeOf(q).toEqualTypeOf<Query<{ a: Value; info: Value }>>();
    const dynamic: string = "(p ?x)";
    expectTypeOf(logic.query(dynamic)).toEqualTypeOf<Query<{ [x: string]: Value }>>();
  });

  it("show the chapter's lines when displayed, and a table or proofs when collected so", () => {
    const s = new Session();
    s.run("(fact (parent abraham barack)) (fact (parent abraham clinton))");
    const q = s.query("(parent ?p ?c)");
    expect(bundleOf(q)).toEqual({ "text/plain": "Success!\np: abraham\tc: barack\np: abraham\tc: clinton" });
    expect(String(q)).toBe("Success!\np: abraham\tc: barack\np: abraham\tc: clinton");
    const table = q.collect({ format: "table" });
    expect(table).toBeInstanceOf(QueryOutput);
    const bundle = bundleOf(table);
    expect(bundle["text/plain"]).toBe(String(q));
    expect(bundle["text/html"]).toMatch(/<caption style="[^"]*">Success! 2 answers<\/caption>/);
    expect(bundle["text/html"]).toContain('<td style="text-align:left;font-family:monospace">clinton</td>');
    expect(table.answers()).toEqual([
      { p: "abraham", c: "barack" },
      { p: "abraham", c: "clinton" },
    ]);
    expect(bundleOf(s.query("(parent ?x ?x)").collect({ format: "table" }))["text/html"]).toContain("Failed.");
    expect(s.query("(parent ?p ?c)").collect({ limit: 1 })).toMatchObject({
      limited: true,
      solutions: [{ values: ["abraham", "barack"] }],
    });
  });

  it("shown as a cell's value, stop at 1000 answers or 10 s, since Interrupt cannot reach a display", () => {
    const s = new Session();
    const notes: string[] = [];
    s.warn = (t) => void notes.push(t);
    s.depth = Infinity;
    s.run("(fact (nat zero)) (fact (nat (s ?n)) (nat ?n)) (fact (spin) (spin))");
    expect(bundleOf(s.query("(nat ?n)"))["text/plain"].split("\n").length).toBe(1001);
    expect(notes).toEqual(["note: showing the first 1000 answers; iterate the query for the rest\n"]);
    const saved = { ...Query.display };
    Query.display.seconds = 0.2;
    try {
      const start = performance.now();
      expect(bundleOf(s.query("(spin)"))["text/plain"]).toBe("Failed.");
      expect(performance.now() - start).toBeLessThan(5000);
      expect(notes[1]).toMatch(/^note: stopped showing this query after 0.2 s/);
      expect(s.query("(spin)").collect({ seconds: 0.1 }).stopped).toBe(true);
    } finally {
      Object.assign(Query.display, saved);
    }
  });

  it("escape HTML in answers", () => {
    const s = new Session();
    s.fact("(tag <b>&)");
    expect(bundleOf(s.query("(tag ?t)").collect({ format: "table" }))["text/html"]).toContain("&lt;b&gt;&amp;");
  });
});

describe("the chapter's search(clauses, env, depth)", () => {
  it("yields Frames extending env, over the default session's facts", () => {
    logic.clear();
    logic.fact("(parent abraham barack)");
    logic.fact("(parent abraham clinton)");
    const env = new Frame(null);
    env.define("?p", "abraham");
    const frames = [...search(read("((parent ?p ?child))"), env, 0)];
    expect(frames.map((f) => write(bind(read("?child"), f)))).toEqual(["barack", "clinton"]);
    expect(frames[0].parent).toBe(env);
    expect(frames[0].lookup("?p")).toBe("abraham");
    expect([...search(nil)].length).toBe(1);
    logic.clear();
  });

  it("searches another session when given one", () => {
    const s = new Session();
    s.fact("(x 1)");
    expect([...search(read("((x ?v))"), new Frame(null), 0, s)].map((f) => f.lookup("?v"))).toEqual([1]);
  });
});

describe("transcripts", () => {
  it("collect a program's outputs and show them in order", () => {
    const s = new Session();
    const t = s.run("(fact (p 1)) (query (p ?x)) (fact (p 2)) (query (p ?x)) (query (q))");
    expect(t.outputs.length).toBe(3);
    expect(String(t)).toBe("Success!\nx: 1\nSuccess!\nx: 1\nx: 2\nFailed.");
    expect(bundleOf(t)).toEqual({ "text/plain": String(t) });
    expect(bundleOf(s.run("(query (p ?x))", { table: true }))["text/html"]).toContain("<table>");
  });
});
