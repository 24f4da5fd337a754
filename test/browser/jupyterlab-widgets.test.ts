/**
 * Widgets in JupyterLab 4 with the stock widget manager (@jupyter-widgets/jupyterlab-manager 5 and
 * @jupyter-widgets/controls, loaded by the page's widgets feature): a slider dragged with the mouse
 * changes a kernel value, the Stream explorer's button forces an element, the race replay steps,
 * Cancel stops a running MapReduce job, a failing handler's error shows under its cell, `%%logic
 * --step` steps, and the particle simulator plays and pauses.
 * Screenshots: test-output/browser/jupyterlab/widgets-*.png.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM, PYTHON, kernelsUsing } from "../support/jupyter-server.js";
import { cellAt, labNotebookJson, labSession, openLabPage, runCell, waitForCell } from "../support/jupyterlab-page.js";
import { ROOT } from "../support/kernel-client.js";
import { descendants } from "../support/processes.js";

const SHOTS = join(ROOT, "test-output", "browser", "jupyterlab");

/** Cell `i`'s own output area (an Output widget inside it is an output area too). */
const cellOutput = (page: Page, i: number) => cellAt(page, i).locator(".jp-Cell-outputArea");

/** A map slow enough (10 ms a line, 4,000 lines) that the job is still running when Cancel is clicked. */
const SLOW_JOB = `%%mapreduce --input data/lines.txt --runner local --workers 2 --panel
import { type Emit, sumReducer } from "lazylab/mapreduce"
function map(line: string, emit: Emit<string, number>) {
  const start = performance.now()
  while (performance.now() - start < 10);
  emit("lines", 1)
}
const reduce = sumReducer`;

const CELLS = [
  `import { IntSlider, display } from "lazylab/widgets"
const n = new IntSlider({ value: 0, min: 0, max: 100, description: "n" })
display(n)`,
  "`n is ${n.value}`",
  `import { makeIntegerStream } from "lazylab/sequences"
const squares = makeIntegerStream(1).map((k) => k * k)
squares.explore()`,
  "String(squares)",
  `import { raceReplay } from "lazylab/concurrency"
const race = (await raceReplay()).player()
race`,
  SLOW_JOB,
  `import { Button, HBox } from "lazylab/widgets"
const failing = new Button({ description: "fail" })
failing.onClick(() => { throw new RangeError("this handler fails on purpose") })
const greeting = new Button({ description: "hello" })
greeting.onClick(() => console.log("hello from a handler"))
new HBox([failing, greeting])`,
  `%%logic --step
(fact (parent abraham barack))
(fact (parent abraham clinton))
(query (parent abraham ?child))`,
  `import { particleSimulator } from "lazylab/concurrency"
const particles = particleSimulator({ n: 60 }).player()
particles`,
  "[particles.play.playing, particles.simulator.steps > 0]",
];

