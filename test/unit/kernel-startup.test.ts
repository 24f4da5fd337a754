/**
 * What the kernel loads before it answers: the TypeScript compiler takes ~0.3–0.8 s to load, so
 * it must come with the checker's warm-up (after the sockets are up), never with the kernel's
 * modules — a single eager `import ts from "typescript"` in a magic once tripled start-up.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../support/kernel-client.js";

/** The CommonJS packages from node_modules that importing `module` loads, in a fresh process. */
function packagesLoadedBy(module: string): string[] {
  const script = `
    import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    await import(${JSON.stringify(module)});
    const names = Object.keys(require.cache).map((k) => k.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/)?.[1]).filter(Boolean);
    console.log(JSON.stringify([...new Set(names)]));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as string[];
}

describe("kernel start-up", () => {
  it("loads neither the TypeScript compiler nor the MapReduce libraries with the kernel's modules", () => {
    const loaded = packagesLoadedBy(join(ROOT, "dist", "kernel", "kernel.js"));
    expect(loaded).not.toContain("typescript");
    expect(loaded).not.toContain("workerpool");
    expect(loaded).not.toContain("bullmq");
  });

  it("sees the compiler when a module does load it (so the check above can fail)", () => {
    expect(packagesLoadedBy("typescript")).toContain("typescript");
  });
});
