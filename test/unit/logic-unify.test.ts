/** Frame, unify and bind as the chapter shows them (4.4.2, 4.4.3), with the occurs check. */
import { describe, expect, it } from "vitest";
import { bind, CircularTermError, Frame, list, lookup, nil, Pair, read, unify, write } from "../../dist/lib/logic/index.js";

describe("4.4.2: pattern matching with unify and Frame", () => {
  it("matches ((a b) c (a b)) with (?x c ?x), binding ?x to (a b)", () => {
    const e = read("((a b) c (a b))");
    const f = read("(?x c ?x)");
    const env = new Frame(null);
    expect(unify(e, f, env)).toBe(true);
    expect(env.bindings).toEqual({ "?x": new Pair("a", new Pair("b", nil)) });
    expect(String(env.lookup("?x"))).toBe("(a b)");
  });

  it("matches the same expression with ((a ?y) ?z (a b)): ?y is b and ?z is c (4.4.1)", () => {
    const env = new Frame(null);
    expect(unify(read("((a b) c (a b))"), read("((a ?y) ?z (a b))"), env)).toBe(true);
    expect(env.bindings).toEqual({ "?y": "b", "?z": "c" });
  });

  it("fails on a contradiction", () => {
    expect(unify(read("((a b) c (a d))"), read("(?x c ?x)"), new Frame(null))).toBe(false);
    expect(unify(read("(a b)"), read("(a b c)"), new Frame(null))).toBe(false);
    expect(unify(read("a"), read("(a)"), new Frame(null))).toBe(false);
  });
});

describe("4.4.3: the unification algorithm", () => {
  it("unifies (?x ?x) with ((a ?y c) (a b ?z)) step by step, and bind resolves fully", () => {
    const e = read("(?x ?x)");
    const f = read(" ((a ?y c) (a b ?z))");
    const env = new Frame(null);
    expect(unify(e, f, env)).toBe(true);
    expect(env.bindings).toEqual({ "?x": list(["a", "?y", "c"]), "?y": "b", "?z": "c" });
    expect(Object.keys(env.bindings)).toEqual(["?x", "?y", "?z"]); // the order the steps bind them
    expect(String(bind(e, env))).toBe("((a b c) (a b c))");
  });

  it("looks variables up through chains and parent frames", () => {
    const parent = new Frame(null);
    parent.define("?a", "?b");
    const env = new Frame(parent);
    env.define("?b", read("(x y)"));
    expect(env.lookup("?a")).toBe("?b");
    expect(write(lookup("?a", env))).toBe("(x y)");
    expect(lookup("?c", env)).toBe("?c");
    expect(env.lookup("?c")).toBeUndefined();
    expect(Object.keys(env.bindings)).toEqual(["?b"]);
  });

  it("never changes existing bindings", () => {
    const env = new Frame(null);
    env.define("?x", "a");
    expect(unify("?x", "b", env)).toBe(false);
    expect(env.bindings).toEqual({ "?x": "a" });
  });

  it("unifies long lists without overflowing the stack", () => {
    const n = 100_000;
    const env = new Frame(null);
    const xs = list(Array.from({ length: n }, (_, i) => `?v${i}`));
    const values = list(Array.from({ length: n }, (_, i) => i));
    expect(unify(xs, values, env)).toBe(true);
    expect(lookup(`?v${n - 1}`, env)).toBe(n - 1);
  });
});

describe("circular bindings", () => {
  it("are refused by the occurs check (on by default)", () => {
    const env = new Frame(null);
    expect(unify(read("?a"), read("(f ?a)"), env)).toBe(false);
    expect(unify(read("(?x ?x)"), read("(?y (g ?y))"), new Frame(null))).toBe(false);
  });

  it("raise a clear error in bind when the occurs check is off", () => {
    const env = new Frame(null);
    expect(unify(read("?a"), read("(f ?a)"), env, false)).toBe(true);
    expect(() => bind(read("?a"), env)).toThrow(CircularTermError);
    expect(() => bind(read("?a"), env)).toThrow("circular binding: ?a = (f ?a) contains ?a");
  });

  it("do not hang unify or lookup when the occurs check is off", () => {
    const env = new Frame(null);
    unify("?a", read("(f ?a)"), env, false);
    unify("?b", read("(f (f ?b))"), env, false);
    expect(unify("?a", "?b", env, false)).toBe(true); // equal as infinite trees
    expect(unify("?a", read("(f (f (g)))"), env, false)).toBe(false);
    const loop = new Frame(null);
    for (let i = 0; i < 100; i++) loop.define(`?v${i}`, `?v${(i + 1) % 100}`);
    expect(() => lookup("?v0", loop)).toThrow(CircularTermError);
  });
});

it("bind leaves unbound variables as they are", () => {
  const env = new Frame(null);
  unify(read("(?a ?b)"), read("((x ?c) ?a)"), env);
  expect(write(bind(read("(?a ?b ?c)"), env))).toBe("((x ?c) (x ?c) ?c)");
});
