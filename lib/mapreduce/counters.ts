/**
 * Counters, as Hadoop keeps them: named numbers in groups, counted by tasks and added up by the
 * job. Only successful task attempts count, so a retried task is not counted twice.
 */

/** The group of the framework's own counters (Hadoop's name for it). */
export const FRAMEWORK = "Map-Reduce Framework";

/** Counter values by group, then by name. */
export type CounterTable = Record<string, Record<string, number>>;

/** A mutable set of counters. */
export class Counters {
  readonly table: CounterTable = {};

  /** Adds `n` to counter `group`/`name`. */
  add(group: string, name: string, n = 1): void {
    const g = (this.table[group] ??= {});
    g[name] = (g[name] ?? 0) + n;
  }

  /** The value of a counter (0 when never counted). */
  get(group: string, name: string): number {
    return this.table[group]?.[name] ?? 0;
  }

  /** Adds every counter of `other`. */
  merge(other: CounterTable): this {
    for (const [group, names] of Object.entries(other)) for (const [name, n] of Object.entries(names)) this.add(group, name, n);
    return this;
  }
}

/** Parses Hadoop streaming's counter protocol, `reporter:counter:group,name,amount`, from a stderr line. */
export function parseReporterLine(line: string): { group: string; name: string; amount: number } | undefined {
  const m = /^reporter:counter:([^,]*),([^,]*),(-?\d+)\s*$/.exec(line);
  return m === null ? undefined : { group: m[1], name: m[2], amount: Number(m[3]) };
}
