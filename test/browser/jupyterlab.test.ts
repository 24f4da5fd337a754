import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { CHROMIUM, PYTHON, type RunningServer, kernelsLeft } from "../support/jupyter-server.js";
import { ROOT } from "../support/kernel-client.js";
import { drawingsShown } from "../support/svg-images.js";
import { cellAt, labNotebookJson, labSession, openLabPage, outputOf, promptOf, runCell, waitForCell } from "../support/jupyterlab-page.js";

const SHOTS = join(ROOT, "test-output", "browser", "jupyterlab");

/** The cells the page runs, in order (the notebook names the lazylab kernel). */
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
  `import { input } from "lazylab"\nconst answer = await input("Your name? ")\n"hello " + answer`,
  ``, // the completer and the tooltip are tried here
  `typeof planets`, // after Restart
];

describe.skipIf(!existsSync(PYTHON) || !existsSync(CHROMIUM))("JupyterLab 4 in Chromium", () => {
  const lab = labSession("jupyterlab", "lab.ipynb", (jupyter) => {
    mkdirSync(SHOTS, { recursive: true });
    writeFileSync(join(jupyter.notebooks, "lab.ipynb"), labNotebookJson(CELLS));
  });

  it("runs cells, highlights TypeScript, completes with kinds, shows a tooltip, asks for input, interrupts and restarts", async () => {
    try {
      await exercise(lab.page, lab.server, lab.jupyter.notebooks);
    } catch (error) {
      await lab.page.screenshot({ path: join(SHOTS, "failure.png"), fullPage: true }); // what the page showed when it failed
      throw error;
    }
  }, 300_000);

  it("leaves no kernel running once the server is stopped", async () => {
    await lab.stop();
    expect(await kernelsLeft(lab.jupyter.tmp)).toEqual([]);
  }, 30_000);
});

