/** lazylab/concurrency inside the real kernel: drawn demos, worker output, shipping, errors, interrupts, cleanup. */
import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Message } from "../../dist/kernel/protocol/wire.js";
import { type Client, type TestKernel, kernelForFile, resultText, streamText } from "../support/kernel-client.js";

let kernel: TestKernel;
let client: Client;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const msgId = (m: Message) => (m.parent_header as { msg_id?: string }).msg_id;

// What the kernel process has running: its threads and its child processes, read from /proc
// outside the kernel (a cell could not run while another one does).
function census(): { threads: number; children: number } {
  const pid = String(kernel.process.pid);
  const children = readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ")[1] === pid;
      } catch {
        return false;
      }
    });
  return { threads: readdirSync(`/proc/${pid}/task`).length, children: children.length };
}

/** Waits until the census is back to `baseline` (threads end a little after terminate resolves). */
async function settlesTo(baseline: { threads: number; children: number }): Promise<{ threads: number; children: number }> {
  let now = census();
  for (let i = 0; i < 20 && (now.threads > baseline.threads || now.children > baseline.children); i++) {
    await sleep(100);
    now = census();
  }
  return now;
}

kernelForFile(async (started) => {
  kernel = started;
  client = started.client;
  await client.execute(
    'import { Thread, Process, Pipe, Lock, SharedInts, currentThread, currentProcess, sleepAsync, raceReplay, raceFreeRuns, runProcesses, deadlockDemo } from "lazylab/concurrency"\nimport { display } from "lazylab"',
    {},
    30_000,
  );
});

describe("demos in the kernel", () => {
  it("draws the replayed race as an SVG timeline in display_data", async () => {
    const before = census();
    const { reply, outputs } = await client.execute("display(await raceReplay())", {}, 30_000);
    expect(reply.content.status).toBe("ok");
    const shown = outputs.find((m) => m.header.msg_type === "display_data");
    const data = shown!.content.data as Record<string, string>;
    expect(data["image/svg+xml"]).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(data["image/svg+xml"]).toContain("write 1 -&gt; counter[0]");
    expect(data["image/svg+xml"]).toContain("lost: overwritten by Thread 1");
    expect(data["image/svg+xml"]).not.toMatch(/<script/i);
    expect(data["text/plain"]).toMatch(/read counter\[0\]: 0/);
    expect(await settlesTo(before)).toEqual(before);
  });

  it("detects a pipe deadlock between the notebook and a process, and kills the process", async () => {
    const before = census();
    const { reply, outputs } = await client.execute(
      'const dl = await deadlockDemo("pipes");\n[dl.report.detectedAfterMs < 100, dl.allStopped]',
      {},
      30_000,
    );
    expect(reply.content.status).toBe("ok");
    expect(resultText(outputs)).toBe("[ true, true ]");
    expect(await settlesTo(before)).toEqual(before);
  });
});

