#!/usr/bin/env node
// Executes notebooks through the lazylab kernel and writes HTML reports (the README's main job).
//
//   node scripts/run-notebooks.mjs [--output-dir DIR] [--keep-executed] [NOTEBOOK.ipynb ...]
//
// Without notebooks it runs every notebooks/*.ipynb; reports go to reports/ (gitignored).
// Each notebook runs with `jupyter nbconvert --execute --to html`; the absolute path of each
// report is printed. If a cell fails, the command exits non-zero naming the notebook and the cell.
// --keep-executed also keeps each executed notebook, NAME.executed.ipynb, next to its report (it
// executes to a notebook, then converts that to HTML, so each notebook still runs once): the
// notebook tests read their outputs from it.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const JUPYTER = "/usr/bin/jupyter";
const CELL_TIMEOUT_SECONDS = 600;

/** Command-line options: `--output-dir DIR` and notebook paths. */
function parseArgs(argv) {
  const options = { outputDir: join(ROOT, "reports"), keepExecuted: false, notebooks: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--output-dir") options.outputDir = resolve(argv[++i] ?? "");
    else if (arg.startsWith("--output-dir=")) options.outputDir = resolve(arg.slice("--output-dir=".length));
    else if (arg === "--keep-executed") options.keepExecuted = true;
    else if (arg === "-h" || arg === "--help") {
      console.log("usage: node scripts/run-notebooks.mjs [--output-dir DIR] [--keep-executed] [NOTEBOOK.ipynb ...]");
      process.exit(0);
    } else options.notebooks.push(resolve(arg));
  }
  if (options.notebooks.length === 0) {
    const dir = join(ROOT, "notebooks");
    options.notebooks = readdirSync(dir)
      .filter((f) => f.endsWith(".ipynb"))
      .sort()
      .map((f) => join(dir, f));
  }
  return options;
}

/** Runs a command, collecting its output; resolves with the exit code. */
function run(command, args) {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, PYDEVD_DISABLE_FILE_VALIDATION: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", (error) => done({ code: 127, stdout, stderr: stderr + String(error) }));
    child.on("close", (code, signal) => done({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "");
const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? ""));

/**
 * Which cell failed, from nbclient's CellExecutionError text:
 * "An error occurred while executing the following cell:\n------------------\nSOURCE\n------------------\n\nTRACEBACK".
 */
function failedCell(notebookPath, stderr) {
  const text = stripAnsi(stderr);
  const match = /An error occurred while executing the following cell:\n-{18}\n([\s\S]*?)\n-{18}\n([\s\S]*)$/.exec(text);
  if (match === null) return undefined;
  const [, source, rest] = match;
  const error = rest.trim().split("\n").slice(0, 40).join("\n");
  let cells = [];
  try {
    cells = JSON.parse(readFileSync(notebookPath, "utf8")).cells ?? [];
  } catch {
    // An unreadable notebook still gets reported, without the cell number.
  }
  const index = cells.findIndex((c) => c.cell_type === "code" && sourceOf(c).trim() === source.trim());
  return { number: index < 0 ? undefined : index + 1, id: index < 0 ? undefined : cells[index].id, source, error };
}

/** Executes one notebook to an HTML report; resolves to the report's path (and the executed notebook's) or a failure description. */
async function execute(notebook, outputDir, keepExecuted) {
  const name = basename(notebook).replace(/\.ipynb$/, "");
  const report = join(outputDir, `${name}.html`);
  // Widgets (lazylab/widgets) need a live kernel: with no widget state stored in the notebook, nbconvert's
  // HTML shows each widget's static text/html picture instead of an empty widget placeholder.
  const executeArgs = [
    "nbconvert",
    "--execute",
    `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_SECONDS}`,
    "--ExecutePreprocessor.store_widget_state=False",
    "--output-dir",
    outputDir,
  ];
  if (!keepExecuted) {
    const { code, stderr } = await run(JUPYTER, [...executeArgs, "--to", "html", notebook]);
    if (code === 0 && existsSync(report)) return { ok: true, report };
    return { ok: false, cell: failedCell(notebook, stderr), stderr };
  }
  const executed = join(outputDir, `${name}.executed.ipynb`);
  const ran = await run(JUPYTER, [...executeArgs, "--to", "notebook", "--output", `${name}.executed`, notebook]);
  if (ran.code !== 0 || !existsSync(executed)) return { ok: false, cell: failedCell(notebook, ran.stderr), stderr: ran.stderr };
  const converted = await run(JUPYTER, ["nbconvert", "--to", "html", "--output-dir", outputDir, "--output", name, executed]);
  if (converted.code === 0 && existsSync(report)) return { ok: true, report, executed };
  return { ok: false, cell: undefined, stderr: converted.stderr };
}

/** What to print for a failed notebook: the notebook, the cell (number, id, source) and the error. */
function describeFailure(name, { cell, stderr }) {
  if (cell === undefined) {
    const tail = stripAnsi(stderr).trim().split("\n").slice(-15).join("\n");
    return `${name}: failed before or outside a cell:\n${indent(tail)}`;
  }
  const which = cell.number === undefined ? "a cell" : `cell ${cell.number}${cell.id ? ` (id ${cell.id})` : ""}`;
  const source = cell.source.split("\n").slice(0, 8).join("\n");
  return `${name}: ${which} failed\n${indent(source)}\n  ${"-".repeat(18)}\n${indent(cell.error)}`;
}

const indent = (s) =>
  s
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");

async function main() {
  const { outputDir, keepExecuted, notebooks } = parseArgs(process.argv.slice(2));
  if (!existsSync(JUPYTER)) {
    console.error(`${JUPYTER} not found: run \`bash scripts/setup.sh\` first (it installs Jupyter from apt).`);
    process.exit(2);
  }
  if (notebooks.length === 0) {
    console.error("No notebooks to run.");
    process.exit(2);
  }
  const failures = [];
  for (const notebook of notebooks) {
    const name = relative(ROOT, notebook).startsWith("..") ? notebook : relative(ROOT, notebook);
    const started = Date.now();
    process.stdout.write(`Executing ${name} … `);
    const result = await execute(notebook, outputDir, keepExecuted);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.ok) {
      console.log(`ok (${seconds} s)\n  report: ${result.report}`);
      if (result.executed) console.log(`  executed notebook: ${result.executed}`);
    } else {
      console.log(`FAILED (${seconds} s)`);
      failures.push(describeFailure(name, result));
    }
  }
  console.log(`
To open the notebooks interactively with the lazylab kernel:
  jupyter notebook notebooks/
then open a notebook; it selects the kernel "TypeScript (lazylab)" itself
(otherwise: Kernel → Change kernel → TypeScript (lazylab)). In JupyterLab
(\`jupyter lab notebooks/\`), choose the same kernel from the kernel picker.`);
  if (failures.length > 0) {
    console.error(`\n${failures.length} of ${notebooks.length} notebook(s) failed:\n`);
    for (const failure of failures) console.error(`${failure}\n`);
    process.exit(1);
  }
}

await main();
