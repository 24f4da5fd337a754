/** What people see: progress bars per phase, the summary, escaping. */
import { describe, expect, it } from "vitest";
import { ProgressModel } from "../../dist/lib/mapreduce/progress.js";
import { phaseDetail, progressHtml, progressText } from "../../dist/lib/mapreduce/views/progress-view.js";
import { escapeHtml } from "../../dist/lib/render/escape-html.js";
import { htmlTable, textTable } from "../../dist/lib/render/table.js";
import { formatBytes, formatSeconds } from "../../dist/lib/render/units.js";

describe("progress model", () => {
  it("counts tasks, bytes and records per phase; a failed attempt's progress starts over", () => {
    const p = new ProgressModel();
    p.addPhase("map", "splits", 3, 300);
    p.addPhase("reduce", "tasks", 2);
    p.taskStarted("map", "map-0");
    p.taskStarted("map", "map-1");
    p.taskProgress("map", "map-0", 50, 5);
    p.taskProgress("map", "map-1", 100, 10);
    p.taskDone("map", "map-1");
    let map = p.snapshot().phases[0];
    expect([map.tasksDone, map.tasksRunning, map.bytesDone, map.recordsDone, map.state]).toEqual([1, 1, 150, 15, "running"]);
    p.taskFailed("map", "map-0");
    map = p.snapshot().phases[0];
    expect([map.bytesDone, map.failedAttempts]).toEqual([100, 1]);
    expect(p.snapshot().phases[1].state).toBe("waiting");
  });

  it("renders bars with splits, bytes, records, elapsed and ETA", () => {
    const p = new ProgressModel();
    p.addPhase("map", "splits", 4, 4 << 20);
    p.addPhase("reduce", "tasks", 2);
    p.taskStarted("map", "map-0");
    p.taskProgress("map", "map-0", 1 << 20, 12345);
    const snapshot = p.snapshot();
    expect(phaseDetail(snapshot.phases[0])).toMatch(
      /^0\/4 splits \(1 running\) · 1\.00 MiB of 4\.00 MiB · 12,345 records · \d+ ms( · ETA .*)?$/,
    );
    expect(progressText(snapshot)).toMatch(/^map {5}\[#####···············\] {2}25% {2}0\/4 splits/);
    const html = progressHtml(snapshot, "job <1>");
    expect(html).toContain("job &lt;1&gt;");
    expect(html).toContain("width:25%");
  });
});

describe("render helpers", () => {
  it("escapes HTML, formats units and lines up text tables", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    expect([formatBytes(62), formatBytes(1536), formatBytes(3 * 2 ** 30)]).toEqual(["62 B", "1.50 KiB", "3.00 GiB"]);
    expect([formatSeconds(0.25), formatSeconds(3.5), formatSeconds(125)]).toEqual(["250 ms", "3.50 s", "2 min 05 s"]);
    expect(
      textTable(
        ["key", { text: "n", align: "right" }],
        [
          ["'a'", "6"],
          ["'long'", "12"],
        ],
      ),
    ).toBe("key      n\n'a'      6\n'long'  12");
    expect(htmlTable(["k"], [["<b>"]])).toContain("&lt;b&gt;");
  });
});
