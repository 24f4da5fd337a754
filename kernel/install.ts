/** `lazylab install`: writes the kernelspec (kernel.json with absolute paths, and logos). */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Where to install: the user's data dir, the Python environment's prefix, or a given prefix. */
export type InstallTarget = { kind: "user" } | { kind: "sys-prefix" } | { kind: "prefix"; dir: string };

/**
 * Node's flags for the kernel; the snapshot is built with the same ones (V8 refuses a snapshot made
 * under other heap settings). A small young generation: the kernel allocates little per cell, and
 * RSS stays ~25 MiB lower.
 */
export const KERNEL_NODE_FLAGS = ["--max-semi-space-size=2"];

/** The startup snapshot `npm run build` made for this Node (scripts/build-snapshot.mjs), if there is one. */
export function snapshotBlob(): string | undefined {
  const blob = fileURLToPath(new URL(`./snapshot-${process.version}-${process.arch}.blob`, import.meta.url));
  return existsSync(blob) ? blob : undefined;
}

/** How the kernel is started. */
export interface LaunchOptions {
  /**
   * From the startup snapshot: the first typed cell answers ~2.5× sooner (0.66 s instead of 1.75 s
   * here), but Node 20 deserializes the snapshot into each worker thread too, so the kernel's RSS is
   * ~70 MiB higher. Off by default; `lazylab install --startup-snapshot` turns it on.
   */
  snapshot?: boolean;
}

/**
 * The command that starts a kernel: from main.js, or from the startup snapshot when asked and one
 * was built for this Node. A snapshot only runs on the Node that built it, so the kernelspec names
 * that Node's absolute path; after upgrading Node, run `npm run build` and `lazylab install` again.
 */
export function kernelArgv(connectionFile: string, options: LaunchOptions = {}): string[] {
  const node = [process.execPath, ...KERNEL_NODE_FLAGS];
  const blob = options.snapshot === true ? snapshotBlob() : undefined;
  if (blob !== undefined) return [...node, "--snapshot-blob", blob, "kernel", connectionFile];
  return [...node, fileURLToPath(new URL("./main.js", import.meta.url)), "kernel", connectionFile];
}

/** The kernelspec's kernel.json contents. */
export function kernelJson(options: LaunchOptions = {}): Record<string, unknown> {
  return {
    argv: kernelArgv("{connection_file}", options),
    display_name: "TypeScript (lazylab)",
    language: "typescript",
    interrupt_mode: "message",
    // Two malloc arenas instead of one per thread (the kernel has a few): ~10 MiB less RSS.
    env: { MALLOC_ARENA_MAX: "2" },
    metadata: { debugger: true }, // JupyterLab shows its debugger toggle for kernels that say so
  };
}

function kernelsDir(target: InstallTarget): string {
  switch (target.kind) {
    case "user":
      return process.platform === "darwin"
        ? join(homedir(), "Library", "Jupyter", "kernels")
        : join(process.env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "jupyter", "kernels");
    case "prefix":
      return join(target.dir, "share", "jupyter", "kernels");
    case "sys-prefix": {
      const python = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
      const prefix = execFileSync(python, ["-c", "import sys; print(sys.prefix)"], { encoding: "utf8" }).trim();
      return join(prefix, "share", "jupyter", "kernels");
    }
  }
}

/** Writes the `lazylab` kernelspec and returns its folder. */
export function installKernelspec(target: InstallTarget, options: LaunchOptions = {}): string {
  const dir = join(kernelsDir(target), "lazylab");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(kernelJson(options), null, 2)}\n`);
  const assets = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "kernel", "assets");
  for (const logo of ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]) {
    if (existsSync(join(assets, logo))) copyFileSync(join(assets, logo), join(dir, logo));
  }
  return dir;
}
