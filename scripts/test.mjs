#!/usr/bin/env node
// The test aggregator behind `npm test` (after `npm run build`). Runs, in order:
//   1. vitest over test/**/*.test.ts (unit and protocol tests)
//   2. the conformance suite, test/conformance (jupyter_kernel_test), with /usr/bin/python3 -m unittest
//   3. the front-end tests, test/jupyter (nbconvert, jupyter console, nbclient), likewise
// prints each suite's counts, and ends with exactly one line "N passed, N failed" (the totals).
// Rules: every failing subTest counts as a failure; a skipped test counts as failed, never as passed;
// a suite that cannot run counts as a failure. Exit status is non-zero when anything failed.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUTPUT = join(ROOT, "test-output");
const PYTHON = "/usr/bin/python3";
const SUITE_TIMEOUT_MS = 30 * 60 * 1000;

/** Files under `dir` whose names end with `suffix`, skipping node_modules. */
function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : findFiles(path, suffix);
    return entry.name.endsWith(suffix) ? [path] : [];
  });
}

/** Runs a command with its output shown live; resolves with the exit code and the text it wrote. */
function run(command, args, env = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const tee = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on("data", tee(process.stdout));
    child.stderr.on("data", tee(process.stderr));
    const timer = setTimeout(() => {
      output += `\n[test.mjs] timed out after ${SUITE_TIMEOUT_MS / 60000} min; killing ${command}\n`;
      child.kill("SIGKILL");
    }, SUITE_TIMEOUT_MS);
    child.on("error", (error) => {
      clearTimeout(timer);
      done({ code: 127, output: output + String(error) });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? 128, signal, output });
    });
  });
}

function banner(title) {
  console.log(`\n${"=".repeat(78)}\n${title}\n${"=".repeat(78)}`);
}

