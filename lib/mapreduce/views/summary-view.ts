/**
 * How a finished job looks: the first rows of its output, then what happened in each phase
 * (records and bytes in and out, pairs before and after the combiner, time), reducer skew,
 * counters, retried attempts and skipped records. HTML for notebooks, text for consoles.
 */
import { relative } from "node:path";
import { escapeHtml } from "../../render/escape-html.js";
import { htmlTable, textTable, type TableCell } from "../../render/table.js";
import { formatBytes, formatCount, formatSeconds } from "../../render/units.js";
import { FRAMEWORK } from "../counters.js";
import { describeBadRecord } from "../errors.js";
import { type JobSummary, formatKey } from "../summary.js";

/** A path as short as it can be said: relative to the notebook's folder when inside it. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel !== "" && !rel.startsWith("..") ? rel : path;
}

function plural(n: number, word: string): string {
  return `${formatCount(n)} ${word}${n === 1 ? "" : "s"}`;
}

function headline(pairs: unknown[], s: JobSummary): string {
  const parts = [`${s.runner} runner`];
  if (s.runner === "local" || s.runner === "redis") parts.push(`${plural(s.workers, "worker")}, ${plural(s.reducers, "reducer")}`);
  if (s.runner !== "pipeline" && s.runner !== "hadoop") parts.push(plural(s.splits, "split"));
  parts.push(plural(pairs.length, "key"), formatSeconds(s.seconds.total));
  return parts.join(" · ");
}

function fw(s: JobSummary, name: string): number {
  return s.counters[FRAMEWORK]?.[name] ?? 0;
}

function retryLines(s: JobSummary): string[] {
  return s.failedAttempts.map(
    (e) =>
      `${e.taskId} attempt ${e.attempt} failed${e.worker !== undefined ? ` on worker ${e.worker}` : e.pid === undefined ? "" : ` on worker ${e.pid}`} (${e.reason ?? "unknown"}); run again as attempt ${e.attempt + 1}`,
  );
}

function badLines(s: JobSummary): string[] {
  return s.badRecords.map((b) => describeBadRecord({ ...b, file: displayPath(b.file, s.cwd) }));
}

function skew(s: JobSummary): string | undefined {
  const r = s.reducerRecords;
  if (r.length < 2) return undefined;
  const mean = r.reduce((a, b) => a + b, 0) / r.length;
  const max = Math.max(...r);
  return `reducer input records ${r.map(formatCount).join(" / ")} · max/mean ${mean > 0 ? (max / mean).toFixed(2) : "–"}`;
}

function combinerLine(s: JobSummary): string | undefined {
  const before = fw(s, "Map output records");
  const after = fw(s, "Spilled records");
  if (fw(s, "Combine input records") === 0) return undefined;
  return `combiner: ${formatCount(before)} pairs emitted by map → ${formatCount(after)} after combining${after > 0 ? ` (${(before / after).toFixed(1)}× fewer)` : ""}`;
}

/** The text/plain form: the chapter's `'a'\t6` lines, then one line about the job. */
export function summaryText(pairs: [unknown, unknown][], s: JobSummary, limit: number): string {
  const lines = pairs.slice(0, limit).map(([k, v]) => `${formatKey(k)}\t${formatKey(v)}`);
  if (pairs.length > limit) lines.push(`… ${formatCount(pairs.length - limit)} more`);
  lines.push(headline(pairs, s));
  const retries = retryLines(s);
  if (retries.length > 0) lines.push(`${plural(retries.length, "failed attempt")} run again:`, ...retries.map((l) => `  ${l}`));
  const bad = badLines(s);
  if (bad.length > 0) lines.push(`${plural(bad.length, "bad record")} skipped:`, ...bad.slice(0, 10).map((l) => `  ${l}`));
  return lines.join("\n");
}

function phaseRows(s: JobSummary): TableCell[][] {
  const n = (x: number): TableCell => ({ text: formatCount(x), align: "right" });
  const b = (x: number): TableCell => ({ text: formatBytes(x), align: "right" });
  const t = (phase: string): TableCell => ({ text: formatSeconds(s.seconds.phases[phase] ?? 0), align: "right" });
  const rows: TableCell[][] = [
    [
      "map",
      n(s.runner === "pipeline" ? 1 : s.splits),
      n(fw(s, "Map input records")),
      b(fw(s, "Map input bytes")),
      n(fw(s, "Map output records")),
      s.runner === "pipeline" ? "" : b(fw(s, "Map output bytes")),
      t("map"),
    ],
  ];
  if (s.runner === "pipeline") rows.push(["sort", n(1), n(fw(s, "Map output records")), "", n(fw(s, "Map output records")), "", t("sort")]);
  rows.push([
    "reduce",
    n(s.reducers),
    n(fw(s, "Reduce input records")),
    "",
    n(fw(s, "Reduce output records")),
    s.runner === "pipeline" ? "" : b(fw(s, "Reduce output bytes")),
    t("reduce"),
  ]);
  return rows;
}

