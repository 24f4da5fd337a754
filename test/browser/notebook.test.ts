/**
 * lazylab in a real browser: Debian's classic Jupyter Notebook server (on 127.0.0.1, with a token,
 * a private kernelspec and a private home) driven in Debian's Chromium by playwright-core. The test
 * opens a notebook, switches it to the lazylab kernel from the Kernel menu, runs its cells with
 * Shift+Enter and checks the rendered page: text, a table, SVG, an error with its traceback, and the
 * Interrupt button stopping a busy loop. Screenshots go to test-output/browser/.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CHROMIUM,
  JUPYTER,
  type RunningServer,
  asRoot,
  kernelsLeft,
  launchChromium,
  privateJupyter,
  removeJupyter,
  startServer,
} from "../support/jupyter-server.js";
import { ROOT } from "../support/kernel-client.js";
import { drawingsShown } from "../support/svg-images.js";

const SHOTS = join(ROOT, "test-output", "browser");

/** The cells the browser runs, in order; the notebook has no kernel chosen yet. */
const CELLS = [
  `interface Planet { name: string; moons: number }\nconst planets: Planet[] = [{ name: "Earth", moons: 1 }, { name: "Mars", moons: 2 }]\nconsole.log(planets.map((p) => \`\${p.name} has \${p.moons} moon(s)\`).join("\\n"))\nplanets.reduce((n, p) => n + p.moons, 0) * 14`,
  `import { display } from "lazylab"\ndisplay.html(\`<table class="planets">\${planets.map((p) => \`<tr><td>\${p.name}</td><td>\${p.moons}</td></tr>\`).join("")}</table>\`)`,
  `%%logic\n(fact (parent abraham barack))\n(fact (parent fillmore abraham))\n(fact (ancestor ?a ?y) (parent ?a ?y))\n(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))\n(query (ancestor ?who barack))`,
  `import { raceReplay } from "lazylab/concurrency"\nawait raceReplay()`,
  `function explode(depth: number): number {\n  if (depth === 0) throw new Error("the browser saw this")\n  return explode(depth - 1)\n}\nexplode(2)`,
  // Writes a marker next to the notebook once it is really running, so the test interrupts the loop
  // and not the type check before it (which would stop the cell before `spins` exists); `require` keeps it synchronous, inside
  // the part of the cell an interrupt can stop (an `import` would put the loop after an await).
  `let spins = 0\nrequire("node:fs").writeFileSync("loop-started", "")\nwhile (true) { spins++ }`,
  `"still alive after " + (spins > 0 ? "spinning" : "nothing") + ", planets: " + planets.length`,
  // Debian's classic Notebook has no widget manager for protocol 2 (it ships ipywidgets 6 at most):
  // a widget must show its static picture there.
  `import { IntSlider } from "lazylab/widgets"
new IntSlider({ value: 7, min: 0, max: 10, description: "k" })`,
];

