/** Shipping functions to worker processes: what travels, what is refused, and why. */
import { describe, expect, it } from "vitest";
import { ShippingError, shipFunctions, sum, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { freeVariables } from "../../dist/lib/mapreduce/shipping/free-variables.js";
import { loadFunctions } from "../../dist/lib/mapreduce/runners/workers/worker-functions.js";

describe("freeVariables", () => {
  it("finds names used but not declared, and ignores properties, parameters and locals", () => {
    const source = `function (line, emit) {
      const { a, b: [c] } = line;
      for (const v of VOWELS) { try { emit(v, helper(c, a.length)) } catch (e) { log: console.log(e, { shorthand, key: 1 }) } }
      class K { method() { return this.x } }
      return Math.max(...[outer]);
    }`;
    expect(freeVariables(source).sort()).toEqual(["Math", "VOWELS", "console", "helper", "outer", "shorthand"]);
  });

  it("handles arrows and named function expressions", () => {
    expect(freeVariables("(k, vs) => sum(vs)")).toEqual(["sum"]);
    expect(freeVariables("function reduce(k, vs) { return reduce.length + total }")).toEqual(["total"]);
  });
});

describe("shipFunctions", () => {
  it("ships top-level functions and data of the notebook (a snapshot), and library reducers by name", () => {
    const scope = {
      VOWELS: "aeiou",
      weights: new Map([["a", 2]]),
      countIn: (line: string, c: string) => line.split(c).length - 1,
    };
    const map = (_line: string, emit: (k: string, v: number) => void) => {
      for (const v of scope.VOWELS) emit(v, 1);
    };
    // Functions as a cell defines them: free names resolved in the notebook's global scope.
    const shipped = shipFunctions(
      {
        map: new Function(
          "return function map(line, emit) { for (const v of VOWELS) { const n = countIn(line, v) * (weights.get(v) ?? 1); if (n > 0) emit(v, n) } }",
        )() as typeof map,
        reduce: new Function("return (k, vs) => sum(vs)")() as (k: string, vs: Iterable<number>) => number,
      },
      scope,
    );
    expect(shipped.names.map((n) => [n.name, n.kind])).toEqual([
      ["VOWELS", "json"],
      ["countIn", "function"],
      ["weights", "v8"],
      ["sum", "library"],
    ]);
    const fns = loadFunctions(shipped);
    const out: [string, number][] = [];
    fns.map!("banana", (k, v) => out.push([k as string, v as number]), undefined as never);
    expect(out).toEqual([["a", 6]]);
    expect(fns.reduce!("a", [1, 2], () => {}, undefined as never)).toBe(3);
  });

  it("refuses a closure over local state, naming the variable", () => {
    const local = ["a"];
    const map = (line: string, emit: (k: string, v: number) => void) => emit(local[0], line.length);
    expect(() => shipFunctions({ map, reduce: sumReducer }, {})).toThrow(ShippingError);
    expect(() => shipFunctions({ map, reduce: sumReducer }, {})).toThrow(
      /map uses `local`, which it does not define and which is not a top-level name of the notebook/,
    );
  });

  it("refuses state that cannot travel (class instances), and async or generator functions", () => {
    class Db {
      lookup() {
        return 1;
      }
    }
    const map = new Function("return (line, emit) => emit(line, db.lookup())")() as (l: string, e: (k: string, v: number) => void) => void;
    expect(() => shipFunctions({ map, reduce: sumReducer }, { db: new Db() })).toThrow(/`db`, which holds a Db object/);
    expect(() => shipFunctions({ map: async () => {}, reduce: sumReducer })).toThrow(/synchronous function \(it is async\)/);
    expect(() => shipFunctions({ map: function* () {}, reduce: sumReducer })).toThrow(/generator/);
    expect(() => shipFunctions({ map: Math.max, reduce: sumReducer })).toThrow(/built-in or bound function/);
  });

  it("ships method shorthand and fold reducers", () => {
    const job = {
      map(line: string, emit: (k: string, v: number) => void) {
        emit(line, 1);
      },
    };
    const shipped = shipFunctions({ map: job.map, reduce: sumReducer, combine: sumReducer });
    expect(shipped.roles.map).toMatch(/^function map\(line, emit\)/);
    expect(shipped.roles.reduce).toBe("foldReducer((a, b) => a + b)");
    const fns = loadFunctions(shipped);
    expect(fns.combine!("k", [1, 2, 3], () => {}, undefined as never)).toBe(6);
    expect(sum([fns.reduce!("k", [4, 5], () => {}, undefined as never) as number])).toBe(9);
  });

  it("says where a shipped function threw", () => {
    const map = new Function(
      "return function map(line, emit) {\n  const n = line.length;\n  if (n > 3) throw new Error('too long');\n}",
    )() as (l: string, e: unknown) => void;
    const fns = loadFunctions(shipFunctions({ map, reduce: sumReducer }, {}));
    let thrown: unknown;
    try {
      fns.map!("abcdef", () => {}, undefined as never);
    } catch (error) {
      thrown = error;
    }
    expect(fns.locate(thrown)).toBe("map: if (n > 3) throw new Error('too long');");
  });
});
