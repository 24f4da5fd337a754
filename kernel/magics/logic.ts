/**
 * `%%logic` and `%logic`: the logic language of sections 4.3–4.4. A thin adapter: options from
 * the magic's line, the program to the default session of lib/logic — the same module instance
 * cells get from `import { logic } from "lazylab/logic"`, so both see one database.
 */
import { depthValue, logic, type RunOptions } from "../../lib/logic/index.js";
import { MIMEBUNDLE } from "../../lib/render/mimebundle.js";
import { type Magic, type MagicContext, MagicError } from "./registry.js";

const USAGE = "[--proof] [--table] [--step] [--limit N] [--depth N|inf] [--no-occurs-check]";

const HELP = `%%logic ${USAGE}
<program>
%logic ${USAGE} <program on one line>

Runs a program of the logic language (sections 4.3 and 4.4): (fact …) or (! …) states a fact,
(query …) or (? …) prints Success! and one line per answer (or Failed.), clear forgets all
facts, (depth N) sets the depth limit (default 20). The cell and line forms and
import { logic } from "lazylab/logic" share one database.

  --proof            show each answer's proof tree (which fact proved which goal)
  --table            show answers as an HTML table (the text stays the chapter's lines)
  --step             step through each query's search (JupyterLab widgets): the facts tried,
                     unification and backtracking, "next answer", the bindings and the proof so far
  --limit N          stop each query after N answers
  --depth N          try clauses at most N deep for these queries (inf: no limit)
  --no-occurs-check  allow binding a variable to a term that contains it (circular answers are errors)`;

/** The options at the start of a magic's line, and the text after them. */
export function parseLogicOptions(args: string): { options: RunOptions; program: string; programStart: number } {
  const options: RunOptions = {};
  const word = /\s*(\S+)/y;
  let position = 0;
  for (;;) {
    word.lastIndex = position;
    const m = word.exec(args);
    if (m === null || !m[1].startsWith("--")) break;
    position = word.lastIndex;
    const value = (): string => {
      word.lastIndex = position;
      const v = word.exec(args);
      if (v === null) throw new MagicError(`%logic: ${m[1]} needs a value`);
      position = word.lastIndex;
      return v[1];
    };
    switch (m[1]) {
      case "--proof":
        options.proof = true;
        break;
      case "--table":
        options.table = true;
        break;
      case "--step":
        options.step = true;
        break;
      case "--no-occurs-check":
        options.occursCheck = false;
        break;
      case "--limit": {
        const text = value();
        const n = Number(text);
        if (!/^\d+$/.test(text) || n < 1) throw new MagicError(`%logic: --limit takes a whole number ≥ 1, not ${text}`);
        options.limit = n;
        break;
      }
      case "--depth": {
        const text = value();
        const n = depthValue(text);
        if (n === undefined) throw new MagicError(`%logic: --depth takes a whole number ≥ 0 or inf, not ${text}`);
        options.depth = n;
        break;
      }
      default:
        throw new MagicError(`%logic: unknown option ${m[1]} (options: ${USAGE})`);
    }
  }
  const rest = args.slice(position);
  const start = position + (rest.length - rest.trimStart().length);
  return { options, program: args.slice(start), programStart: start };
}

/** Runs a program, showing each query's answers as they are found, notes on stderr. */
function run(program: string, options: RunOptions, { display, print }: MagicContext): undefined {
  for (const event of logic.execute(program, options)) {
    if (event.kind === "output") display(event.output[MIMEBUNDLE]());
    else if (event.kind === "stepper") display(event.stepper[MIMEBUNDLE]());
    else if (event.kind === "note") process.stderr.write(event.text);
    else print(event.text);
  }
  return undefined;
}

/** `%%logic [options]` with a program as the cell body; `%logic [options] program` within TypeScript. */
export const logicMagic: Magic = {
  name: "logic",
  help: HELP,
  async line(args, context) {
    const { options, program, programStart } = parseLogicOptions(args);
    // Columns count from the start of the `%logic …` line.
    return run(program, { ...options, columnOffset: "%logic ".length + programStart }, context);
  },
  async cell(args, body, context) {
    const { options, program } = parseLogicOptions(args);
    if (program.trim() !== "")
      throw new MagicError(`%%logic: the program goes in the cell body, below the %%logic line (found "${program}")`);
    return run(body, { ...options, lineOffset: 1 }, context); // the body starts on the cell's 2nd line
  },
};
