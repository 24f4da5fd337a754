/**
 * The walkthrough notebooks' drawings survive untrusted JupyterLab. Notebooks 4.3, 4.4, 4.5 and 4.7
 * are executed (scripts/run-notebooks.mjs --keep-executed), then opened in the JupyterLab 4 test
 * page twice: trusted (signed as `jupyter trust` does) and as saved (untrusted, as a notebook from a
 * colleague or from git is). Untrusted, JupyterLab sanitizes text/html: inline <svg> would be stripped
 * and its labels run together. The test checks each drawing is an image drawn at a non-zero size, that
 * no output keeps inline SVG, and that no two adjacent labels of a drawing appear joined in the text.
 * Screenshots: test-output/browser/jupyterlab/{trusted,untrusted}-NAME.png.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHROMIUM, JUPYTER, PYTHON } from "../support/jupyter-server.js";
import { ROOT } from "../support/kernel-client.js";
import { labNotebookJson, labSession, openLabPage } from "../support/jupyterlab-page.js";
import { drawingsShown } from "../support/svg-images.js";

const SHOTS = join(ROOT, "test-output", "browser", "jupyterlab");
/** The notebooks opened, and how many drawings each shows at least. */
const NOTEBOOKS: Record<string, number> = {
  "4.3-declarative-programming": 1, // proof trees
  "4.4-unification": 1, // proof trees
  "4.5-distributed-computing": 2, // %messages sequence diagrams, the peer ring
  "4.7-parallel-computing": 3, // thread timelines, wait-for graph, charts
};

/** The `<text>` labels of an SVG drawing, in document order. */
function labels(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) =>
      m[1].replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&"),
    )
    .filter((l) => l.trim().length >= 3);
}

describe.skipIf(!existsSync(PYTHON) || !existsSync(CHROMIUM) || !existsSync(JUPYTER))(
  "walkthrough drawings in untrusted JupyterLab",
  () => {
    const lab = labSession(
      "jupyterlab-untrusted",
      "empty.ipynb",
      (jupyter) => {
        mkdirSync(SHOTS, { recursive: true });
        const executed = join(jupyter.tmp, "executed");
        const notebooks = Object.keys(NOTEBOOKS).map((name) => join(ROOT, "notebooks", `${name}.ipynb`));
        const run = spawnSync(
          process.execPath,
          [join(ROOT, "scripts", "run-notebooks.mjs"), "--output-dir", executed, "--keep-executed", ...notebooks],
          { cwd: ROOT, env: jupyter.env, encoding: "utf8", timeout: 900_000 },
        );
        expect(run.status, run.stdout + run.stderr).toBe(0);
        for (const name of Object.keys(NOTEBOOKS)) {
          // Trust goes by the notebook's digest (and nbconvert may have signed the executed one): the
          // untrusted copy differs by one metadata field, as a colleague's copy of it would.
          const saved = JSON.parse(readFileSync(join(executed, `${name}.executed.ipynb`), "utf8"));
          saved.metadata.lazylab_copy = "untrusted";
          writeFileSync(join(jupyter.notebooks, `untrusted-${name}.ipynb`), JSON.stringify(saved, null, 1));
          copyFileSync(join(executed, `${name}.executed.ipynb`), join(jupyter.notebooks, `trusted-${name}.ipynb`));
          // `jupyter trust` (nbformat's signing app; Debian ships no jupyter-trust command) in the private data dir.
          const trust = spawnSync(PYTHON, ["-m", "nbformat.sign", join(jupyter.notebooks, `trusted-${name}.ipynb`)], {
            env: jupyter.env,
            encoding: "utf8",
          });
          expect(trust.status, trust.stderr).toBe(0);
        }
        writeFileSync(join(jupyter.notebooks, "empty.ipynb"), labNotebookJson([]));
      },
      { setupMs: 900_000 },
    );

    for (const [name, atLeast] of Object.entries(NOTEBOOKS)) {
      it(`${name}: every drawing is an image, trusted and untrusted, with no labels run together`, async () => {
        for (const trust of ["trusted", "untrusted"] as const) {
          await openLabPage(lab.page, lab.server, `${trust}-${name}.ipynb`);
          const trusted = await lab.page.evaluate(() =>
            (
              window as unknown as { lazylabPage: { panel: { content: { widgets: { model: { type: string; trusted: boolean } }[] } } } }
            ).lazylabPage.panel.content.widgets
              .filter((c) => c.model.type === "code")
              .map((c) => c.model.trusted),
          );
          expect(new Set(trusted)).toEqual(new Set([trust === "trusted"]));
          // Folded drawings (a proof's "drawing") are opened so they take their size.
          await lab.page.evaluate(() =>
            document.querySelectorAll(".jp-OutputArea details").forEach((d) => ((d as HTMLDetailsElement).open = true)),
          );
          const outputs = lab.page.locator(".jp-Notebook");
          await expect.poll(async () => (await drawingsShown(outputs)).every((d) => d.complete), { timeout: 30_000 }).toBe(true);
          const drawings = await drawingsShown(outputs);
          expect(drawings.length, `${trust} ${name}: drawings shown`).toBeGreaterThanOrEqual(atLeast);
          for (const d of drawings)
            expect(d.width > 0 && d.height > 0, `${trust} ${name}: a drawing of size ${d.width}×${d.height}`).toBe(true);
          expect(await lab.page.locator(".jp-OutputArea svg text").count(), `${trust} ${name}: inline SVG text in an output`).toBe(0);
          const shownText = (await lab.page.locator(".jp-OutputArea").allInnerTexts()).join("\n");
          for (const d of drawings) {
            const ls = labels(d.svg);
            for (let i = 0; i + 1 < ls.length; i++)
              expect(shownText, `${trust} ${name}: labels run together`).not.toContain(ls[i] + ls[i + 1]);
          }
          // The screenshot shows the first drawing (the notebook scrolls inside its panel).
          await lab.page.locator('.jp-OutputArea img[src^="data:image/svg+xml;base64,"]').first().scrollIntoViewIfNeeded();
          await lab.page.screenshot({ path: join(SHOTS, `${trust}-${name}.png`) });
        }
      }, 180_000);
    }
  },
);