const PHASE_HEADERS: TableCell[] = [
  "phase",
  { text: "tasks", align: "right" },
  { text: "records in", align: "right" },
  { text: "bytes in", align: "right" },
  { text: "records out", align: "right" },
  { text: "bytes out", align: "right" },
  { text: "time", align: "right" },
];

function countersHtml(s: JobSummary): string {
  const user = Object.entries(s.counters).filter(([g]) => g !== FRAMEWORK);
  const rows = (groups: [string, Record<string, number>][]) =>
    groups.flatMap(([g, names]) =>
      Object.entries(names).map(([name, v]): TableCell[] => [g, name, { text: formatCount(v), align: "right" }]),
    );
  const headers: TableCell[] = ["group", "counter", { text: "value", align: "right" }];
  const own = user.length === 0 ? "" : htmlTable(headers, rows(user), "Counters");
  const framework = htmlTable(headers, rows(Object.entries(s.counters).filter(([g]) => g === FRAMEWORK)));
  return `${own}<details><summary>Framework counters</summary>${framework}</details>`;
}

function listHtml(title: string, lines: string[]): string {
  if (lines.length === 0) return "";
  const items = lines
    .slice(0, 50)
    .map((l) => `<li><code>${escapeHtml(l)}</code></li>`)
    .join("");
  const more = lines.length > 50 ? `<li>… ${formatCount(lines.length - 50)} more</li>` : "";
  return `<div><b>${escapeHtml(title)}</b><ul style="margin:2px 0">${items}${more}</ul></div>`;
}

/** The text/html form: output table, phases, combiner, skew, counters, retries, bad records, programs. */
export function summaryHtml(pairs: [unknown, unknown][], s: JobSummary, limit: number): string {
  const rows = pairs.slice(0, limit).map(([k, v]): TableCell[] => [formatKey(k), { text: formatKey(v), align: "right" }]);
  const more =
    pairs.length > limit ? `<div>… ${formatCount(pairs.length - limit)} more rows (iterate the result, or raise --limit)</div>` : "";
  const inputs = s.inputs.map((f) => `${displayPath(f.path, s.cwd)} (${formatBytes(f.size)})`);
  const notes = [combinerLine(s), skew(s), ...s.notes].filter((x): x is string => x !== undefined);
  const pipeline =
    s.pipeline === undefined
      ? ""
      : `<div>Ran: <code>${escapeHtml(s.pipeline.command)}</code></div>` +
        `<div style="font-size:90%;color:#555">The same programs under Hadoop streaming: <code>hadoop jar $HADOOP_HOME/share/hadoop/tools/lib/hadoop-streaming-*.jar -files mapper.mjs,reducer.mjs,mapreduce -mapper "node mapper.mjs" -reducer "node reducer.mjs" -input IN -output OUT</code> (the hadoop runner submits it)</div>` +
        Object.entries(s.pipeline.programs)
          .map(([name, text]) => `<details><summary><code>${escapeHtml(name)}</code></summary><pre>${escapeHtml(text)}</pre></details>`)
          .join("");
  return [
    `<div class="lazylab-mapreduce">`,
    `<div><b>MapReduce</b> · ${escapeHtml(headline(pairs, s))}</div>`,
    `<div style="font-size:90%;color:#555">input: ${escapeHtml(inputs.slice(0, 5).join(", "))}${inputs.length > 5 ? ` and ${inputs.length - 5} more` : ""}</div>`,
    htmlTable(["key", { text: "value", align: "right" }], rows),
    more,
    htmlTable(PHASE_HEADERS, phaseRows(s), "Phases"),
    notes.map((n) => `<div>${escapeHtml(n)}</div>`).join(""),
    listHtml("Failed attempts, run again", retryLines(s)),
    listHtml("Bad records skipped", badLines(s)),
    countersHtml(s),
    pipeline,
    `</div>`,
  ].join("\n");
}

/** The phases table as text (for logs and tests). */
export function phasesText(s: JobSummary): string {
  return textTable(PHASE_HEADERS, phaseRows(s));
}
