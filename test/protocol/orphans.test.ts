/**
 * Nothing outlives the kernel (issue 15): killed outright (SIGKILL, which runs no handler) while a
 * pipeline job runs, or while a localCluster() and a local job run, it leaves no process behind
 * after 5 s; the job's temp folder goes with the next job.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { HAIKU } from "../support/corpus.js";
import { TestKernel } from "../support/kernel-client.js";
import { type ProcessInfo, descendants } from "../support/processes.js";
import "../support/redis.js"; // the test process's cluster key, inherited by the kernels

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A notebook folder with data/haiku.txt. */
function notebookFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "lazylab-orphans-"));
  mkdirSync(join(dir, "data"));
  copyFileSync(HAIKU, join(dir, "data", "haiku.txt"));
  return dir;
}

/** Waits until the kernel's descendants satisfy `enough`; returns them. */
async function waitForDescendants(pid: number, enough: (ps: ProcessInfo[]) => boolean, what: string): Promise<ProcessInfo[]> {
  for (let i = 0; i < 300; i++) {
    const found = descendants(pid);
    if (enough(found)) return found;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(descendants(pid).map((p) => p.command))}`);
}

/** The processes among `recorded` still alive (zombies count as gone: they run nothing). */
function stillRunning(recorded: ProcessInfo[]): ProcessInfo[] {
  return recorded.filter((p) => {
    try {
      process.kill(p.pid, 0);
    } catch {
      return false;
    }
    const now = descendants(1).find((q) => q.pid === p.pid);
    return now !== undefined && now.state !== "Z" && now.command === p.command;
  });
}

const IMPORTS = 'import { sumReducer, type Emit } from "lazylab/mapreduce"';
const BUSY_MAP = "function map(line: string, emit: Emit<string, number>) {\n  for (;;);\n}\nconst reduce = sumReducer";

describe("a kernel killed with SIGKILL", () => {
  it("during a pipeline job leaves no process after 5 s, and its temp folder goes with the next job", async () => {
    const cwd = notebookFolder();
    const kernel = await TestKernel.start({ cwd });
    const pid = kernel.process.pid!;
    await kernel.client.execute(IMPORTS);
    await kernel.client.send("shell", "execute_request", {
      code: `%%mapreduce --input data/haiku.txt --runner pipeline\n${BUSY_MAP}`,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
    });
    const recorded = await waitForDescendants(pid, (ps) => ps.some((p) => p.command.includes("mapper.mjs")), "the pipeline's mapper");
    expect(recorded.some((p) => p.command.includes("lazylab-pipeline"))).toBe(true); // bash, the pipeline's shell
    const folders = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`lazylab-mapreduce-${pid}-`));
    expect(folders()).toHaveLength(1);
    kernel.process.kill("SIGKILL");
    await sleep(5000);
    expect(stillRunning(recorded).map((p) => p.command)).toEqual([]);
    kernel.client.close();

    // The next kernel's next job removes the dead kernel's folder.
    const next = await TestKernel.start({ cwd });
    try {
      await next.client.execute(IMPORTS);
      const { reply } = await next.client.execute(
        "%%mapreduce --input data/haiku.txt --runner inline\nfunction map(line: string, emit: Emit<string, number>) { emit('lines', 1) }\nconst reduce = sumReducer",
        {},
        30_000,
      );
      expect(reply.content.status).toBe("ok");
      expect(folders()).toEqual([]);
    } finally {
      await next.stop();
    }
  }, 90_000);

  it("with a localCluster() and a local job running leaves no process after 5 s (redis-server, workers, pools)", async () => {
    const cwd = notebookFolder();
    const kernel = await TestKernel.start({ cwd });
    const pid = kernel.process.pid!;
    const started = await kernel.client.execute(
      `${IMPORTS}\nimport { localCluster } from "lazylab/mapreduce"\nconst cluster = await localCluster({ workers: 1 })\ncluster.pids.length`,
      {},
      60_000,
    );
    expect(started.reply.content.status).toBe("ok");
    await kernel.client.send("shell", "execute_request", {
      code: `%%mapreduce --input data/haiku.txt --workers 2\n${BUSY_MAP}`,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
    });
    const recorded = await waitForDescendants(
      pid,
      (ps) => ps.some((p) => p.command.startsWith("redis-server")) && ps.filter((p) => p.command.includes("worker-main.js")).length >= 3,
      "redis-server, the worker's pool and the job's pool",
    );
    kernel.process.kill("SIGKILL");
    await sleep(5000);
    expect(stillRunning(recorded).map((p) => p.command)).toEqual([]);
    expect(existsSync(cwd)).toBe(true);
    kernel.client.close();
  }, 90_000);
});
