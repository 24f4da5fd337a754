/**
 * The entry of the kernel's V8 startup snapshot (`npm run build` makes it; scripts/build-snapshot.mjs).
 * Node 20 runs this once at build time with `--build-snapshot`, bundled into one CommonJS file
 * (a snapshot cannot load ES modules): it loads the compiler and checks a trivial cell in an
 * empty folder, exactly as the kernel's first check would, so the snapshot's heap holds the
 * compiler and the parsed, bound declaration files. A kernel started with `--snapshot-blob`
 * begins from that heap: the deserialize function below loads the kernel's own modules, which
 * find the state (contract/startup-snapshot.ts) and reuse it instead of building it again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startupSnapshot } from "node:v8";
import { Checker, documentRegistry } from "./checker.js";
import { SNAPSHOT_KEY, type SnapshotState } from "../contract/startup-snapshot.js";
import { ts } from "./typescript.js";

declare const __filename: string; // the bundle is CommonJS

const started = performance.now();
const folder = mkdtempSync(join(tmpdir(), "lazylab-snapshot-"));
try {
  new Checker(folder).warm();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const state: SnapshotState = {
  ts: ts(),
  registry: documentRegistry(),
  builtMs: Math.round(performance.now() - started),
};
Object.defineProperty(globalThis, SNAPSHOT_KEY, { value: state, enumerable: false });

// At start: the kernel's command-line program, as `node dist/kernel/main.js …` would run it
// (Node 20 loads an ES module synchronously through require when it has no top-level await).
const main = join(dirname(__filename), "..", "main.js");
startupSnapshot.setDeserializeMainFunction(() => createRequire(main)(main));
