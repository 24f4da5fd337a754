/** notebooks/4.6-mapreduce.ipynb runs top to bottom through the real kernel (nbconvert --execute). */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KERNEL_MAIN, ROOT } from "../support/kernel-client.js";

const JUPYTER = "/usr/bin/jupyter";

interface Output {
  output_type: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  id: string;
  source: string | string[];
  metadata: { tags?: string[] };
  outputs?: Output[];
}

const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));

describe.skipIf(!existsSync(JUPYTER))("the 4.6 MapReduce notebook", () => {
  it("executes without errors and shows the chapter's answers", () => {
    const prefix = mkdtempSync(join(tmpdir(), "lazylab-nb-kernel-"));
    const install = spawnSync(process.execPath, [KERNEL_MAIN, "install", "--prefix", prefix], { encoding: "utf8" });
    expect(install.status, install.stderr).toBe(0);
    const out = mkdtempSync(join(tmpdir(), "lazylab-nb-out-"));
    const run = spawnSync(
      JUPYTER,
      ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=300", join(ROOT, "notebooks", "4.6-mapreduce.ipynb"), "--output-dir", out, "--output", "executed"],
      { encoding: "utf8", env: { ...process.env, JUPYTER_PATH: join(prefix, "share", "jupyter") }, timeout: 400_000 },
    );
    expect(run.status, run.stderr).toBe(0);
    const cells = (JSON.parse(readFileSync(join(out, "executed.ipynb"), "utf8")) as { cells: Cell[] }).cells.filter((c) => c.cell_type === "code");
    // Only the cell tagged raises-exception shows an error, and it names file, line and record.
    const errors = cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => ({ tags: c.metadata.tags ?? [], o })));
    expect(errors.map((e) => e.tags)).toEqual([["raises-exception"]]);
    expect(errors[0].o.evalue).toContain("data/haiku.txt:2");
    const results = cells.map((c) => (c.outputs ?? []).filter((o) => o.output_type === "execute_result").map((o) => text(o.data?.["text/plain"])).join(""));
    const vowelRuns = results.filter((r) => r.startsWith("'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1\n"));
    expect(vowelRuns.length).toBe(2); // %%mapreduce on workers, and the pipeline runner
    expect(results.some((r) => r.includes("identical to tr | sort | uniq -c: true"))).toBe(true);
    expect(results.some((r) => r.includes("failed attempt run again") && r.includes("worker killed by SIGKILL"))).toBe(true);
    expect(results.some((r) => r.includes("unchanged: true"))).toBe(true);
    expect(results.some((r) => /\d+ sorted runs spilled and merged; same counts as before: true/.test(r))).toBe(true);
  }, 420_000);
});
