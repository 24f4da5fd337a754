/**
 * The four systems behind one small interface: `start(program)` loads the engine and the program
 * (what "start-up" times), `count(query)` enumerates every answer of a query and returns how many
 * there were, `first(query)` returns the first answer's text (to check results agree).
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = join(import.meta.dirname, "..", "..");
const PEERS = join(ROOT, "bench", ".peers", "logic", "node_modules");
const requirePeer = createRequire(join(PEERS, "index.js"));

/** lazylab: the built library, depth limit off (the chapter's default of 20 would cut these programs). */
async function lazylab() {
  const { Session } = await import(pathToFileURL(join(ROOT, "dist", "lib", "logic", "index.js")).href);
  const session = new Session();
  session.depth = Infinity;
  return {
    notation: "logic",
    start: async (program) => void session.run(program),
    count: async (query) => session.query(query).count(),
    first: async (query) => {
      for (const answer of session.query(query)) return JSON.stringify(answer);
      return "none";
    },
  };
}

/** tau-prolog (pure JavaScript), with its per-answer inference limit lifted. */
async function tauProlog() {
  const pl = requirePeer("tau-prolog");
  const session = pl.create(1e12);
  const call = (f) => new Promise((resolve, reject) => f({ success: resolve, error: (e) => reject(new Error(pl.format_answer(e))) }));
  const answer = () =>
    new Promise((resolve, reject) =>
      session.answer({
        success: resolve,
        fail: () => resolve(false),
        error: (e) => reject(new Error(pl.format_answer(e))),
        limit: () => reject(new Error("inference limit")),
      }),
    );
  return {
    notation: "prolog",
    start: (program) => call((o) => session.consult(program, o)),
    count: async (query) => {
      await call((o) => session.query(`${query}.`, o));
      let n = 0;
      while ((await answer()) !== false) n++;
      return n;
    },
    first: async (query) => {
      await call((o) => session.query(`${query}.`, o));
      const a = await answer();
      return a === false ? "none" : pl.format_answer(a);
    },
  };
}

/** trealla (C, compiled to WebAssembly). */
async function trealla() {
  const { load, Prolog } = await import(pathToFileURL(join(PEERS, "trealla", "trealla.js")).href);
  await load();
  const pl = new Prolog();
  return {
    notation: "prolog",
    start: (program) => pl.consultText(program),
    count: async (query) => {
      const reply = await pl.queryOnce(`findall(x, (${query}), Xs), length(Xs, N)`);
      if (reply.status !== "success") throw new Error(JSON.stringify(reply));
      return Number(reply.answer.N);
    },
    first: async (query) => JSON.stringify((await pl.queryOnce(query)).answer),
  };
}

/** swipl-wasm (SWI-Prolog compiled to WebAssembly). */
async function swiplWasm() {
  const SWIPL = requirePeer("swipl-wasm");
  const swipl = await SWIPL({ arguments: ["-q"] });
  return {
    notation: "prolog",
    start: async (program) => {
      swipl.FS.writeFile("/bench.pl", program);
      swipl.prolog.query("consult('/bench.pl')").once();
    },
    count: async (query) => Number(swipl.prolog.query(`findall(x, (${query}), Xs), length(Xs, N)`).once().N),
    first: async (query) => JSON.stringify(swipl.prolog.query(query).once()),
  };
}

/** The systems, by the name the report uses. */
export const SYSTEMS = { lazylab, "tau-prolog": tauProlog, trealla, "swipl-wasm": swiplWasm };
