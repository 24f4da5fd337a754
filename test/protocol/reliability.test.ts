/**
 * Values and messages that used to kill or hang the kernel (issue 15): unencodable or too-deep
 * MIME bundles, deep metadata seen by %messages, prototype names as msg_type, replayed messages,
 * a backtracking history glob, unsigned mode, and the ways a kernel's life ends.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { encode, Signer } from "../../dist/kernel/protocol/wire.js";
import { newMessage } from "../../dist/kernel/protocol/messages.js";
import { type Client, KERNEL_MAIN, type Message, TestKernel, kernelForFile, resultText } from "../support/kernel-client.js";
import { freePort } from "../support/ports.js";

let kernel: TestKernel;
let client: Client;

kernelForFile(async (started) => {
  kernel = started;
  client = started.client;
  await client.execute(`import { display } from "lazylab"\nlet kept = 41; kept++`);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function errorOf(outputs: Message[]): Record<string, unknown> | undefined {
  return outputs.find((m) => m.header.msg_type === "error")?.content;
}

/** The kernel still answers on every channel and kept the state of the first cell. */
async function stillAlive(): Promise<void> {
  await client.ping(5000);
  const info = await client.request("control", "kernel_info_request");
  expect(info.content.status).toBe("ok");
  const { outputs } = await client.execute("kept");
  expect(resultText(outputs)).toBe("42");
}

const BUNDLE = (json: string) =>
  `display({ [Symbol.for("jupyter.mimebundle")]() { return { "application/json": ${json}, "text/plain": "a bundle" } } })`;

