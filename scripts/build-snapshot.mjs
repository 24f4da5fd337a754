#!/usr/bin/env node
/**
 * Builds the kernel's V8 startup snapshot (part of `npm run build`, after tsc): bundles
 * dist/kernel/engine/snapshot-entry.js into one CommonJS file (a snapshot entry cannot load ES
 * modules), then runs it with `node --build-snapshot`, which writes
 * dist/kernel/snapshot-<node version>-<arch>.blob. `lazylab install` points the kernelspec at the
 * blob when it exists for the Node it runs on; a kernel without one starts from main.js, slower.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { KERNEL_NODE_FLAGS } from "../dist/kernel/install.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const engine = join(root, "dist", "kernel", "engine");
const bundle = join(engine, "snapshot-entry.cjs");
const blob = join(root, "dist", "kernel", `snapshot-${process.version}-${process.arch}.blob`);

const started = Date.now();
try {
  await build({
    entryPoints: [join(engine, "snapshot-entry.js")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "warning",
    // The bundle sits beside the modules it was made from, so their import.meta.url-relative paths hold.
    define: { "import.meta.url": "__lazylabModuleUrl" },
    banner: { js: 'var __lazylabModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  for (const old of readdirSync(join(root, "dist", "kernel")).filter((f) => /^snapshot-.*\.blob$/.test(f))) {
    rmSync(join(root, "dist", "kernel", old));
  }
  // Node warns that the snapshot is experimental and that it cannot check every module: expected.
  execFileSync(process.execPath, [...KERNEL_NODE_FLAGS, "--snapshot-blob", blob, "--build-snapshot", bundle], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  console.log(`startup snapshot: ${blob.slice(root.length + 1)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  // Without a snapshot the kernel still works, only its first cell waits longer.
  rmSync(blob, { force: true });
  console.warn(`warning: no startup snapshot (the kernel will start without one): ${error.stderr?.toString().trim() || error.message}`);
}
