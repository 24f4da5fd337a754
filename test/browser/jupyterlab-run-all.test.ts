import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM, PYTHON, kernelsLeft } from "../support/jupyter-server.js";
import { labNotebookJson, labSession, openLabPage, outputOf, promptOf, runCell, waitForCell } from "../support/jupyterlab-page.js";
import { ROOT } from "../support/kernel-client.js";
import { drawingsShown } from "../support/svg-images.js";

const SHOTS = join(ROOT, "test-output", "browser", "jupyterlab");

/** Run All: the second cell fails, so the third must be aborted (never run, no output). */
const RUN_ALL = [`let before = 1`, `throw new Error("stop here")`, `before + 1`];

/** Cells whose output changes while they run. */
const LIVE = [
  `%%mapreduce --input data/haiku.txt --runner inline
function map(line: string, emit: (key: string, value: number) => void) {
  for (const vowel of "aeiou") {
    const count = line.split(vowel).length - 1
    if (count > 0) emit(vowel, count)
  }
}
function reduce(vowel: string, counts: Iterable<number>) {
  let total = 0
  for (const c of counts) total += c
  return total
}`,
  `import { Stream, toObservable } from "lazylab/sequences"\ntoObservable(Stream.from([1, 2, 3, 4, 5, 6]).map((n) => n * n), { intervalMs: 400 })`,
];

const outputCount = (page: Page, i: number): Promise<number> => outputOf(page, i).locator(":scope > .jp-OutputArea-child").count();

/** Runs a command of the page's command registry (the toolbar's and menus' actions). */
const command = (page: Page, id: string) =>
  page.evaluate(
    (name) =>
      (window as unknown as { lazylabPage: { commands: { execute(id: string): Promise<unknown> } } }).lazylabPage.commands.execute(name),
    id,
  );

describe.skipIf(!existsSync(PYTHON) || !existsSync(CHROMIUM))("JupyterLab 4: Run All, live outputs, the tour", () => {
  const lab = labSession("jupyterlab-run-all", "run-all.ipynb", (jupyter) => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(jupyter.notebooks, "run-all.ipynb"), labNotebookJson(RUN_ALL));
    writeFileSync(join(jupyter.notebooks, "live.ipynb"), labNotebookJson(LIVE));
    copyFileSync(join(ROOT, "notebooks", "tour.ipynb"), join(jupyter.notebooks, "tour.ipynb"));
    mkdirSync(join(jupyter.notebooks, "data"), { recursive: true });
    copyFileSync(join(ROOT, "notebooks", "data", "haiku.txt"), join(jupyter.notebooks, "data", "haiku.txt"));
  });

  const shootOnFailure = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      await lab.page.screenshot({ path: join(SHOTS, `failure-${name}.png`), fullPage: true });
      throw error;
    }
  };

  it(
    "Run All stops at an error: the cells after it are aborted, never run",
    () =>
      shootOnFailure("run-all", async () => {
        await openLabPage(lab.page, lab.server, "run-all.ipynb");
        await command(lab.page, "notebook:run-all-cells");
        await waitForCell(lab.page, 1);
        expect(await outputOf(lab.page, 1).innerText()).toContain("Error: stop here");
        // The kernel answers the queued third execute "aborted": no count, no output, even a while later.
        await lab.page.waitForTimeout(1000);
        expect(await promptOf(lab.page, 2)).toBe("[]:");
        expect(await outputCount(lab.page, 2)).toBe(0);
        expect(await promptOf(lab.page, 0)).toBe("[1]:");
        await lab.page.screenshot({ path: join(SHOTS, "7-run-all-aborted.png"), fullPage: true });
      }),
    180_000,
  );

  it(
    "updates a %%mapreduce progress display and a live Observable in place",
    () =>
      shootOnFailure("live", async () => {
        await openLabPage(lab.page, lab.server, "live.ipynb");
        await runCell(lab.page, 0);
        await waitForCell(lab.page, 0);
        // One progress display, updated in place (a display per update would pile up), then the result.
        expect(await outputCount(lab.page, 0)).toBe(2);
        const mapreduce = await outputOf(lab.page, 0).innerText();
        expect(mapreduce).toMatch(/100\s*%|done/i);
        expect(mapreduce).toMatch(/a\W+6/);
        expect(mapreduce).toMatch(/u\W+1/);

        await runCell(lab.page, 1);
        // Seen while it runs: the cell busy, one output already showing values (2.4 s of emissions).
        const midway = async () =>
          (await promptOf(lab.page, 1)) === "[*]:" &&
          (await outputCount(lab.page, 1)) === 1 &&
          /\b1\b/.test(await outputOf(lab.page, 1).innerText());
        await expect.poll(midway, { timeout: 30_000, interval: 30 }).toBe(true);
        await waitForCell(lab.page, 1);
        // At the end: still that one output, now with all six values.
        expect(await outputCount(lab.page, 1)).toBe(1);
        const live = await outputOf(lab.page, 1).innerText();
        for (const value of ["1", "4", "9", "16", "25", "36"]) expect(live).toContain(value);
        expect(live).toMatch(/completed/);
        await lab.page.screenshot({ path: join(SHOTS, "8-live-outputs.png"), fullPage: true });
      }),
    180_000,
  );

  it(
    "runs the tour notebook end to end: no error output, every feature's output shown",
    () =>
      shootOnFailure("tour", async () => {
        await openLabPage(lab.page, lab.server, "tour.ipynb");
        const codeCells = await lab.page.locator(".jp-Notebook .jp-CodeCell").count();
        expect(codeCells).toBeGreaterThan(10);
        await command(lab.page, "notebook:run-all-cells");
        const last = lab.page.locator(".jp-Notebook .jp-CodeCell").nth(codeCells - 1);
        await expect
          .poll(async () => (await last.locator(".jp-InputPrompt").innerText()).replace(/\s+/g, ""), { timeout: 240_000, interval: 500 })
          .toMatch(/^\[\d+\]:$/);
        const notebook = lab.page.locator(".jp-Notebook");
        expect(
          await notebook
            .locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
            .filter({ hasText: /Error|Traceback|Cell In\[/ })
            .count(),
        ).toBe(0);
        const text = await notebook.innerText();
        expect(text).toContain("Success!");
        expect(text).toContain("who: abraham");
        expect(text).toMatch(/'a'\s+6/);
        const drawings = await drawingsShown(notebook);
        expect(drawings.length).toBeGreaterThan(0);
        expect(drawings.every((d) => d.complete && d.width > 0)).toBe(true);
        await lab.page.screenshot({ path: join(SHOTS, "9-tour.png"), fullPage: true });
      }),
    300_000,
  );

  it("leaves no kernel running once the server is stopped", async () => {
    await lab.stop();
    expect(await kernelsLeft(lab.jupyter.tmp)).toEqual([]);
  }, 30_000);
});