describe("values that cannot be sent", () => {
  it("a BigInt in a displayed bundle gives an error output and reply, not a crashed protocol thread", async () => {
    const { reply, outputs } = await client.execute(BUNDLE("{ n: 10n }"));
    expect(reply.content.status).toBe("error");
    expect(reply.content.ename).toBe("WireValueError");
    expect(String(errorOf(outputs)?.evalue)).toMatch(/BigInt/);
    expect(kernel.stderr).not.toMatch(/protocol thread crashed|terminate called/);
    await stillAlive();
  });

  it("a cycle in a displayed bundle gives an error output and reply", async () => {
    const { reply, outputs } = await client.execute(`const loop: any = { a: 1 }; loop.self = loop\n${BUNDLE("loop")}`);
    expect(reply.content.status).toBe("error");
    expect(String(errorOf(outputs)?.evalue)).toMatch(/cycle/);
    await stillAlive();
  });

  it("a bundle returned as the cell's value that holds a BigInt gives an error output, not only an error reply", async () => {
    const cell = `({ [Symbol.for("jupyter.mimebundle")]() { return { "application/json": { big: 2n ** 70n }, "text/plain": "big" } } })`;
    const { reply, outputs } = await client.execute(cell);
    expect(reply.content.status).toBe("error");
    expect(String(errorOf(outputs)?.evalue)).toMatch(/the cell's value cannot be sent.*BigInt/);
    await stillAlive();
  });

  it("a 5,000-deep array in a bundle, displayed or returned, gives errors and the shell keeps answering", async () => {
    await client.execute("let deep: unknown[] = []; for (let i = 0; i < 5000; i++) deep = [deep]");
    const shown = await client.execute(BUNDLE("deep"));
    expect(shown.reply.content.status).toBe("error");
    expect(String(errorOf(shown.outputs)?.evalue)).toMatch(/nested (500\d levels deep|too deeply)/);
    const returned = await client.execute(
      `({ [Symbol.for("jupyter.mimebundle")]() { return { "application/json": deep, "text/plain": "deep" } } })`,
    );
    expect(returned.reply.content.status).toBe("error");
    expect(errorOf(returned.outputs)).toBeDefined();
    await stillAlive();
  });

  it("a throwing getter or toJSON inside a bundle is an error of that cell", async () => {
    const cell = BUNDLE(`{ get boom() { throw new Error("getter says no") } }`);
    const { reply, outputs } = await client.execute(cell);
    expect(reply.content.status).toBe("error");
    expect(JSON.stringify(errorOf(outputs))).toMatch(/getter says no/);
    await stillAlive();
  });

  it("a BigInt displayed later, from a timer, is reported under its cell and the kernel survives", async () => {
    const { id } = await client.execute(`setTimeout(() => ${BUNDLE("{ late: 1n }")}, 50); "scheduled"`);
    await sleep(400);
    const late = client.inbox.iopub.messages.filter((m) => (m.parent_header as { msg_id?: string }).msg_id === id);
    expect(JSON.stringify(late.find((m) => m.header.msg_type === "error")?.content)).toMatch(/BigInt/);
    await stillAlive();
  });
});

describe("thrown values and request fields", () => {
  it("a rejected Proxy whose traps throw is an error of its cell, and the next cell runs", async () => {
    const { reply, outputs } = await client.execute('await Promise.reject(new Proxy({}, { get() { throw new Error("trap") } }))');
    expect(reply.content.status).toBe("error");
    expect(errorOf(outputs)).toBeDefined();
    await stillAlive();
  });

  it("a request field of the wrong type is an error reply naming the field", async () => {
    const executed = await client.request("shell", "execute_request", { code: 42 });
    expect(executed.content).toMatchObject({ status: "error", evalue: "code must be a string, not number" });
    const inspected = await client.request("shell", "inspect_request", { code: "Math", cursor_pos: "x" });
    expect(inspected.content).toMatchObject({ status: "error", evalue: 'cursor_pos must be a whole number ≥ 0, not "x"' });
    await stillAlive();
  });
});

describe("messages that reached the wrong places", () => {
  it("%messages after a request with 20,000-deep metadata answers instead of crashing", async () => {
    const deepMetadata = `${"[".repeat(20_000)}${"]".repeat(20_000)}`;
    const message = newMessage(
      "execute_request",
      { code: "1 + 1", silent: false, store_history: true, user_expressions: {}, allow_stdin: false },
      client.session,
    );
    const signer = new Signer(String(kernel.connection.key), "hmac-sha256");
    const frames = encode(message, signer);
    // Put the deep metadata into the frames by hand (JSON.stringify of such a value would overflow).
    const at = frames.findIndex((f) => f.toString() === "<IDS|MSG>");
    frames[at + 4] = Buffer.from(`{"deep":${deepMetadata}}`);
    frames[at + 1] = Buffer.from(signer.sign(frames.slice(at + 2, at + 6)));
    await client.sendRaw("shell", frames);
    await client.reply("shell", message.header.msg_id, 10_000);
    const { reply, outputs } = await client.execute("%messages");
    expect(["ok", "error"]).toContain(reply.content.status);
    expect(outputs.some((m) => ["display_data", "execute_result", "error"].includes(m.header.msg_type))).toBe(true);
    expect(kernel.stderr).not.toMatch(/protocol thread crashed|terminate called/);
    await stillAlive();
  });

  it("msg_types named like Object.prototype members are unknown types: logged, no reply", async () => {
    for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const id = await client.send("shell", type, {});
      await client.outputs(id); // busy and idle, as for any request
      expect(client.inbox.shell.messages.find((m) => (m.parent_header as { msg_id?: string }).msg_id === id)).toBeUndefined();
      expect(kernel.stderr).toContain(`unknown message type "${type}" on shell`);
    }
    await stillAlive();
  });

  it("an execute_request on control is refused (cells run one at a time, on shell) and does not run", async () => {
    await client.execute("let controlRuns = 0");
    const reply = await client.request("control", "execute_request", { code: "controlRuns++", stop_on_error: true });
    expect(reply.content).toMatchObject({ status: "error", ename: "ChannelError" });
    const { outputs } = await client.execute("controlRuns");
    expect(resultText(outputs)).toBe("0");
  });

  it("a replayed signed message is dropped: its code runs once", async () => {
    await client.execute("let runs = 0");
    const message = newMessage(
      "execute_request",
      { code: "runs++", silent: false, store_history: true, user_expressions: {}, allow_stdin: false },
      client.session,
    );
    const frames = encode(message, new Signer(String(kernel.connection.key), "hmac-sha256"));
    await client.sendRaw("shell", frames);
    await client.reply("shell", message.header.msg_id);
    await client.sendRaw("shell", frames);
    await sleep(300);
    const { outputs } = await client.execute("runs");
    expect(resultText(outputs)).toBe("1");
    expect(kernel.stderr).toMatch(/dropped a message on shell: replayed message/);
  });

  it("a backtracking history glob leaves control answering while it runs", async () => {
    await client.execute(`/* ${"a".repeat(30_000)} */ 0`);
    const id = await client.send("shell", "history_request", {
      hist_access_type: "search",
      pattern: "*a*a*a*a*a*a*a*b",
      output: false,
      raw: true,
    });
    const started = performance.now();
    await client.request("control", "kernel_info_request", {}, 3000);
    const controlMs = performance.now() - started;
    const reply = await client.reply("shell", id, 5000);
    expect(reply.content.status).toBe("ok");
    expect(reply.content.history).toEqual([]);
    // Not a speed measurement: before the fix the regular expression ran for minutes and control never answered.
    expect(controlMs).toBeLessThan(3000);
    await stillAlive();
  });
});

