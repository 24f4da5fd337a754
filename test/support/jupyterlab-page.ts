/** The JupyterLab 4 test page (test/jupyterlab): where it is, notebooks for it, and opening it in a browser tab. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import {
  PYTHON,
  type PrivateJupyter,
  type RunningServer,
  asRoot,
  launchChromium,
  privateJupyter,
  removeJupyter,
  startServer,
} from "./jupyter-server.js";
import { ROOT } from "./kernel-client.js";

/** The server script: jupyter_server + jupyterlab_server serving the page at /lazylab-lab. */
export const LAB_PAGE = join(ROOT, "test", "jupyterlab", "lab_page.py");

/** A notebook whose code cells are `cells`, naming the lazylab kernel (JupyterLab then starts it). */
export function labNotebookJson(cells: string[]): string {
  return JSON.stringify(
    {
      cells: cells.map((source, i) => ({ cell_type: "code", id: `cell-${i}`, metadata: {}, execution_count: null, outputs: [], source })),
      metadata: { kernelspec: { name: "lazylab", display_name: "TypeScript (lazylab)", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}

/** Opens the page (on `path`, or the server's --notebook) and waits until its notebook is shown and the lazylab kernel has answered kernel_info. */
export async function openLabPage(page: Page, server: RunningServer, path?: string): Promise<void> {
  await page.goto(`${server.base}/lazylab-lab?token=${server.token}${path === undefined ? "" : `&path=${encodeURIComponent(path)}`}`);
  const implementation = () =>
    page.evaluate(async () => {
      const error = document.body.dataset.pageError;
      if (error !== undefined) return `page error: ${error}`;
      const lab = (
        window as unknown as {
          lazylabPage?: { panel: { sessionContext: { session?: { kernel?: { info: Promise<{ implementation: string }> } } } } };
        }
      ).lazylabPage;
      const kernel = lab?.panel.sessionContext.session?.kernel;
      return kernel === undefined ? "" : (await kernel.info).implementation;
    });
  await expect.poll(implementation, { timeout: 90_000, interval: 250 }).toBe("lazylab");
}

/** Builds the page (`npm run build:jupyterlab`, a no-op while the bundle is current); fails the test with the build's output otherwise. */
export function buildLabPage(): void {
  const build = spawnSync("npm", ["run", "--silent", "build:jupyterlab"], { cwd: ROOT, encoding: "utf8" });
  expect(build.status, build.stderr + build.stdout).toBe(0);
}

/** Starts the page's server on 127.0.0.1 for `jupyter`'s notebooks folder, opening `notebook` by default. */
export function startLabServer(jupyter: PrivateJupyter, notebook: string): Promise<RunningServer> {
  return startServer(jupyter, PYTHON, (port, token) => [
    LAB_PAGE,
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    `--ServerApp.token=${token}`,
    "--ServerApp.open_browser=False",
    `--ServerApp.root_dir=${jupyter.notebooks}`,
    `--notebook=${notebook}`,
    ...asRoot(),
  ]);
}

/** Cell `i` of the open notebook. */
export const cellAt = (page: Page, i: number): Locator => page.locator(".jp-Notebook .jp-Cell").nth(i);

/** Cell `i`'s output area. */
export const outputOf = (page: Page, i: number): Locator => cellAt(page, i).locator(".jp-OutputArea");

/** Cell `i`'s prompt without spaces: `[3]:`, `[*]:`, or `[]:` before it ran. */
export const promptOf = async (page: Page, i: number): Promise<string> =>
  (await cellAt(page, i).locator(".jp-InputPrompt").innerText()).replace(/\s+/g, "");

/** Puts the cursor in cell `i`'s editor and runs it with Shift+Enter. */
export async function runCell(page: Page, i: number): Promise<void> {
  await cellAt(page, i).locator(".cm-content").click();
  await page.keyboard.press("Shift+Enter");
}

/** Waits until cell `i` has finished (its prompt shows a number, not `*`). */
export async function waitForCell(page: Page, i: number, timeout = 60_000): Promise<void> {
  await expect.poll(() => promptOf(page, i), { timeout, interval: 200 }).toMatch(/^\[\d+\]:$/);
}

/** One JupyterLab page for a describe block: its server, the browser, the tab. */
export interface LabSession {
  readonly jupyter: PrivateJupyter;
  readonly server: RunningServer;
  readonly page: Page;
  /** Closes the browser and stops the server (the block's afterAll does too; a test of what is left calls it first). */
  stop(): Promise<void>;
}

/**
 * Registers the describe block's beforeAll/afterAll: a private Jupyter named `label`, whose
 * notebooks folder `prepare` fills; the page's server opening `notebook`; Chromium with one tab.
 * Afterwards everything is stopped and the private Jupyter removed.
 */
export function labSession(
  label: string,
  notebook: string,
  prepare: (jupyter: PrivateJupyter) => void,
  { viewport = { width: 1280, height: 1000 }, setupMs = 180_000 } = {},
): LabSession {
  const jupyter = privateJupyter(label);
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  const stop = async () => {
    await browser?.close();
    browser = undefined;
    await server?.stop();
  };
  beforeAll(async () => {
    buildLabPage();
    prepare(jupyter);
    server = await startLabServer(jupyter, notebook);
    browser = await launchChromium();
    page = await browser.newPage({ viewport });
  }, setupMs);
  afterAll(async () => {
    await stop();
    removeJupyter(jupyter);
  }, 30_000);
  return {
    jupyter,
    get server() {
      return server!;
    },
    get page() {
      return page!;
    },
    stop,
  };
}