function notebookJson(): string {
  const cells = CELLS.map((source, i) => ({
    cell_type: "code",
    id: `cell-${i}`,
    metadata: {},
    execution_count: null,
    outputs: [],
    source,
  }));
  return JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

const cellAt = (page: Page, i: number): Locator => page.locator(".cell.code_cell").nth(i);
const outputOf = (page: Page, i: number): Locator => cellAt(page, i).locator(".output_area");

/** Selects cell `i` by clicking its prompt, then runs it with Shift+Enter as a user would. */
async function runCell(page: Page, i: number): Promise<void> {
  await cellAt(page, i).locator(".input_prompt").click();
  await page.keyboard.press("Shift+Enter");
}

/** Waits until cell `i` has finished (its prompt shows a number, not `*`). */
async function waitForCell(page: Page, i: number, timeout = 60_000): Promise<void> {
  await expect
    .poll(async () => (await cellAt(page, i).locator(".input_prompt").innerText()).replace(/\s+/g, ""), { timeout, interval: 200 })
    .toMatch(/^In\[\d+\]:$/);
}

describe.skipIf(!existsSync(JUPYTER) || !existsSync(CHROMIUM))("the classic Notebook in Chromium", () => {
  const jupyter = privateJupyter("browser");
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(jupyter.notebooks, "browser.ipynb"), notebookJson());
    server = await startServer(jupyter, JUPYTER, (port, token) => [
      "notebook",
      "--no-browser",
      "--ip=127.0.0.1",
      `--port=${port}`,
      "--port-retries=0",
      `--NotebookApp.token=${token}`,
      `--notebook-dir=${jupyter.notebooks}`,
      ...asRoot(),
    ]);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    removeJupyter(jupyter);
  }, 30_000);

  it("runs TypeScript, display, %logic and a timeline; shows a traceback; Interrupt stops a busy loop", async () => {
    try {
      await exercise(page, server!.base, server!.token, jupyter.notebooks);
    } catch (error) {
      await page.screenshot({ path: join(SHOTS, "failure.png"), fullPage: true }); // what the page showed when it failed
      throw error;
    }
  }, 240_000);

  it("leaves no kernel running once the server is stopped", async () => {
    await browser?.close();
    browser = undefined;
    await server?.stop();
    // Kernels are started with a connection file in this test's runtime dir: none may outlive the server.
    expect(await kernelsLeft(jupyter.tmp)).toEqual([]);
  }, 30_000);
});