describe("how a kernel's life ends", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.length);

  async function connectionFile(key: string): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), "lazylab-end-"));
    dirs.push(dir);
    const connection: Record<string, string | number> = { transport: "tcp", ip: "127.0.0.1", signature_scheme: "hmac-sha256", key };
    for (const ch of ["shell", "iopub", "stdin", "control", "hb"]) connection[`${ch}_port`] = await freePort();
    const file = join(dir, "kernel.json");
    writeFileSync(file, JSON.stringify(connection));
    return file;
  }

  it("an unsigned connection (empty key) works, with one warning in the log", async () => {
    const unsigned = await TestKernel.start({ key: "" });
    try {
      const { outputs } = await unsigned.client.execute("6 * 7");
      expect(resultText(outputs)).toBe("42");
      expect(unsigned.stderr.match(/WARNING: the connection file has an empty key/g)).toHaveLength(1);
    } finally {
      await unsigned.stop();
    }
  });

  it("SIGTERM ends the kernel cleanly (exit code 0, no native abort)", async () => {
    const k = await TestKernel.start();
    k.process.kill("SIGTERM");
    expect(await k.exited(8000)).toBe(0);
    expect(k.stderr).not.toMatch(/terminate called|Napi::Error|Aborted/);
    k.client.close();
  });

  it("a kernel whose front end disappears exits cleanly (no native abort)", async () => {
    const file = await connectionFile("k");
    const log = join(tmpdir(), `lazylab-orphan-${process.pid}-${Date.now()}.log`);
    // A stand-in front end: a shell that starts the kernel and is then killed.
    const shell = spawn("bash", ["-c", `"${process.execPath}" "${KERNEL_MAIN}" kernel "${file}" 2>"${log}" & echo $!; wait`], {
      stdio: ["ignore", "pipe", "ignore"],
    });
    const pid = Number(await new Promise<string>((resolve) => shell.stdout!.once("data", (d: Buffer) => resolve(d.toString()))));
    const logText = () => (existsSync(log) ? readFileSync(log, "utf8") : ""); // bash creates it when it starts the kernel
    let alive = true;
    try {
      for (let i = 0; i < 100 && !logText().includes("listening"); i++) await sleep(100);
      shell.kill("SIGKILL");
      for (let i = 0; i < 100 && alive; i++) {
        await sleep(100);
        try {
          process.kill(pid, 0);
        } catch {
          alive = false;
        }
      }
    } finally {
      // Whatever failed above, neither the stand-in nor the kernel may outlive the test.
      shell.kill("SIGKILL");
      if (alive) process.kill(pid, "SIGKILL");
    }
    expect(alive).toBe(false);
    const text = logText();
    expect(text).toMatch(/front end that started this kernel is gone/);
    expect(text).not.toMatch(/terminate called|Napi::Error|Aborted/);
  });
});
