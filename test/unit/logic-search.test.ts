/** The search: order, duplicates, the depth limit and its note, statements, circular terms, depth of recursion, the index. */
import { describe, expect, it } from "vitest";
import { CircularTermError, LogicSyntaxError, Session } from "../../dist/lib/logic/index.js";

/** A session whose notes are collected instead of written to stderr. */
function session(program = ""): { s: Session; notes: string[]; run: (p: string, o?: Parameters<Session["run"]>[1]) => string } {
  const s = new Session();
  const notes: string[] = [];
  s.warn = (text) => void notes.push(text);
  const run = (p: string, o?: Parameters<Session["run"]>[1]) => String(s.run(p, o));
  run(program);
  return { s, notes, run };
}

describe("answers", () => {
  it("come in depth-first order over facts as stated, without de-duplication", () => {
    const { run } = session("(fact (likes ann tea)) (fact (likes bob tea)) (fact (likes ann tea)) (fact (drinks ?x ?y) (likes ?x ?y))");
    expect(run("(query (drinks ?who tea))")).toBe("Success!\nwho: ann\nwho: bob\nwho: ann");
  });

  it("print variables in order of first appearance, lists and dotted lists as the printer writes them", () => {
    const { run } = session("(fact (f (a b) (c . d) () 7))");
    expect(run("(query (f ?z (?h . ?t) ?e ?n))")).toBe("Success!\nz: (a b)\th: c\tt: d\te: ()\tn: 7");
  });

  it("show unbound variables by name, renamed ones as ?name_N", () => {
    const { run } = session("(fact (same ?x ?x)) (fact (any ?y))");
    expect(run("(query (same ?a ?b))")).toBe("Success!\na: ?b\tb: ?b");
    expect(run("(query (any ?q) (same ?q ?r))")).toBe("Success!\nq: ?r\tr: ?r");
    expect(run("(query (same (?x) ?w))")).toMatch(/^Success!\nx: \?x\tw: \(\?x\)$/);
  });

  it("print a bare Success! for a query without variables, however many proofs it has", () => {
    const { run } = session("(fact (p)) (fact (p))");
    expect(run("(query (p))")).toBe("Success!");
    expect(run("(query)")).toBe("Success!");
  });

  it("match dotted lists in facts and in queries", () => {
    const { run } = session("(fact (first-rest (?a . ?r) ?a ?r)) (fact (nums 1 2 3))");
    expect(run("(query (first-rest (x y z) ?f ?rest))")).toBe("Success!\nf: x\trest: (y z)");
    expect(run("(query (nums . ?all))")).toBe("Success!\nall: (1 2 3)");
    expect(run("(query (nums 1 . ?rest))")).toBe("Success!\nrest: (2 3)");
    expect(run("(query (first-rest ?l 1 (2)))")).toBe("Success!\nl: (1 2)");
  });

  it("match goals whose relation is a variable, and facts whose relation is one", () => {
    const { run } = session("(fact (parent a b)) (fact (?any-relation z z)) (fact (child b a))");
    expect(run("(query (?rel a ?x))")).toBe("Success!\nrel: parent\tx: b");
    expect(run("(query (child z ?x))")).toBe("Success!\nx: z");
    expect(run("(query ?fact)")).toBe(
      "Success!\nfact: (parent a b)\tfact: (?any-relation_2 z z)\tfact: (child b a)".replace(/\tfact: /g, "\nfact: "),
    );
  });
});

