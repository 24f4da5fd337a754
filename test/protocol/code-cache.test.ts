/**
 * The compiler's V8 code cache (issue 14): a kernel writes it after its warm-up, the next kernel
 * starts from it, and a damaged cache only costs the normal compile — types are checked exactly
 * either way.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TestKernel, resultText } from "../support/kernel-client.js";

const cacheHome = mkdtempSync(join(tmpdir(), "lazylab-code-cache-"));
const env = { ...process.env, XDG_CACHE_HOME: cacheHome };
const folder = join(cacheHome, "lazylab");

afterAll(() => rmSync(cacheHome, { recursive: true, force: true }));

/** The cache files written so far. */
const caches = () => (existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith(".v8cache")) : []);

/** Runs a wrong and a right typed cell: the checker refuses one and runs the other. */
async function checksExactly(kernel: TestKernel): Promise<void> {
  const wrong = await kernel.client.execute('const n: number = "seven"');
  expect(String(wrong.reply.content.evalue)).toMatch(/Type 'string' is not assignable to type 'number'/);
  const right = await kernel.client.execute("const m: number = 7\nm * 6");
  expect(resultText(right.outputs)).toBe("42");
}

/** Waits (polling, no timing asserted) until the kernel has written its cache. */
async function cacheWritten(kernel: TestKernel): Promise<void> {
  for (let i = 0; i < 100 && !/wrote the compiler's code cache/.test(kernel.stderr); i++) await new Promise((r) => setTimeout(r, 200));
}

describe("the compiler's code cache", () => {
  it("is written by a kernel after its warm-up and used by the next one", async () => {
    const first = await TestKernel.start({ env });
    try {
      await checksExactly(first);
      await cacheWritten(first);
      expect(first.stderr).not.toMatch(/came from its code cache/);
    } finally {
      await first.stop();
    }
    expect(caches()).toHaveLength(1);
    const second = await TestKernel.start({ env });
    try {
      await checksExactly(second);
      expect(second.stderr).toMatch(/the compiler came from its code cache/);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it("when damaged, is ignored and rewritten: the kernel still checks types", async () => {
    const [name] = caches();
    writeFileSync(join(folder, name), "not a code cache");
    const kernel = await TestKernel.start({ env });
    try {
      await checksExactly(kernel);
      expect(kernel.stderr).toMatch(/does not fit this Node: compiled anew/);
      await cacheWritten(kernel);
      expect(kernel.stderr).toMatch(/wrote the compiler's code cache/);
    } finally {
      await kernel.stop();
    }
  }, 60_000);
});
