/**
 * JupyterLab's debugger on a lazylab notebook, in Chromium: the bug button in the notebook's
 * toolbar starts it, a click in a cell's gutter sets a breakpoint, running a later cell stops in
 * the function the first cell defined, the Variables and Call Stack panels show the paused frame,
 * Next steps a line, Continue lets the cell finish. Screenshots in test-output/browser/jupyterlab-debugger.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM, PYTHON, type RunningServer } from "../support/jupyter-server.js";
import { ROOT } from "../support/kernel-client.js";
import { cellAt, labNotebookJson, labSession, openLabPage, outputOf, runCell, waitForCell } from "../support/jupyterlab-page.js";

const SHOTS = join(ROOT, "test-output", "browser", "jupyterlab-debugger");

const CELLS = [
  "function triple(n: number): number {\n  const tripled = n * 3;\n  return tripled;\n}\nconst start = 14;",
  'import { makeIntegerStream } from "lazylab/sequences";\nconst integers = makeIntegerStream(1);\nconsole.log("before the pause");\nconst answer = triple(start);\nanswer',
];

/** What the page's debugger shows, read from its model. */
interface DebuggerView {
  started: boolean;
  breakpoints: number;
  stopped: boolean;
  frames: { name: string; line: number }[];
}

/** The parts of @jupyterlab/debugger's service the test reads (the page exposes it as window.lazylabDebugger). */
interface ServiceView {
  isStarted: boolean;
  hasStoppedThreads(): boolean;
  model: { breakpoints: { breakpoints: Map<string, unknown[]> }; callstack: { frames: { name: string; line: number }[] } };
}

const view = (page: Page): Promise<DebuggerView> =>
  page.evaluate(() => {
    const { service } = (window as unknown as { lazylabDebugger: { service: ServiceView } }).lazylabDebugger;
    let breakpoints = 0;
    for (const points of service.model.breakpoints.breakpoints.values()) breakpoints += points.length;
    return {
      started: service.isStarted,
      breakpoints,
      stopped: service.hasStoppedThreads(),
      frames: service.model.callstack.frames.map((f) => ({ name: f.name, line: f.line })),
    };
  });

describe.skipIf(!existsSync(PYTHON) || !existsSync(CHROMIUM))("JupyterLab's debugger in Chromium", () => {
  const lab = labSession(
    "jupyterlab-debugger",
    "debug.ipynb",
    (jupyter) => {
      mkdirSync(SHOTS, { recursive: true });
      writeFileSync(join(jupyter.notebooks, "debug.ipynb"), labNotebookJson(CELLS));
    },
    { viewport: { width: 1400, height: 900 } },
  );

  it("sets a breakpoint in the gutter, stops, shows Variables and Call Stack, steps and continues", async () => {
    try {
      await exercise(lab.page, lab.server);
    } catch (error) {
      await lab.page.screenshot({ path: join(SHOTS, "failure.png") });
      writeFileSync(
        join(SHOTS, "failure-sidebar.html"),
        await lab.page
          .locator("#jp-debugger-sidebar")
          .innerHTML()
          .catch(() => ""),
      );
      throw error;
    }
  }, 240_000);
});

async function exercise(page: Page, server: RunningServer): Promise<void> {
  await openLabPage(page, server);
  await runCell(page, 0);
  await waitForCell(page, 0);

  // The toolbar's bug button is enabled once the kernel said it can debug; clicking it attaches.
  const bug = page.locator(".jp-DebuggerBugButton");
  await expect.poll(() => bug.getAttribute("aria-disabled"), { timeout: 30_000 }).not.toBe("true");
  await bug.click();
  await expect.poll(async () => (await view(page)).started, { timeout: 30_000 }).toBe(true);
  await expect.poll(() => page.locator("#jp-debugger-sidebar").isVisible()).toBe(true);

  // A click in the gutter beside line 2 of the first cell (inside `triple`) sets a breakpoint there.
  const first = cellAt(page, 0);
  const gutter = first.locator(".cm-gutter.cm-breakpoint-gutter");
  await expect.poll(() => gutter.count(), { timeout: 30_000 }).toBe(1);
  const gutterBox = (await gutter.boundingBox())!;
  const lineBox = (await first.locator(".cm-line").nth(1).boundingBox())!;
  const icons = first.locator(".cm-breakpoint-icon"); // CodeMirror's gutter spacer holds one, invisible
  const before = await icons.count();
  await page.mouse.click(gutterBox.x + gutterBox.width / 2, lineBox.y + lineBox.height / 2);
  await expect.poll(async () => (await view(page)).breakpoints, { timeout: 20_000 }).toBe(1);
  await expect.poll(() => icons.count()).toBe(before + 1);
  await page.screenshot({ path: join(SHOTS, "1-breakpoint.png") });

  // Running the second cell stops in `triple`, called from it.
  await runCell(page, 1);
  await expect
    .poll(async () => (await view(page)).frames.map((f) => `${f.name}:${f.line}`), { timeout: 30_000 })
    .toEqual(["triple:2", "(cell):4"]);
  const callstack = page.locator(".jp-DebuggerCallstackFrame");
  await expect.poll(() => callstack.count()).toBe(2);
  expect(await callstack.nth(0).locator(".jp-DebuggerCallstackFrame-name").innerText()).toBe("triple");
  const variables = page.locator(".jp-DebuggerVariables");
  await expect.poll(() => variables.innerText(), { timeout: 20_000 }).toMatch(/\bn\b[\s\S]*\b14\b/);
  // What the cell printed before the pause is already in its output.
  await expect.poll(() => outputOf(page, 1).innerText()).toContain("before the pause");
  await expect.poll(() => first.locator(".jp-DebuggerEditor-highlight").count()).toBeGreaterThan(0);
  await page.screenshot({ path: join(SHOTS, "2-stopped.png") });

  // Next: one line on, `tripled` now has its value.
  await page.locator('#jp-debugger-sidebar [data-command="debugger:next"]').click();
  await expect.poll(async () => (await view(page)).frames[0]?.line, { timeout: 20_000 }).toBe(3);
  await expect.poll(() => variables.innerText(), { timeout: 20_000 }).toMatch(/\btripled\b[\s\S]*\b42\b/);
  await page.screenshot({ path: join(SHOTS, "3-stepped.png") });
  // The README's picture (notebooks/images/debugger-jupyterlab.png is a copy of this one).
  await page.screenshot({ path: join(SHOTS, "debugger-jupyterlab.png"), clip: { x: 0, y: 0, width: 1400, height: 560 } });

  // Continue: the cell finishes with its value.
  await page.locator('#jp-debugger-sidebar [data-command="debugger:continue"]').click();
  await waitForCell(page, 1);
  expect(await outputOf(page, 1).locator(".jp-OutputArea-executeResult .jp-OutputArea-output").innerText()).toBe("42");
  expect((await view(page)).stopped).toBe(false);

  // The bug button again: the debugger detaches and the notebook runs without it.
  await bug.click();
  await expect.poll(async () => (await view(page)).started, { timeout: 20_000 }).toBe(false);
  await runCell(page, 1);
  await waitForCell(page, 1);
  await page.screenshot({ path: join(SHOTS, "4-detached.png") });
}