describe("the depth limit", () => {
  const CHAIN = Array.from({ length: 30 }, (_, i) => `(fact (parent n${i} n${i + 1}))`).join("\n");
  const RULES = "(fact (ancestor ?a ?y) (parent ?a ?y))\n(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))";

  it("is 20 by default, as in the reference, and a cut search is noted on stderr", () => {
    const { s, notes, run } = session(`${CHAIN}\n${RULES}`);
    expect(s.depth).toBe(20);
    const out = run("(query (ancestor ?a n30))");
    expect(out.split("\n").length).toBe(11); // Success! and 10 answers: n29, then n20 … n28
    expect(notes).toEqual([
      "note: depth limit 20 reached: clauses deeper than 20 were not tried, so answers may be missing (raise it with (depth N) or --depth N)\n",
    ]);
  });

  it("is changed by (depth N) for later queries, and really is", () => {
    const { s, notes, run } = session(`${CHAIN}\n${RULES}`);
    run("(depth 100)");
    expect(s.depth).toBe(100);
    expect(run("(query (ancestor ?a n30))").split("\n").length).toBe(31);
    expect(notes).toEqual([]);
    run("(depth 4)");
    expect(run("(query (ancestor ?a n30))")).toBe("Success!\na: n29\na: n28");
    run("(depth inf)");
    expect(s.depth).toBe(Infinity);
  });

  it("is overridden for one run by the depth option (--depth N)", () => {
    const { s, notes, run } = session(`${CHAIN}\n${RULES}`);
    expect(run("(query (ancestor n0 n30))", { depth: 80 })).toBe("Success!");
    expect(run("(query (ancestor n0 n30))")).toBe("Failed.");
    expect(s.depth).toBe(20);
    expect(notes.length).toBe(1);
  });

  it("says nothing when the search did not reach it", () => {
    const { notes, run } = session(`${CHAIN}\n${RULES}`);
    run("(query (ancestor n28 n30))");
    expect(notes).toEqual([]);
  });

  it("bounds a runaway recursion", () => {
    const { notes, run } = session("(fact (nat zero)) (fact (nat (s ?n)) (nat ?n))");
    expect(run("(query (nat ?x))", { depth: 3 })).toBe("Success!\nx: zero\nx: (s zero)\nx: (s (s zero))\nx: (s (s (s zero)))");
    expect(notes.length).toBe(1);
  });
});

describe("statements", () => {
  it("! and ? are fact and query; clear empties the database", () => {
    const { s, run } = session("(! (p a)) (! (p b))");
    expect(run("(? (p ?x))")).toBe("Success!\nx: a\nx: b");
    expect(run("clear (query (p ?x))")).toBe("Failed.");
    expect(s.facts).toEqual([]);
    run("(! (p c)) (clear)");
    expect(s.facts.length).toBe(0);
  });

  it("help prints the language's summary", () => {
    const { run } = session();
    expect(run("help")).toMatch(/^The logic language/);
  });

  it("are checked before any runs: an error leaves the database unchanged", () => {
    const { s, run } = session("(fact (p a))");
    expect(() => run("(fact (p b))\n(fact (p c))\n(frobnicate (p d))")).toThrow(
      "line 3, column 2: unknown keyword 'frobnicate' (expected fact, !, query, ?, clear, depth or help)",
    );
    expect(() => run("(fact (p b))\n  (fact)")).toThrow("line 2, column 4: (fact) needs a conclusion");
    expect(() => run("(fact (p b)) (depth x)")).toThrow("line 1, column 15: (depth N) takes one whole number");
    expect(() => run("(fact (p b)) (fact . x)")).toThrow("line 1, column 15: malformed fact: a statement cannot be a dotted list");
    expect(() => run("(fact (p b)) 42")).toThrow(LogicSyntaxError);
    expect(() => run("(fact (p b)) clear (query (p ?x)")).toThrow("line 1, column 20: unbalanced parentheses");
    expect(s.facts.map(String)).toEqual(["((p a))"]);
  });
});

describe("circular bindings", () => {
  it("fail with the occurs check (on by default)", () => {
    const { run } = session("(fact (eq ?x ?x))");
    expect(run("(query (eq ?a (f ?a)))")).toBe("Failed.");
    expect(run("(query (eq (g ?b) ?b))")).toBe("Failed.");
    expect(run("(query (eq ?c ?c))")).toBe("Success!\nc: ?c");
  });

  it("are a clear error without it, never a hang", () => {
    const { s, run } = session("(fact (eq ?x ?x))");
    s.occursCheck = false;
    expect(() => run("(query (eq ?a (f ?a)))")).toThrow(CircularTermError);
    expect(() => run("(query (eq ?a (f ?a)))")).toThrow("circular binding: ?a is bound to a term that contains it");
    run("(fact (loopy) (eq ?a (f ?a)) (eq ?b (f (f ?b))) (eq ?a ?b))");
    expect(run("(query (loopy))")).toBe("Success!"); // circular terms unify (as infinite trees) and the search ends
  });
});