async function exercise(page: Page, server: RunningServer, folder: string): Promise<void> {
  await openLabPage(page, server);

  // TypeScript highlighting: kernel_info's codemirror_mode resolves to JupyterLab's TypeScript
  // language, so each code cell's CodeMirror 6 editor parses TypeScript (not JavaScript).
  const language = await page.evaluate(() => {
    const cell = (window as unknown as { lazylabPage: { panel: { content: { widgets: { model: { mimeType: string } }[] } } } }).lazylabPage
      .panel.content.widgets[0];
    return cell.model.mimeType;
  });
  expect(language).toBe("application/typescript");
  await expect.poll(() => cellAt(page, 0).locator(".cm-content").getAttribute("data-language")).toBe("typescript");

  for (let i = 0; i <= 3; i++) {
    await runCell(page, i);
    await waitForCell(page, i);
  }
  const typed = outputOf(page, 0);
  await expect
    .poll(async () => (await typed.locator('[data-mime-type="application/vnd.jupyter.stdout"]').innerText()).trimEnd())
    .toBe("Earth has 1 moon(s)\nMars has 2 moon(s)");
  expect((await typed.locator(".jp-OutputArea-executeResult .jp-OutputArea-output").innerText()).trim()).toBe("42");
  expect((await typed.locator(".jp-OutputArea-executeResult .jp-OutputPrompt").innerText()).replace(/\s+/g, "")).toBe("[1]:");
  const rows = outputOf(page, 1).locator("table.planets tr");
  expect(await rows.count()).toBe(2);
  expect(await rows.nth(1).innerText()).toBe("Mars\t2");
  expect((await outputOf(page, 2).innerText()).trim()).toBe("Success!\nwho: abraham\nwho: fillmore");
  const [timeline] = await drawingsShown(outputOf(page, 3));
  expect(timeline.complete && timeline.width > 0 && timeline.height > 0).toBe(true);
  expect(timeline.svg).toContain(">Thread 1</text>");
  await page.screenshot({ path: join(SHOTS, "1-outputs.png"), fullPage: true });

  await runCell(page, 4);
  await waitForCell(page, 4);
  const traceback = await outputOf(page, 4).locator('[data-mime-type="application/vnd.jupyter.stderr"]').innerText();
  expect(traceback).toContain("Error: the browser saw this");
  expect(traceback).toMatch(/Cell In\[5\], line 2/);
  expect(traceback.match(/at explode \(Cell In\[5\], line \d, column \d+\)/g)).toHaveLength(3);
  expect(traceback).toContain('--> 2 |   if (depth === 0) throw new Error("the browser saw this")');
  await page.screenshot({ path: join(SHOTS, "2-traceback.png"), fullPage: true });

  // A busy loop: the cell stays [*] until the toolbar's Interrupt button is pressed; state is kept.
  await runCell(page, 5);
  await expect.poll(() => promptOf(page, 5), { timeout: 30_000 }).toBe("[*]:");
  await expect.poll(() => existsSync(join(folder, "loop-started")), { timeout: 60_000 }).toBe(true); // the loop spins
  await page.locator('.jp-Toolbar [data-jp-item-name="interrupt"] button, .jp-Toolbar [data-jp-item-name="interrupt"]').first().click();
  await waitForCell(page, 5, 30_000);
  expect(await outputOf(page, 5).innerText()).toContain("KeyboardInterrupt");
  await runCell(page, 6);
  await waitForCell(page, 6);
  expect(await outputOf(page, 6).locator(".jp-OutputArea-executeResult").innerText()).toContain("'still alive after spinning, planets: 2'");

  // stdin: `await input()` opens JupyterLab's input box under the cell; the answer reaches the cell.
  await runCell(page, 7);
  const box = outputOf(page, 7).locator("input.jp-Stdin-input");
  await box.waitFor({ timeout: 30_000 });
  expect(await outputOf(page, 7).locator(".jp-Stdin-prompt").innerText()).toContain("Your name?");
  await box.fill("Ada");
  await box.press("Enter");
  await waitForCell(page, 7);
  expect(await outputOf(page, 7).locator(".jp-OutputArea-executeResult").innerText()).toContain("'hello Ada'");
  await page.screenshot({ path: join(SHOTS, "3-interrupt-stdin.png"), fullPage: true });

  // The completer: Tab after `planets[0].` lists the members with their kinds/types.
  const scratch = cellAt(page, 8).locator(".cm-content");
  await scratch.click();
  await scratch.scrollIntoViewIfNeeded();
  await page.keyboard.type("planets[0].");
  const completer = page.locator(".jp-Completer");
  // JupyterLab hides the popup when the cursor's position is unknown for a moment (the page still
  // laying out under load): Tab again, as a user would, up to three times.
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press("Tab");
    try {
      await completer.locator(".jp-Completer-item").first().waitFor({ timeout: 10_000 });
      break;
    } catch (error) {
      if (attempt === 3) throw error;
      await page.keyboard.press("Escape");
      await scratch.click();
      await page.keyboard.press("End");
    }
  }
  const items = await completer.locator(".jp-Completer-item").evaluateAll((els) =>
    els.map((e) => ({
      label: e.querySelector(".jp-Completer-match")?.textContent ?? "",
      type: (e.querySelector(".jp-Completer-typeExtended") ?? e.querySelector(".jp-Completer-type"))?.textContent ?? "",
    })),
  );
  expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["moons", "name"]));
  expect(items).toEqual(
    expect.arrayContaining([
      { label: "moons", type: "property" },
      { label: "name", type: "property" },
    ]),
  );
  await page.screenshot({ path: join(SHOTS, "4-completer.png") });
  await page.keyboard.press("Escape");

  // The tooltip: Shift+Tab inside `Math.max(` shows max's signature.
  await scratch.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Math.max(");
  await page.keyboard.press("Shift+Tab");
  const tip = page.locator(".jp-Tooltip");
  await tip.waitFor({ timeout: 30_000 });
  expect(await tip.innerText()).toMatch(/max\(\.\.\.values: number\[\]\): number/);
  await page.screenshot({ path: join(SHOTS, "5-tooltip.png") });
  await page.keyboard.press("Escape");

  // Contextual Help: the inspector panel asks at detail level 1 as the cursor moves; on `max` it
  // shows max's own signature and declaration, not the whole `interface Math` (abs, floor, …).
  await scratch.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Math.max");
  const help = page.locator(".jp-Inspector");
  await expect.poll(() => help.innerText(), { timeout: 30_000, interval: 250 }).toMatch(/max\(\.\.\.values: number\[\]\): number/);
  const helpText = await help.innerText();
  expect(helpText).not.toContain("interface Math");
  expect(helpText).not.toMatch(/abs\(x: number\)/);
  expect(helpText.length).toBeLessThan(2500);
  await help.screenshot({ path: join(SHOTS, "5b-contextual-help.png") });

  // Restart (toolbar button, then the dialog's Restart): the kernel's state is gone afterwards.
  await page.locator('.jp-Toolbar [data-jp-item-name="restart"] button, .jp-Toolbar [data-jp-item-name="restart"]').first().click();
  await page.locator(".jp-Dialog .jp-mod-accept").click();
  await expect
    .poll(
      () =>
        page.evaluate(
          () =>
            (window as unknown as { lazylabPage: { panel: { sessionContext: { session?: { kernel?: { status: string } } } } } }).lazylabPage
              .panel.sessionContext.session?.kernel?.status,
        ),
      { timeout: 60_000 },
    )
    .toBe("idle");
  await runCell(page, 9);
  await waitForCell(page, 9);
  // A new kernel: counting starts again and `planets` is no longer declared.
  expect(await promptOf(page, 9)).toBe("[1]:");
  expect(await outputOf(page, 9).innerText()).toContain("Cannot find name 'planets'");
  await page.screenshot({ path: join(SHOTS, "6-restarted.png"), fullPage: true });
}
