/** The real kernel process over ZeroMQ: protocol robustness, output integrity, interrupts, control. */
import { describe, expect, it } from "vitest";
import { type Client, TestKernel, kernelForFile, resultText, streamText } from "../support/kernel-client.js";

let kernel: TestKernel;
let client: Client;

kernelForFile((started) => {
  kernel = started;
  client = started.client;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("wire robustness", () => {
  it("ignores a message with a wrong signature and still answers", async () => {
    const frames = [
      Buffer.from("<IDS|MSG>"),
      Buffer.from("0".repeat(64)),
      Buffer.from(JSON.stringify({ msg_id: "x", msg_type: "execute_request", session: "s", username: "u", date: "", version: "5.3" })),
      Buffer.from("{}"),
      Buffer.from("{}"),
      Buffer.from(JSON.stringify({ code: "globalThis.hacked = true" })),
    ];
    await client.sendRaw("shell", frames);
    await client.sendRaw("shell", [Buffer.from("garbage")]);
    await client.sendRaw("control", [Buffer.from("<IDS|MSG>"), Buffer.from("sig")]);
    const { outputs } = await client.execute("typeof (globalThis as any).hacked");
    expect(resultText(outputs)).toBe("'undefined'");
    expect(kernel.stderr).toMatch(/dropped a message on shell: bad signature/);
    expect(kernel.stderr).toMatch(/dropped a message on shell: no <IDS\|MSG> delimiter/);
  });
});

describe("kernel_info", () => {
  it("is complete", async () => {
    const reply = await client.request("control", "kernel_info_request");
    expect(reply.content).toMatchObject({
      status: "ok",
      implementation: "lazylab",
      language_info: { name: "typescript", mimetype: "text/typescript", file_extension: ".ts", pygments_lexer: "typescript" },
    });
    expect(String(reply.content.protocol_version)).toMatch(/^5\.[3-9]/);
    expect(reply.content.banner).toMatch(/TypeScript/);
  });
});

describe("execution", () => {
  it("keeps declarations across cells and re-runs let/const/class cells", async () => {
    await client.execute("const k = 1; let j = 2; class K { a = 1 }");
    const again = await client.execute("const k = 10; let j = 20; class K { b = 2 }\n[k, j, new K()]");
    expect(again.reply.content.status).toBe("ok");
    expect(resultText(again.outputs)).toBe("[ 10, 20, K { b: 2 } ]");
  });

  it("delivers 2,000 console.log lines in order before idle", async () => {
    const { outputs } = await client.execute("for (let i = 0; i < 2000; i++) console.log(`line ${i}`)");
    const lines = streamText(outputs).trimEnd().split("\n");
    expect(lines).toHaveLength(2000);
    expect(lines.every((l, i) => l === `line ${i}`)).toBe(true);
    const last = outputs[outputs.length - 1];
    expect(last.header.msg_type).toBe("status");
  });

  it("attributes timer output to the cell that scheduled it", async () => {
    const first = await client.execute('setTimeout(() => console.log("late from A"), 300); "scheduled"');
    const second = await client.execute("await new Promise((r) => setTimeout(r, 600)); 'B done'");
    expect(streamText(second.outputs)).not.toContain("late from A");
    const late = client.inbox.iopub.messages.find((m) => m.header.msg_type === "stream" && String(m.content.text).includes("late from A"));
    expect(late).toBeDefined();
    expect((late!.parent_header as { msg_id: string }).msg_id).toBe(first.id);
  });

  it("survives process.exit() with a clear error", async () => {
    const { reply } = await client.execute("process.exit(3)");
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("ProcessExitError");
    const after = await client.execute("1 + 1");
    expect(resultText(after.outputs)).toBe("2");
  });

  it("shows an error thrown later by async work, and keeps running", async () => {
    const { id } = await client.execute('setTimeout(() => { throw new RangeError("later") }, 50); 0');
    const error = await client.inbox.iopub.wait(
      (m) => m.header.msg_type === "error" && (m.parent_header as { msg_id: string }).msg_id === id,
    );
    expect(error.content.ename).toBe("RangeError");
    expect(resultText((await client.execute("2 + 2")).outputs)).toBe("4");
  });

  it("names the cell and line in tracebacks", async () => {
    await client.execute("function deep(o: any) {\n  return o.x.y;\n}");
    const { reply } = await client.execute("deep({})");
    expect(reply.content.ename).toBe("TypeError");
    const traceback = (reply.content.traceback as string[]).join("\n").replace(/\x1b\[[0-9;]*m/g, "");
    expect(traceback).toMatch(/at deep \(Cell In\[\d+\], line 2, column \d+\)/);
  });

  it("aborts queued executes after an error (stop_on_error)", async () => {
    const a = await client.send("shell", "execute_request", {
      code: "await new Promise(r => setTimeout(r, 200)); throw new Error('stop')",
      silent: false,
      stop_on_error: true,
    });
    const b = await client.send("shell", "execute_request", { code: "globalThis.ranB = true", silent: false, stop_on_error: true });
    const c = await client.send("shell", "execute_request", { code: "globalThis.ranC = true", silent: false, stop_on_error: true });
    expect((await client.reply("shell", a)).content.status).toBe("error");
    expect((await client.reply("shell", b)).content.status).toBe("aborted");
    expect((await client.reply("shell", c)).content.status).toBe("aborted");
    expect(resultText((await client.execute("const g = globalThis as any; [typeof g.ranB, typeof g.ranC]")).outputs)).toBe(
      "[ 'undefined', 'undefined' ]",
    );
  });

  it("completes after an emoji, in code points", async () => {
    const code = 'const s = "😀😀"; Math.ab';
    const reply = await client.request("shell", "complete_request", { code, cursor_pos: [...code].length });
    expect(reply.content.matches).toContain("abs");
    expect(reply.content.cursor_end).toBe([...code].length);
    expect(reply.content.cursor_start).toBe([...code].length - 2);
  });

  it("round-trips input_request over stdin", async () => {
    const id = await client.send("shell", "execute_request", {
      code: 'import { input } from "lazylab"\nconst name = await input("Name? ");\n`hello ${name}`',
      allow_stdin: true,
      silent: false,
    });
    const request = await client.inbox.stdin.wait((m) => m.header.msg_type === "input_request");
    expect(request.content.prompt).toBe("Name? ");
    await client.send("stdin", "input_reply", { value: "Ada" }, request.header);
    await client.reply("shell", id);
    expect(resultText(await client.outputs(id))).toBe("'hello Ada'");
  });

  it("refuses input when the front end does not allow stdin", async () => {
    const { reply } = await client.execute('import { input } from "lazylab"\nawait input("x")', { allow_stdin: false });
    expect(reply.content.ename).toBe("StdinNotImplementedError");
  });
});

describe("busy kernel", () => {
  it("answers heartbeat and control within 100 ms during a busy loop, then interrupts it within 1 s keeping state", async () => {
    await client.execute("let survivor = 42");
    const busy = await client.send("shell", "execute_request", { code: "while (true) {}", silent: false });
    await sleep(300);
    const pings = [await client.ping(), await client.ping(), await client.ping()];
    const start = performance.now();
    await client.request("control", "kernel_info_request");
    const controlMs = performance.now() - start;
    expect(Math.max(...pings)).toBeLessThan(100);
    expect(controlMs).toBeLessThan(100);

    const t0 = performance.now();
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", busy, 1000);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    expect(resultText((await client.execute("survivor")).outputs)).toBe("42");
  });

  it("interrupts a long await, which still gets its reply", async () => {
    const id = await client.send("shell", "execute_request", { code: "await new Promise(() => {})", silent: false });
    await sleep(200);
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", id, 1000);
    expect(reply.content.ename).toBe("KeyboardInterrupt");
  });

  it("survives SIGINT: a busy loop is interrupted, an idle kernel is untouched", async () => {
    const id = await client.send("shell", "execute_request", { code: "let spins = 0; while (true) { spins++ }", silent: false });
    await sleep(300);
    kernel.process.kill("SIGINT");
    const reply = await client.reply("shell", id, 1000);
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    kernel.process.kill("SIGINT");
    await sleep(100);
    expect(resultText((await client.execute("spins > 0")).outputs)).toBe("true");
  });
});

describe("SIGINT storm", () => {
  it("never kills the kernel: a signal every 2 ms across 60 cells", async () => {
    let sent = 0;
    const storm = setInterval(() => {
      kernel.process.kill("SIGINT");
      sent++;
    }, 2);
    const statuses = new Set<string>();
    try {
      for (let i = 0; i < 60; i++) {
        const { reply } = await client.execute(`let stormy: number = ${i}; stormy + 1`, {}, 30_000);
        statuses.add(`${reply.content.status}:${reply.content.ename ?? ""}`);
      }
    } finally {
      clearInterval(storm);
    }
    expect(sent).toBeGreaterThan(50);
    expect([...statuses].every((s) => s === "ok:" || s === "error:KeyboardInterrupt")).toBe(true);
    expect(kernel.process.exitCode).toBeNull();
    expect(kernel.process.signalCode).toBeNull();
    expect(resultText((await client.execute("40 + 2")).outputs)).toBe("42");
  });
});

describe("two clients", () => {
  it("see the same iopub stream", async () => {
    const other = kernel.connect();
    try {
      await sleep(300); // let the subscription reach the publisher
      const { id } = await client.execute('console.log("shared")');
      const seen = await other.outputs(id);
      expect(seen.map((m) => m.header.msg_type)).toEqual((await client.outputs(id)).map((m) => m.header.msg_type));
      expect(seen.some((m) => m.header.msg_type === "stream" && m.content.text === "shared\n")).toBe(true);
    } finally {
      other.close();
    }
  });
});

describe("shutdown", () => {
  it("replies with restart and exits", async () => {
    const own = await TestKernel.start();
    await own.client.execute("1 + 1", {}, 30_000); // the main thread is free (checker warmed): a clean exit
    const reply = await own.client.request("control", "shutdown_request", { restart: true });
    expect(reply.content).toMatchObject({ status: "ok", restart: true });
    expect(await own.exited()).toBe(0);
    own.client.close();
  });
});

describe("interrupting magics", () => {
  it("stops the synchronous work of a cell magic", async () => {
    // %%time runs its body through the engine; a magic's own loop is covered by the trampoline.
    const id = await client.send("shell", "execute_request", { code: "%%time\nwhile (true) {}", silent: false });
    await sleep(300);
    await client.request("control", "interrupt_request");
    expect((await client.reply("shell", id, 1000)).content.ename).toBe("KeyboardInterrupt");
    expect(resultText((await client.execute("1 + 2")).outputs)).toBe("3");
  });
});

describe("input_reply without a parent header", () => {
  it("answers the oldest pending input request (jupyter_client sends no parent)", async () => {
    const id = await client.send("shell", "execute_request", {
      code: 'import { input } from "lazylab";\nconst who = await input("Who? ");\nwho',
      allow_stdin: true,
      silent: false,
    });
    await client.inbox.stdin.wait((m) => m.header.msg_type === "input_request" && m.content.prompt === "Who? ");
    await client.send("stdin", "input_reply", { value: "Grace" }, {});
    await client.reply("shell", id, 5000);
    expect(resultText(await client.outputs(id))).toBe("'Grace'");
  });
});