describe("depth of recursion", () => {
  it("is not limited by the JavaScript stack", () => {
    const { s } = session();
    s.depth = Infinity;
    s.run("(fact (count () done)) (fact (count (?x . ?r) ?d) (count ?r ?d))");
    const items = Array.from({ length: 100_000 }, () => "x").join(" ");
    expect([...s.query(`(count (${items}) ?d)`)]).toEqual([{ d: "done" }]);
  });

  it("nor by how deeply answers nest", () => {
    const { s } = session("(fact (wrap () ?x ?x)) (fact (wrap (?h . ?t) ?x ?y) (wrap ?t (s ?x) ?y))");
    s.depth = Infinity;
    const n = 50_000;
    const [answer] = s.query(`(wrap (${Array.from({ length: n }, () => "x").join(" ")}) zero ?r)`);
    let depth = 0;
    for (let v = answer.r; Array.isArray(v); v = v[1]) depth++;
    expect(depth).toBe(n);
    expect(String(s.query(`(wrap (x x x) zero ?r)`))).toBe("Success!\nr: (s (s (s zero)))");
  });

  it("nor by how deeply facts and queries nest", () => {
    const { s } = session();
    const deep = `${"(".repeat(20_000)}core${")".repeat(20_000)}`;
    s.fact(`(nested ${deep})`);
    expect([...s.query(`(nested ${deep.replace("core", "?what")})`)]).toEqual([{ what: "core" }]);
  });

  it("nor by the length of lists in answers", () => {
    const { s } = session("(fact (append-to-form () ?x ?x)) (fact (append-to-form (?a . ?r) ?y (?a . ?z)) (append-to-form ?r ?y ?z))");
    s.depth = Infinity;
    const n = 50_000;
    const [answer] = s.query(`(append-to-form (${Array.from({ length: n }, (_, i) => i).join(" ")}) (end) ?all)`);
    expect((answer.all as unknown[]).length).toBe(n + 1);
  });
});

describe("the first-argument index", () => {
  it("keeps stated order among facts with constant and variable first arguments", () => {
    const { run } = session(
      "(fact (k a 1)) (fact (k ?any 2)) (fact (k b 3)) (fact (k a 4)) (fact (k ?x 5)) (fact (k (l) 6)) (fact (k . ?r) 7)",
    );
    expect(run("(query (k a ?n))")).toBe("Success!\nn: 1\nn: 2\nn: 4\nn: 5");
    expect(run("(query (k c ?n))")).toBe("Success!\nn: 2\nn: 5");
    expect(run("(query (k (l) ?n))")).toBe("Success!\nn: 2\nn: 5\nn: 6");
    expect(run("(query (k ?w ?n))").split("\n").length).toBe(7);
  });

  it("finds facts stated after a relation was first queried", () => {
    const { run } = session("(fact (r 1))");
    expect(run("(query (r ?x))")).toBe("Success!\nx: 1");
    run("(fact (r 2)) (fact (?rel 3))");
    expect(run("(query (r ?x))")).toBe("Success!\nx: 1\nx: 2\nx: 3");
    expect(run("(query (new ?x))")).toBe("Success!\nx: 3");
  });

  it("treats numbers and symbols as different keys", () => {
    const { run } = session("(fact (n 1 one)) (fact (n one symbol))");
    expect(run("(query (n 1 ?w))")).toBe("Success!\nw: one");
  });

  it("scales: a goal with a bound first argument looks at its own facts only", () => {
    const { s } = session();
    s.run(Array.from({ length: 20_000 }, (_, i) => `(fact (edge v${i} v${i + 1}))`).join("\n"));
    const q = s.query("(edge v19999 ?next)");
    const start = performance.now();
    for (let i = 0; i < 2000; i++) [...q];
    expect(performance.now() - start).toBeLessThan(1000); // 20,000 facts scanned 2,000 times would take far longer
  });
});

it("a statement interrupted while stating facts is undone, keeping the database consistent", () => {
  const { s } = session("(fact (p a))");
  const database = s.database as unknown as { index: (...args: unknown[]) => void };
  const index = database.index;
  let calls = 0;
  database.index = function (this: unknown, ...args: unknown[]) {
    if (++calls === 2) throw new Error("interrupted"); // as an interrupt would, midway
    return index.apply(this, args);
  };
  expect(() => s.database.add([...s.query("").goals] as never)).not.toThrow();
  expect(() => s.fact("(p b)")).not.toThrow();
  expect(() => s.fact("(p c)")).toThrow("interrupted");
  database.index = index;
  expect(s.facts.map(String)).toEqual(["((p a))", "((p b))"]);
  expect(String(s.run("(query (p ?x))"))).toBe("Success!\nx: a\nx: b");
});