/** Suite 1: vitest, counted from its JSON report. */
async function vitestSuite() {
  const name = "vitest (test/**/*.test.ts)";
  const files = findFiles(join(ROOT, "test"), ".test.ts");
  if (files.length === 0) return { name, passed: 0, failed: 0, note: "no test files yet" };
  const report = join(OUTPUT, "vitest.json");
  rmSync(report, { force: true });
  const { code } = await run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${relative(ROOT, report)}`,
  ]);
  if (!existsSync(report)) return { name, passed: 0, failed: 1, error: `vitest wrote no report (exit ${code})` };
  const json = JSON.parse(readFileSync(report, "utf8"));
  const passed = json.numPassedTests ?? 0;
  const skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
  let failed = (json.numFailedTests ?? 0) + skipped;
  const notes = [];
  if (skipped > 0) notes.push(`${skipped} skipped/todo counted as failed`);
  // A file that fails to load, or an unhandled error, fails the run without failing a test.
  const brokenFiles = (json.testResults ?? []).filter(
    (f) => f.status === "failed" && (f.assertionResults ?? []).every((t) => t.status !== "failed"),
  ).length;
  if (brokenFiles > 0) notes.push(`${brokenFiles} file(s) failed outside any test`);
  failed += brokenFiles;
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`vitest exited ${code} (unhandled errors?)`);
  }
  return { name, passed, failed, note: notes.join("; ") };
}

/**
 * Counts from `python -m unittest -v` output. "Ran N tests" counts test methods; the summary counts
 * each failing or erroring subTest separately, and skips. A method passes when it has no failure,
 * error or skip of its own or in a subTest.
 */
export function parseUnittest(output) {
  const ran = [...output.matchAll(/^Ran (\d+) tests? in /gm)].at(-1);
  const status = [...output.matchAll(/^(OK|FAILED)(?: \(([^)]*)\))?\s*$/gm)].at(-1);
  if (ran === undefined || status === undefined) return undefined;
  const total = Number(ran[1]);
  const counts = Object.fromEntries(
    (status[2] ?? "")
      .split(",")
      .map((part) => part.trim().split("="))
      .filter((kv) => kv.length === 2)
      .map(([k, v]) => [k.trim(), Number(v)]),
  );
  const failures = counts.failures ?? 0;
  const errors = counts.errors ?? 0;
  const skipped = counts.skipped ?? 0;
  const unexpected = counts["unexpected successes"] ?? 0;
  const badMethods = new Set([...output.matchAll(/^(?:FAIL|ERROR): \S+ \(([^)\s]+)\)/gm)].map((m) => m[1]));
  const skippedMethods = new Set([...output.matchAll(/\(([\w.]+)\)(?: \([^)\n]*\))? \.\.\. skipped/g)].map((m) => m[1]));
  for (const id of skippedMethods) badMethods.add(id);
  // Skips we could not attribute to a method still take passes away (never count a skip as passing).
  const unattributedSkips = skippedMethods.size === 0 ? skipped : 0;
  const unexpectedMethods = [...output.matchAll(/\.\.\. unexpected success/g)].length;
  const passed = Math.max(0, total - badMethods.size - unattributedSkips - unexpectedMethods);
  const failed = failures + errors + skipped + unexpected;
  return { total, passed, failed, failures, errors, skipped, unexpected, ok: status[1] === "OK" };
}

/** Suites 2 and 3: a folder of unittest tests run with Debian's Python (the one with Jupyter). */
async function unittestSuite(name, folder) {
  if (!existsSync(PYTHON)) return { name, passed: 0, failed: 1, error: `${PYTHON} not found (run bash scripts/setup.sh)` };
  if (findFiles(join(ROOT, folder), ".py").length === 0) return { name, passed: 0, failed: 1, error: `no tests in ${folder}` };
  const { code, output } = await run(PYTHON, ["-m", "unittest", "discover", "-v", "-s", folder, "-p", "test_*.py"], {
    PYDEVD_DISABLE_FILE_VALIDATION: "1", // Debian's debugpy warns about frozen modules on every Jupyter start
    PYTHONDONTWRITEBYTECODE: "1",
  });
  const counts = parseUnittest(output);
  if (counts === undefined) return { name, passed: 0, failed: 1, error: `unittest printed no summary (exit ${code})` };
  let { passed, failed } = counts;
  const notes = [];
  if (counts.skipped > 0) notes.push(`${counts.skipped} skipped counted as failed`);
  if (counts.total === 0) {
    failed = Math.max(failed, 1);
    notes.push("no tests ran");
  }
  if (code !== 0 && failed === 0) {
    failed = 1;
    notes.push(`unittest exited ${code}`);
  }
  return { name, passed, failed, note: notes.join("; ") };
}

/** Suite 0: the static checks, each one counted test (a failing check fails the run but stops nothing). */
async function staticChecks() {
  const checks = [
    ["lint (npm run lint)", ["npm", ["run", "--silent", "lint"]]],
    ["test type-check (npm run typecheck:test)", ["npm", ["run", "--silent", "typecheck:test"]]],
  ];
  let passed = 0;
  const failures = [];
  for (const [name, [command, args]] of checks) {
    const { code } = await run(command, args);
    if (code === 0) passed++;
    else failures.push(name);
  }
  return {
    name: "static checks (lint, test type-check)",
    passed,
    failed: failures.length,
    note: failures.length > 0 ? `failed: ${failures.join(", ")}` : "",
  };
}

async function main() {
  mkdirSync(OUTPUT, { recursive: true });
  const results = [];

  banner("0/3 static checks: lint and the tests' type-check");
  results.push(await staticChecks());

  banner("1/3 vitest: unit and protocol tests");
  results.push(await vitestSuite());

  banner("2/3 conformance: jupyter_kernel_test (test/conformance)");
  results.push(await unittestSuite("conformance (jupyter_kernel_test)", "test/conformance"));

  banner("3/3 front ends: nbconvert, jupyter console, nbclient (test/jupyter)");
  results.push(await unittestSuite("front ends (nbconvert, console, nbclient)", "test/jupyter"));

  banner("Summary");
  for (const r of results) {
    const extra = [r.note, r.error && `could not run: ${r.error}`].filter(Boolean).join("; ");
    console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed${extra ? ` (${extra})` : ""}`);
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || results.some((r) => r.error) ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