/** The browser session: open, choose the kernel, run, check, interrupt. */
async function exercise(page: Page, base: string, token: string, folder: string): Promise<void> {
  await page.goto(`${base}/notebooks/browser.ipynb?token=${token}`);
  await page.waitForFunction(
    () => (window as unknown as { Jupyter?: { notebook?: { _fully_loaded?: boolean } } }).Jupyter?.notebook?._fully_loaded === true,
    null,
    { timeout: 60_000 },
  );

  // The notebook names no kernel, so the server's default (Python) starts first; once it is up,
  // choose ours as a user does: Kernel → Change kernel → TypeScript (lazylab). (Changing while the
  // first kernel is still starting leaves the server waiting 60 s for that kernel's kernel_info.)
  // Ready means the page has the kernel's kernel_info_reply (the server's own idea of a kernel's
  // state lags: it may miss the first status broadcast).
  const ready = () =>
    page.evaluate(() => {
      const kernel = (
        window as unknown as { Jupyter: { notebook: { kernel?: { name: string; info_reply?: { implementation?: string } } } } }
      ).Jupyter.notebook.kernel;
      return kernel?.info_reply?.implementation === undefined ? "" : `${kernel.name}:${kernel.info_reply.implementation}`;
    });
  await expect.poll(ready, { timeout: 60_000, interval: 250 }).toBe("python3:ipython");
  await page.locator("#kernellink").click();
  await page.locator("#menu-change-kernel").hover();
  await page.locator("#kernel-submenu-lazylab a").click();
  await expect.poll(() => page.locator(".kernel_indicator_name").innerText(), { timeout: 60_000 }).toBe("TypeScript (lazylab)");
  await expect.poll(ready, { timeout: 60_000, interval: 250 }).toBe("lazylab:lazylab");
  await expect.poll(() => page.locator("#kernel_indicator_icon").getAttribute("class"), { timeout: 60_000 }).toContain("kernel_idle_icon");

  // TypeScript highlighting: CodeMirror 5's mode for the cells is TypeScript (kernel_info's
  // codemirror_mode), so `interface` in cell 1 is a keyword token (JavaScript's mode calls it a variable).
  // The page applies the mode when kernel_info's language_info arrives, which can come after the
  // kernel shows idle (seen once in CI: still "ipython"): wait for it, up to a minute.
  const mode = () =>
    page.evaluate(() => {
      type Editor = { getOption(name: string): unknown; getTokenTypeAt(pos: { line: number; ch: number }): string | null };
      const cm = (
        window as unknown as { Jupyter: { notebook: { get_cell(i: number): { code_mirror: Editor } } } }
      ).Jupyter.notebook.get_cell(0).code_mirror;
      return { option: cm.getOption("mode"), interfaceToken: cm.getTokenTypeAt({ line: 0, ch: 3 }) };
    });
  await expect.poll(mode, { timeout: 60_000, interval: 250 }).toEqual({ option: "application/typescript", interfaceToken: "keyword" });

  for (let i = 0; i <= 3; i++) {
    await runCell(page, i);
    await waitForCell(page, i);
  }
  const typed = outputOf(page, 0);
  await expect.poll(() => typed.locator(".output_stdout").innerText()).toBe("Earth has 1 moon(s)\nMars has 2 moon(s)\n");
  expect((await typed.locator(".output_result").innerText()).trim()).toBe("42");
  const rows = outputOf(page, 1).locator("table.planets tr");
  expect(await rows.count()).toBe(2);
  expect(await rows.nth(1).innerText()).toBe("Mars\t2");
  expect((await outputOf(page, 2).innerText()).trim()).toBe("Success!\nwho: abraham\nwho: fillmore");
  // The timeline: an image (an SVG data URL) drawn at its size, with the threads' lanes in it.
  const [timeline] = await drawingsShown(outputOf(page, 3));
  expect(timeline.complete && timeline.width > 0 && timeline.height > 0).toBe(true);
  expect(timeline.svg).toContain(">Thread 0</text>");
  expect(timeline.svg).toContain(">Thread 1</text>");
  await page.screenshot({ path: join(SHOTS, "1-outputs.png"), fullPage: true });

  await runCell(page, 4);
  await waitForCell(page, 4);
  const error = outputOf(page, 4).locator(".output_error");
  expect(await error.count()).toBe(1);
  const traceback = await error.innerText();
  expect(traceback).toContain("Error: the browser saw this");
  expect(traceback).toMatch(/Cell In\[5\], line 2/);
  expect(traceback.match(/at explode \(Cell In\[5\], line \d, column \d+\)/g)).toHaveLength(3); // the frames of the recursion
  expect(traceback).toContain('--> 2 |   if (depth === 0) throw new Error("the browser saw this")');
  await error.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, "2-traceback.png"), fullPage: true });

  // A busy loop: the kernel shows busy until the Interrupt button is pressed.
  await runCell(page, 5);
  await expect.poll(() => page.locator("#kernel_indicator_icon").getAttribute("class"), { timeout: 30_000 }).toContain("kernel_busy_icon");
  expect((await cellAt(page, 5).locator(".input_prompt").innerText()).replace(/\s+/g, "")).toBe("In[*]:");
  await expect.poll(() => existsSync(join(folder, "loop-started")), { timeout: 60_000 }).toBe(true);
  await page.locator('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]').click();
  await waitForCell(page, 5, 30_000);
  expect(await outputOf(page, 5).locator(".output_error").innerText()).toContain("KeyboardInterrupt");
  await runCell(page, 6);
  await waitForCell(page, 6);
  expect((await outputOf(page, 6).locator(".output_result").innerText()).trim()).toBe("'still alive after spinning, planets: 2'");
  await page.screenshot({ path: join(SHOTS, "3-interrupted.png"), fullPage: true });

  // A widget: no manager for it here, so its text/html fallback, the slider drawn at its value.
  await runCell(page, 7);
  await waitForCell(page, 7);
  const [slider] = await drawingsShown(outputOf(page, 7));
  expect(slider.complete && slider.width > 0 && slider.height > 0).toBe(true);
  expect(slider.svg).toContain(">k</text>");
  expect(slider.svg).toContain(">7</text>");
  await page.screenshot({ path: join(SHOTS, "4-widget-fallback.png"), fullPage: true });
  for (const shot of ["1-outputs.png", "2-traceback.png", "3-interrupted.png", "4-widget-fallback.png"])
    expect(existsSync(join(SHOTS, shot))).toBe(true);
}
