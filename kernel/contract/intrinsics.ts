/**
 * The globals the kernel uses after user code has run, captured when the kernel loads. A cell may
 * declare `class Promise {}` or `const JSON = 2` (top-level names become globals), so kernel
 * modules import these instead of reading the global object at call time: a module that imports
 * `Promise` from here keeps the real one whatever a cell declares.
 */
const g = globalThis;

// Each export is a value only: in type positions (`Promise<T>`) TypeScript still finds the global type.
const { Promise: P, Array: A, JSON: J, Symbol: S, Object: O, Error: E, TypeError: TE, String: Str, Number: N, Boolean: B } = g;
const { Map: M, Set: St, WeakMap: WM, Date: D, Math: Mt, RegExp: R, Reflect: Rf, Buffer: Bf, console: C, process: Pr } = g;
const { setTimeout: sT, clearTimeout: cT, setImmediate: sI, queueMicrotask: qM, performance: Pf, Uint8Array: U8 } = g;

export {
  P as Promise,
  A as Array,
  J as JSON,
  S as Symbol,
  O as Object,
  E as Error,
  TE as TypeError,
  Str as String,
  N as Number,
  B as Boolean,
  M as Map,
  St as Set,
  WM as WeakMap,
  D as Date,
  Mt as Math,
  R as RegExp,
  Rf as Reflect,
  Bf as Buffer,
  C as console,
  Pr as process,
  sT as setTimeout,
  cT as clearTimeout,
  sI as setImmediate,
  qM as queueMicrotask,
  Pf as performance,
  U8 as Uint8Array,
};

/** All of the above by name, for code that is not a module of ours (the compiler: see typescript.ts). */
export const intrinsics: Readonly<Record<string, unknown>> = {
  Promise: P,
  Array: A,
  JSON: J,
  Symbol: S,
  Object: O,
  Error: E,
  TypeError: TE,
  String: Str,
  Number: N,
  Boolean: B,
  Map: M,
  Set: St,
  WeakMap: WM,
  Date: D,
  Math: Mt,
  RegExp: R,
  Reflect: Rf,
  Buffer: Bf,
  console: C,
  process: Pr,
  setTimeout: sT,
  clearTimeout: cT,
  setImmediate: sI,
  queueMicrotask: qM,
  performance: Pf,
  Uint8Array: U8,
};
