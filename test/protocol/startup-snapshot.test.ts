/**
 * The kernel can start from the V8 startup snapshot `npm run build` makes (issue 14): a kernelspec
 * installed with --startup-snapshot runs it, the kernel says so, types are checked exactly as
 * without it, and processes a cell forks start from their own script, not from the snapshot.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { kernelArgv, snapshotBlob } from "../../dist/kernel/install.js";
import { type Client, type TestKernel, kernelForFile, resultText } from "../support/kernel-client.js";

let kernel: TestKernel;
let client: Client;

kernelForFile(
  (started) => {
    kernel = started;
    client = started.client;
  },
  () => ({ snapshot: true }),
);

describe("the startup snapshot", () => {
  it("is built for this Node and named in the kernelspec's command when asked for (lazylab install --startup-snapshot)", () => {
    const blob = snapshotBlob();
    expect(blob).toBeDefined();
    expect(existsSync(blob!)).toBe(true);
    expect(blob).toContain(`snapshot-${process.version}-${process.arch}.blob`);
    expect(kernelArgv("{connection_file}")[2]).toMatch(/dist\/kernel\/main\.js$/); // the default: no snapshot
    expect(kernelArgv("{connection_file}", { snapshot: true })).toEqual([
      process.execPath,
      "--max-semi-space-size=2",
      "--snapshot-blob",
      blob,
      "kernel",
      "{connection_file}",
    ]);
  });

  it("starts the kernel, which checks types exactly (a wrong type is refused, a right one runs)", async () => {
    expect(kernel.stderr).toMatch(/started from the startup snapshot/);
    const wrong = await client.execute('const n: number = "seven"');
    expect(wrong.reply.content.status).toBe("error");
    expect(String(wrong.reply.content.evalue)).toMatch(/Type 'string' is not assignable to type 'number'/);
    const right = await client.execute("const m: number = 7\nm * 6");
    expect(resultText(right.outputs)).toBe("42");
  });

  it("is not inherited by a process a cell forks", async () => {
    const cell = [
      'import { fork } from "node:child_process"',
      'import { writeFileSync } from "node:fs"',
      'writeFileSync("child.mjs", "process.send({ argv: process.argv.length, execArgv: process.execArgv })")',
      'const child = fork("child.mjs")',
      'const said = await new Promise((resolve) => child.once("message", resolve))',
      "said",
    ].join("\n");
    const { reply, outputs } = await client.execute(cell, {}, 20_000);
    expect(reply.content.status).toBe("ok");
    expect(resultText(outputs)).not.toContain("snapshot-blob");
    expect(resultText(outputs)).toContain("argv: 2");
  });
});