describe("threads and processes from cells", () => {
  it("ships a cell's function to a thread and a process; their output reaches the cell", async () => {
    const code = [
      'function threadSayHello() { console.log("hello from", currentThread().name) }',
      'function processSayHello() { console.log("hello from", currentProcess().name) }',
      "const other = new Thread({ target: threadSayHello, args: [] })",
      "other.start()",
      "threadSayHello()",
      "await other.join()",
      "const child = new Process({ target: processSayHello, args: [] })",
      "child.start()",
      "processSayHello()",
      "await child.join()",
    ].join("\n");
    const { reply, outputs } = await client.execute(code, {}, 30_000);
    expect(reply.content.status).toBe("ok");
    const text = streamText(outputs);
    expect(text).toMatch(/hello from MainThread/);
    expect(text).toMatch(/hello from Thread-\d+/);
    expect(text).toMatch(/hello from MainProcess/);
    expect(text).toMatch(/hello from Process-\d+/);
  });

  it("delivers every line of a thread that blocks between prints (the daemon consumer in queue.get())", async () => {
    const { reply, outputs } = await client.execute('import { queueDemo } from "lazylab/concurrency"\nawait queueDemo(10)', {}, 30_000);
    expect(reply.content.status).toBe("ok");
    expect(streamText(outputs)).toBe(Array.from({ length: 10 }, (_, i) => `got an item: ${i}\n`).join(""));
  });

  it("sends a worker's late output to the cell that started it, not the one running", async () => {
    const first = await client.execute(
      'new Thread({ target: () => { const t = Date.now(); while (Date.now() - t < 600) {} console.log("late hello") } }).start(); 1',
    );
    const second = await client.execute("await sleepAsync(1500)\n2", {}, 10_000);
    await sleep(200);
    const late = client.inbox.iopub.messages.filter((m) => m.header.msg_type === "stream" && String(m.content.text).includes("late hello"));
    expect(late).toHaveLength(1);
    expect(msgId(late[0])).toBe(first.id);
    expect(msgId(late[0])).not.toBe(second.id);
  });

  it("refuses a function that closes over cell state, naming what it uses", async () => {
    const { reply } = await client.execute(
      "const secret = 42\nfunction leaky() { return secret + 1 }\nnew Thread({ target: leaky }).start()",
    );
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("ShippingError");
    expect(String(reply.content.evalue)).toMatch(/uses 'secret'/);
  });

  it("reports a worker's exception to the cell and keeps the kernel", async () => {
    const { reply } = await client.execute(
      'await new Thread({ target: () => { throw new RangeError("boom in a worker") } }).start().join()',
      {},
      10_000,
    );
    expect(reply.content.status).toBe("error");
    expect(String(reply.content.evalue)).toMatch(/boom in a worker/);
    const { outputs } = await client.execute("1 + 1");
    expect(resultText(outputs)).toBe("2");
  });

  it("stops blocking on the notebook's thread with an explanation", async () => {
    const { reply } = await client.execute("new Lock().with(() => 1); const l = new Lock(); l.acquire(); l.acquire()");
    expect(reply.content.status).toBe("error");
    expect(String(reply.content.evalue)).toMatch(/would block the thread that serves the notebook; use await lock.acquireAsync\(\)/);
  });
});

describe("interrupts", () => {
  it("interrupting a demo stops its threads; the kernel answers meanwhile", async () => {
    const before = census();
    const id = await client.send("shell", "execute_request", {
      code: "await raceFreeRuns({ runs: 500, ms: 60 })",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    await sleep(800);
    const started = performance.now();
    await client.request("control", "kernel_info_request");
    expect(performance.now() - started).toBeLessThan(1000);
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", id, 10_000);
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    await client.outputs(id);
    expect(await settlesTo(before)).toEqual(before);
  });

  it("interrupting the crawler stops its threads and its HTTP server", async () => {
    await client.execute('import { crawlDeadLinks, generateSite } from "lazylab/concurrency"', {}, 30_000);
    const before = census();
    const id = await client.send("shell", "execute_request", {
      code: "await crawlDeadLinks({ site: generateSite(3000, 10), threads: 2 })",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    await sleep(1000);
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", id, 10_000);
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    await client.outputs(id);
    expect(await settlesTo(before)).toEqual(before);
    await sleep(100);
    const { outputs } = await client.execute(
      'process.getActiveResourcesInfo().filter((r) => r === "TCPServerWrap" || r === "TCPSocketWrap").length',
    );
    expect(resultText(outputs)).toBe("0");
  });

  it("interrupting the process simulator kills its processes", async () => {
    const before = census();
    const id = await client.send("shell", "execute_request", {
      code: "await runProcesses({ n: 4000, steps: 500 })",
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    await sleep(1500);
    expect(census().children).toBeGreaterThan(before.children);
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", id, 10_000);
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    await client.outputs(id);
    expect(await settlesTo(before)).toEqual(before);
  });
});
