/** The JupyterLab 4 test page (test/jupyterlab): where it is, notebooks for it, and opening it in a browser tab. */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { ROOT } from "./kernel-client.js";
import type { RunningServer } from "./jupyter-server.js";

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
