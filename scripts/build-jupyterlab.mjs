#!/usr/bin/env node
// Builds the JupyterLab 4 page of the browser test (test/jupyterlab/page) with esbuild into
// build/jupyterlab/static (git-ignored): bundle.js, bundle.css. Skipped when the bundle is newer than
// package-lock.json and every file of the harness; `--force` builds anyway. The @jupyterlab/*
// packages are devDependencies: nothing of this page is part of the published package.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const HARNESS = join(ROOT, "test", "jupyterlab");
const OUT = join(ROOT, "build", "jupyterlab", "static");
const BUNDLE = join(OUT, "bundle.js");

/** Every file under `dir` (the harness sources). */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "__pycache__" ? [] : filesUnder(join(dir, e.name))) : [join(dir, e.name)],
  );
}

/** True when the bundle exists and is newer than the lockfile, this script and the harness sources. */
function upToDate() {
  if (!existsSync(BUNDLE)) return false;
  const built = statSync(BUNDLE).mtimeMs;
  const inputs = [join(ROOT, "package-lock.json"), fileURLToPath(import.meta.url), ...filesUnder(HARNESS)];
  return inputs.every((f) => statSync(f).mtimeMs < built);
}

/** webpack-style `@import "~pkg/file.css"` in JupyterLab's CSS: resolve `pkg/file.css` as a package path. */
const tildeImports = {
  name: "tilde-imports",
  setup(build) {
    build.onResolve({ filter: /^~/ }, (args) => build.resolve(args.path.slice(1), { kind: args.kind, resolveDir: args.resolveDir }));
  },
};

/**
 * `.svg`: JavaScript imports it as a string (the icons of @jupyterlab/ui-components), CSS's url() as a
 * data URL; one loader cannot do both, so url() tokens go to their own namespace.
 */
const svgUrls = {
  name: "svg-urls",
  setup(build) {
    build.onResolve({ filter: /\.svg([?#].*)?$/ }, async (args) => {
      if (args.kind !== "url-token") return undefined;
      const clean = args.path.replace(/[?#].*$/, "");
      const found = await build.resolve(clean.startsWith(".") || clean.startsWith("/") ? clean : `./${clean}`, {
        kind: "import-statement",
        resolveDir: args.resolveDir,
      });
      return { path: found.path, namespace: "svg-url" };
    });
    build.onLoad({ filter: /.*/, namespace: "svg-url" }, (args) => ({ contents: readFileSync(args.path), loader: "dataurl" }));
  },
};

if (!process.argv.includes("--force") && upToDate()) {
  console.log(`build:jupyterlab: ${BUNDLE} is up to date`);
} else {
  // esbuild strips types without checking them: type-check the page first (test/jupyterlab/tsconfig.json).
  const { spawnSync } = await import("node:child_process");
  const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(HARNESS, "tsconfig.json")], {
    stdio: "inherit",
  });
  if (tsc.status !== 0) {
    console.error("build:jupyterlab: the page has type errors");
    process.exit(1);
  }
  const esbuild = await import("esbuild");
  mkdirSync(OUT, { recursive: true });
  const started = Date.now();
  await esbuild.build({
    entryPoints: { bundle: join(HARNESS, "page", "index.ts") },
    outdir: OUT,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: false,
    logLevel: "warning",
    loader: {
      ".svg": "text",
      ".woff": "dataurl",
      ".woff2": "dataurl",
      ".ttf": "dataurl",
      ".eot": "dataurl",
      ".png": "dataurl",
      ".gif": "dataurl",
      ".md": "text",
    },
    // MathJax's loader reads __dirname; node-style globals some packages test for.
    define: { __dirname: '"/"', "process.env.NODE_ENV": '"production"', global: "globalThis" },
    plugins: [tildeImports, svgUrls],
  });
  console.log(`build:jupyterlab: built ${BUNDLE} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
