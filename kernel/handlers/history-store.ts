/** The inputs (and text outputs) of this session's cells, answering tail, range and search. */

/** One history row as the protocol sends it: [session, line, input] or [session, line, [input, output]]. */
export type HistoryRow = [number, number, string | [string, string | null]];

interface Entry {
  line: number;
  input: string;
  output: string | null;
}

/** Session number of the running kernel (history is kept per kernel process). */
export const SESSION = 1;

/** Input history with IPython's three access types. */
export class History {
  private readonly entries: Entry[] = [];

  /** Records cell `line`'s input; its text output may be added later. */
  record(line: number, input: string): void {
    this.entries.push({ line, input, output: null });
  }

  /** Attaches the text/plain result to cell `line`. */
  setOutput(line: number, output: string): void {
    const entry = this.entries.findLast((e) => e.line === line);
    if (entry !== undefined) entry.output = output;
  }

  /** The last `n` entries. */
  tail(n: number, output: boolean): HistoryRow[] {
    return this.rows(this.entries.slice(Math.max(0, this.entries.length - n)), output);
  }

  /** Lines `start` up to but excluding `stop` of `session` (0 or 1: this one; negative: earlier ones, none kept). */
  range(session: number, start: number, stop: number | undefined, output: boolean): HistoryRow[] {
    if (session !== 0 && session !== SESSION) return [];
    return this.rows(
      this.entries.filter((e) => e.line >= start && (stop === undefined || e.line < stop)),
      output,
    );
  }

  /** Entries whose input matches the glob `pattern`, the last `n` of them, optionally without repeats. */
  search(pattern: string, n: number | undefined, unique: boolean, output: boolean): HistoryRow[] {
    let found = this.entries.filter((e) => globMatches(pattern, e.input));
    if (unique) {
      const seen = new Set<string>();
      found = found
        .reverse()
        .filter((e) => !seen.has(e.input) && seen.add(e.input))
        .reverse();
    }
    return this.rows(n === undefined || n <= 0 ? found : found.slice(-n), output);
  }

  private rows(entries: Entry[], output: boolean): HistoryRow[] {
    return entries.map((e) => [SESSION, e.line, output ? [e.input, e.output] : e.input]);
  }
}

/**
 * IPython's history glob: `*` any run of characters, `?` one character, matched against the whole
 * input. Not a regular expression: `*a*a*a*a*b` compiled to one backtracks exponentially on a
 * long cell, and this runs on the protocol thread, where it would stop the heartbeat. Greedy
 * matching that returns only to the last `*` takes at most pattern × input steps.
 */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1; // the last `*` seen in the pattern
  let resume = 0; // where in the text that `*` would take one more character
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === "?" || (pattern[p] !== "*" && pattern[p] === text[t]))) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === "*") p++;
  return p === pattern.length;
}
