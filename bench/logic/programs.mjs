/**
 * The benchmark programs, written once per notation: the chapter's logic language for lazylab,
 * standard Prolog for the peers. Each is the same relation stated the same way (same clause
 * order, same argument order), so each system does the same search.
 */

/** Naive reverse of a 30-element list, repeated by a loop over a list of n elements. */
export const NREV_LENGTH = 30;
/** Logical inferences of one naive reverse of 30 elements (the standard count: 496). */
export const NREV_INFERENCES = 496;
/** Links in the parent chain of the ancestors benchmark. */
export const CHAIN = 2000;
/** Elements of the list the splits benchmark splits every way. */
export const SPLIT_LENGTH = 200;

const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));

/** The programs and queries in the logic language. */
export const logic = {
  nrev: {
    program: `(fact (app () ?l ?l))
(fact (app (?h . ?t) ?l (?h . ?r)) (app ?t ?l ?r))
(fact (nrev () ()))
(fact (nrev (?h . ?t) ?r) (nrev ?t ?rt) (app ?rt (?h) ?r))
(fact (bench ()))
(fact (bench (?x . ?more)) (nrev (${range(NREV_LENGTH, (i) => i + 1).join(" ")}) ?r) (bench ?more))
(fact (check ?r) (nrev (${range(NREV_LENGTH, (i) => i + 1).join(" ")}) ?r))`,
    query: (n) => `(bench (${range(n, () => "x").join(" ")}))`,
    check: "(check ?r)",
  },
  ancestors: {
    program: `${range(CHAIN, (i) => `(fact (parent n${i} n${i + 1}))`).join("\n")}
(fact (ancestor ?a ?y) (parent ?a ?y))
(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))`,
    query: () => `(ancestor ?a n${CHAIN})`,
  },
  splits: {
    program: `(fact (append-to-form () ?x ?x))
(fact (append-to-form (?a . ?r) ?y (?a . ?z)) (append-to-form ?r ?y ?z))`,
    query: () => `(append-to-form ?left ?right (${range(SPLIT_LENGTH, (i) => `e${i}`).join(" ")}))`,
  },
};

/** The same in Prolog; each query enumerates every answer (failure-driven) and counts them. */
export const prolog = {
  nrev: {
    program: `app([], L, L).
app([H|T], L, [H|R]) :- app(T, L, R).
nrev([], []).
nrev([H|T], R) :- nrev(T, RT), app(RT, [H], R).
bench([]).
bench([_|More]) :- nrev([${range(NREV_LENGTH, (i) => i + 1).join(",")}], _), bench(More).
check(R) :- nrev([${range(NREV_LENGTH, (i) => i + 1).join(",")}], R).
`,
    query: (n) => `bench([${range(n, () => "x").join(",")}])`,
    check: "check(R)",
  },
  ancestors: {
    program: `${range(CHAIN, (i) => `parent(n${i}, n${i + 1}).`).join("\n")}
ancestor(A, Y) :- parent(A, Y).
ancestor(A, Y) :- parent(A, Z), ancestor(Z, Y).
`,
    query: () => `ancestor(A, n${CHAIN})`,
  },
  splits: {
    program: `append_to_form([], X, X).
append_to_form([A|R], Y, [A|Z]) :- append_to_form(R, Y, Z).
`,
    query: () => `append_to_form(L, R, [${range(SPLIT_LENGTH, (i) => `e${i}`).join(",")}])`,
  },
};