describe.skipIf(!existsSync(PYTHON) || !existsSync(CHROMIUM))("JupyterLab 4 widgets", () => {
  const lab = labSession("jupyterlab-widgets", "widgets.ipynb", (jupyter) => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(jupyter.notebooks, "widgets.ipynb"), labNotebookJson(CELLS));
    mkdirSync(join(jupyter.notebooks, "data"), { recursive: true });
    writeFileSync(join(jupyter.notebooks, "data", "lines.txt"), Array.from({ length: 4000 }, (_, i) => `line ${i}`).join("\n"));
  });

  const shootOnFailure = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      await lab.page.screenshot({ path: join(SHOTS, `failure-widgets-${name}.png`), fullPage: true });
      throw error;
    }
  };

  it(
    "a slider dragged with the mouse changes the kernel's value",
    () =>
      shootOnFailure("slider", async () => {
        await openLabPage(lab.page, lab.server, "widgets.ipynb");
        await runCell(lab.page, 0);
        await waitForCell(lab.page, 0);
        const slider = cellOutput(lab.page, 0).locator(".widget-slider");
        await slider.waitFor({ timeout: 30_000 });
        const track = slider.locator(".slider-container");
        const box = (await track.boundingBox())!;
        const handle = (await slider.locator(".noUi-handle").boundingBox())!;
        await lab.page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
        await lab.page.mouse.down();
        await lab.page.mouse.move(box.x + box.width * 0.75, handle.y + handle.height / 2, { steps: 10 });
        await lab.page.mouse.up();
        const readout = slider.locator(".widget-readout");
        await expect.poll(async () => Number(await readout.innerText()), { timeout: 10_000 }).toBeGreaterThan(50);
        const shown = await readout.innerText();
        await runCell(lab.page, 1);
        await waitForCell(lab.page, 1);
        expect(await cellOutput(lab.page, 1).innerText()).toContain(`n is ${shown}`);
        await lab.page.screenshot({ path: join(SHOTS, "widgets-1-slider.png"), fullPage: true });
      }),
    120_000,
  );

  it(
    "the Stream explorer's next button forces one element at a time",
    () =>
      shootOnFailure("stream", async () => {
        await runCell(lab.page, 2);
        await waitForCell(lab.page, 2);
        const output = cellOutput(lab.page, 2);
        const next = output.getByRole("button", { name: "next", exact: true });
        await next.waitFor({ timeout: 30_000 });
        await next.click();
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain('rests computed by "next": 1');
        await next.click();
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain('rests computed by "next": 2');
        await output.getByRole("button", { name: "walk again" }).click();
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain("0 computed (memoized)");
        await runCell(lab.page, 3);
        await waitForCell(lab.page, 3);
        expect(await cellOutput(lab.page, 3).innerText()).toContain("Stream(1, 4, 9, <...>)");
        await output.scrollIntoViewIfNeeded(); // the notebook scrolls inside the page: show this cell
        await lab.page.screenshot({ path: join(SHOTS, "widgets-2-stream-explorer.png"), fullPage: true });
      }),
    120_000,
  );

  it(
    "the race replay steps through the interleaving, the current row highlighted",
    () =>
      shootOnFailure("race", async () => {
        await runCell(lab.page, 4);
        await waitForCell(lab.page, 4);
        const output = cellOutput(lab.page, 4);
        const step = () => output.locator(".lazylab-race-step").getAttribute("data-step");
        await output.locator(".lazylab-race-step").waitFor({ timeout: 30_000 });
        expect(await step()).toBe("0");
        await output.locator(".widget-play button").first().click(); // Play: the page's timer moves the slider
        await expect.poll(async () => Number(await step()), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
        const row = output.locator('tr[style*="fff3b0"]');
        expect(await row.count()).toBe(1);
        await output.scrollIntoViewIfNeeded(); // the notebook scrolls inside the page: show this cell
        await lab.page.screenshot({ path: join(SHOTS, "widgets-3-race-replay.png"), fullPage: true });
      }),
    120_000,
  );

  it(
    "Cancel stops a running MapReduce job: the workers are gone and its temporary folder removed",
    () =>
      shootOnFailure("cancel", async () => {
        // The kernel: the process whose command line names this server's runtime folder.
        const [kernel] = kernelsUsing(lab.jupyter.tmp).map((line) => Number(line.split(":")[0]));
        expect(kernel).toBeGreaterThan(0);
        const workers = () => descendants(kernel).filter((p) => p.state !== "Z").length;
        const before = new Set(readdirSync(tmpdir()));
        const folders = () => readdirSync(tmpdir()).filter((f) => f.startsWith("lazylab-mapreduce-") && !before.has(f));
        await runCell(lab.page, 5);
        const output = cellOutput(lab.page, 5);
        const cancel = output.getByRole("button", { name: "Cancel" });
        await cancel.waitFor({ timeout: 30_000 });
        await expect.poll(workers, { timeout: 30_000 }).toBeGreaterThan(0);
        expect(folders().length).toBe(1);
        await expect.poll(() => output.innerText(), { timeout: 30_000 }).toMatch(/\d+\/\d+ splits/);
        await cancel.click();
        await waitForCell(lab.page, 5);
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain("JobCancelledError");
        expect(await output.innerText()).toContain("cancelled: workers stopped, temporary files removed");
        await expect.poll(workers, { timeout: 10_000 }).toBe(0);
        expect(folders()).toEqual([]);
        await output.scrollIntoViewIfNeeded(); // the notebook scrolls inside the page: show this cell
        await lab.page.screenshot({ path: join(SHOTS, "widgets-4-mapreduce-cancel.png"), fullPage: true });
      }),
    120_000,
  );

  it(
    "a handler's error and output show under the cell that made the widget, and the kernel goes on",
    () =>
      shootOnFailure("handler-error", async () => {
        await runCell(lab.page, 6);
        await waitForCell(lab.page, 6);
        const output = cellOutput(lab.page, 6);
        const fail = output.getByRole("button", { name: "fail" });
        await fail.waitFor({ timeout: 30_000 });
        await fail.click();
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain("this handler fails on purpose");
        expect(await output.innerText()).toContain("RangeError");
        // What a handler prints, after its cell has finished, shows under the cell too.
        await output.getByRole("button", { name: "hello" }).click();
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain("hello from a handler");
        await runCell(lab.page, 1);
        await waitForCell(lab.page, 1);
        expect(await cellOutput(lab.page, 1).innerText()).toMatch(/n is \d+/);
        await output.scrollIntoViewIfNeeded(); // the notebook scrolls inside the page: show this cell
        await lab.page.screenshot({ path: join(SHOTS, "widgets-5-handler-error.png"), fullPage: true });
      }),
    120_000,
  );

  it(
    "%%logic --step steps through the search to the next answer",
    () =>
      shootOnFailure("logic", async () => {
        await runCell(lab.page, 7);
        await waitForCell(lab.page, 7);
        const output = cellOutput(lab.page, 7);
        await output.getByRole("button", { name: "step", exact: true }).click();
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain("try (parent abraham ?child) with fact");
        await output.getByRole("button", { name: "next answer" }).click();
        await expect.poll(() => output.innerText(), { timeout: 10_000 }).toContain("child: barack");
        expect(await output.innerText()).toContain("?child");
        await output.scrollIntoViewIfNeeded(); // the notebook scrolls inside the page: show this cell
        await lab.page.screenshot({ path: join(SHOTS, "widgets-6-logic-step.png"), fullPage: true });
      }),
    120_000,
  );

  it(
    "the particle simulator runs with Play, counts its steps, and stops with Pause",
    () =>
      shootOnFailure("particles", async () => {
        await runCell(lab.page, 8);
        await waitForCell(lab.page, 8);
        const output = cellOutput(lab.page, 8);
        const counter = output.locator(".widget-label", { hasText: /^step \d+$/ });
        await counter.waitFor({ timeout: 30_000 });
        expect(await counter.innerText()).toBe("step 0");
        const playPause = output.locator(".widget-play button").first();
        await playPause.click(); // Play: the page's timer ticks, each tick steps the kernel's simulation
        await expect.poll(async () => Number((await counter.innerText()).replace("step ", "")), { timeout: 20_000 }).toBeGreaterThan(0);
        await playPause.click(); // Pause
        await runCell(lab.page, 9);
        await waitForCell(lab.page, 9);
        expect(await cellOutput(lab.page, 9).innerText()).toContain("[ false, true ]");
        await output.scrollIntoViewIfNeeded(); // the notebook scrolls inside the page: show this cell
        await lab.page.screenshot({ path: join(SHOTS, "widgets-7-particles.png"), fullPage: true });
      }),
    120_000,
  );
});
