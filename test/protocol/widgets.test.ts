/**
 * Comms and widgets against a real kernel process (issue 18): the comm lifecycle both ways, widget
 * state synchronised both ways, binary buffers, handler errors shown under the cell that created the
 * widget with the kernel still answering, and a burst of slider updates coalesced without losing
 * the final value while heartbeat and control keep answering.
 */
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Client, type Message, type TestKernel, kernelForFile, resultText, streamText } from "../support/kernel-client.js";

let kernel: TestKernel;
let client: Client;
kernelForFile((started) => {
  kernel = started;
  client = started.client;
});

const VIEW = "application/vnd.jupyter.widget-view+json";
const parentId = (m: Message) => (m.parent_header as { msg_id?: string }).msg_id;
const commId = (m: Message) => m.content.comm_id as string;
const data = (m: Message) => m.content.data as Record<string, unknown>;

/** Runs a cell that must succeed; returns its outputs. */
async function run(code: string): Promise<Message[]> {
  const { reply, outputs } = await client.execute(code);
  expect(reply.content.status, JSON.stringify(reply.content)).toBe("ok");
  return outputs;
}

/** The comm_open of the widget model named `modelName` among `outputs`. */
function opened(outputs: Message[], modelName: string): Message {
  const open = outputs.find(
    (m) => m.header.msg_type === "comm_open" && (data(m).state as Record<string, unknown>)._model_name === modelName,
  );
  expect(open, `a comm_open for ${modelName}`).toBeDefined();
  return open!;
}

/** Sends a comm_msg from the "front end"; returns its msg_id. */
function sendComm(id: string, payload: Record<string, unknown>, buffers: Buffer[] = []): Promise<string> {
  return client.send("shell", "comm_msg", { comm_id: id, data: payload }, {}, buffers);
}

/** The idle status of front-end message `id` (its handlers have run). */
function idleOf(id: string): Promise<Message> {
  return client.inbox.iopub.wait(
    (m) => parentId(m) === id && m.header.msg_type === "status" && m.content.execution_state === "idle",
    10_000,
    `idle of ${id}`,
  );
}

describe("comms", () => {
  it("answers comm_info with no comms at first, and closes a comm opened on an unknown target", async () => {
    const info = await client.request("shell", "comm_info_request", { target_name: "jupyter.widget" });
    expect(info.content).toEqual({ status: "ok", comms: {} });
    const id = await client.send("shell", "comm_open", { comm_id: "nobody-1", target_name: "nobody", data: {} });
    const close = await client.inbox.iopub.wait((m) => m.header.msg_type === "comm_close" && parentId(m) === id);
    expect(commId(close)).toBe("nobody-1");
    expect(String(data(close).error)).toMatch(/no comm target named "nobody"/);
  });

  it("opens a comm on a target a cell registered, echoes binary buffers both ways, and closes it from either side", async () => {
    await run(`import { registerCommTarget } from "lazylab/widgets"
registerCommTarget("reverse", (comm, open) => {
  console.log("opened with", JSON.stringify(open.data))
  comm.onMsg((m) => comm.send({ got: m.data.n }, {}, m.buffers.map((b) => Uint8Array.from(b).reverse())))
  comm.onClose(() => console.log("closed by the front end"))
})`);
    const openId = await client.send("shell", "comm_open", { comm_id: "rev-1", target_name: "reverse", data: { hello: 1 } });
    await idleOf(openId);
    const info = await client.request("shell", "comm_info_request", { target_name: "reverse" });
    expect(info.content.comms).toEqual({ "rev-1": { target_name: "reverse" } });
    const msgId = await sendComm("rev-1", { n: 5 }, [Buffer.from([1, 2, 3]), Buffer.from("ab")]);
    const answer = await client.inbox.iopub.wait((m) => m.header.msg_type === "comm_msg" && parentId(m) === msgId);
    expect(data(answer)).toEqual({ got: 5 });
    expect(answer.buffers.map((b) => [...b])).toEqual([
      [3, 2, 1],
      [98, 97],
    ]);
    const closeId = await client.send("shell", "comm_close", { comm_id: "rev-1", data: {} });
    await idleOf(closeId);
    const after = await client.request("shell", "comm_info_request", {});
    expect(after.content.comms).not.toHaveProperty("rev-1");
    // What the handlers printed went under the cell that registered the target.
    const printed = client.inbox.iopub.messages.filter((m) => m.header.msg_type === "stream").map((m) => String(m.content.text));
    expect(printed.join("")).toContain('opened with {"hello":1}');
    expect(printed.join("")).toContain("closed by the front end");
  });

  it("sends comm_open, comm_msg and comm_close from a cell, with buffers", async () => {
    const outputs = await run(`import { openComm } from "lazylab/widgets"
const c = openComm("some.target", { a: 1 }, { version: "x" }, [new Uint8Array([7, 8])])
c.send({ b: 2 })
c.close({ bye: true })`);
    const [open, msg, close] = ["comm_open", "comm_msg", "comm_close"].map((t) => outputs.find((m) => m.header.msg_type === t)!);
    expect(open.content).toMatchObject({ target_name: "some.target", data: { a: 1 } });
    expect(open.metadata).toEqual({ version: "x" });
    expect([...open.buffers[0]]).toEqual([7, 8]);
    expect(commId(msg)).toBe(commId(open));
    expect(data(msg)).toEqual({ b: 2 });
    expect(data(close)).toEqual({ bye: true });
  });
});

describe("widgets", () => {
  let sliderId = "";

  it("opens an IntSlider model (protocol 2.1, @jupyter-widgets/controls 2.0.0) and displays its view with a static fallback", async () => {
    const outputs = await run(`import { IntSlider, display } from "lazylab/widgets"
const n = new IntSlider({ value: 3, min: 0, max: 10, description: "n" })
let seen: number[] = []
n.observe<number>("value", (change) => { seen.push(change.new); console.log("value is now", change.new) })
display(n)`);
    const open = opened(outputs, "IntSliderModel");
    sliderId = commId(open);
    expect(open.content.target_name).toBe("jupyter.widget");
    expect(open.metadata).toEqual({ version: "2.1.0" });
    expect(data(open).state).toMatchObject({
      _model_module: "@jupyter-widgets/controls",
      _model_module_version: "2.0.0",
      _view_name: "IntSliderView",
      value: 3,
      min: 0,
      max: 10,
      description: "n",
    });
    const shown = outputs.find((m) => m.header.msg_type === "display_data")!;
    const bundle = shown.content.data as Record<string, unknown>;
    expect(bundle["text/plain"]).toBe('IntSlider(value=3, min=0, max=10, description="n")');
    expect(bundle["text/html"]).toMatch(/^<img src="data:image\/svg\+xml;base64,/);
    // The first widget a cell shows is framed with the cell's (empty) handler-error Output.
    const frame = opened(outputs, "VBoxModel");
    expect((bundle[VIEW] as { model_id: string }).model_id).toBe(commId(frame));
    const errors = opened(outputs, "OutputModel");
    expect((data(frame).state as { children: string[] }).children).toEqual([`IPY_MODEL_${sliderId}`, `IPY_MODEL_${commId(errors)}`]);
    const info = await client.request("shell", "comm_info_request", { target_name: "jupyter.widget" });
    expect(Object.keys(info.content.comms as object)).toContain(sliderId);
  });

  it("sends the kernel's changes to the front end (widget.value = 7)", async () => {
    const outputs = await run("n.value = 7");
    const update = outputs.find((m) => m.header.msg_type === "comm_msg" && commId(m) === sliderId)!;
    expect(data(update)).toEqual({ method: "update", state: { value: 7 }, buffer_paths: [] });
  });

  it("takes the front end's changes: the value changes, observers run, their output goes under the creating cell, the update is echoed", async () => {
    const created = client.inbox.iopub.messages.find((m) => m.header.msg_type === "comm_open" && commId(m) === sliderId)!;
    const cell = client.inbox.iopub.messages.filter((m) => parentId(m) === parentId(created));
    const frameOutput = commId(opened(cell, "OutputModel"));
    const id = await sendComm(sliderId, { method: "update", state: { value: 42 }, buffer_paths: [] });
    await idleOf(id);
    const echo = client.inbox.iopub.messages.find((m) => m.header.msg_type === "comm_msg" && parentId(m) === id)!;
    expect(data(echo)).toMatchObject({ method: "echo_update", state: { value: 42 } });
    // The cell has finished: what the observer printed goes into the cell's output frame, which
    // JupyterLab shows under the cell (output published under a finished cell goes to its log console).
    const printed = client.inbox.iopub.messages.find(
      (m) => m.header.msg_type === "comm_msg" && commId(m) === frameOutput && parentId(m) === id,
    )!;
    expect((data(printed).state as { outputs: unknown[] }).outputs).toEqual([
      { output_type: "stream", name: "stdout", text: "value is now 42\n" },
    ]);
    expect(resultText(await run("[n.value, seen.join(',')]"))).toBe("[ 42, '7,42' ]");
  });

  it("answers request_state with the whole state", async () => {
    const id = await sendComm(sliderId, { method: "request_state" });
    const state = await client.inbox.iopub.wait((m) => m.header.msg_type === "comm_msg" && parentId(m) === id);
    expect(data(state)).toMatchObject({ method: "update", state: { value: 42, max: 10, _model_name: "IntSliderModel" } });
  });

  it("answers request_states on the jupyter.widget.control target (a reloaded page rebuilding its views)", async () => {
    const open = await client.send("shell", "comm_open", { comm_id: "control-1", target_name: "jupyter.widget.control", data: {} });
    await idleOf(open);
    const ask = await sendComm("control-1", { method: "request_states" });
    const answer = await client.inbox.iopub.wait((m) => m.header.msg_type === "comm_msg" && parentId(m) === ask);
    const states = data(answer).states as Record<string, { model_name: string; model_module: string; state: Record<string, unknown> }>;
    expect(data(answer).method).toBe("update_states");
    expect(states[sliderId]).toMatchObject({
      model_name: "IntSliderModel",
      model_module: "@jupyter-widgets/controls",
      state: { value: 42 },
    });
    await client.send("shell", "comm_close", { comm_id: "control-1", data: {} });
  });

  it("runs a Button's click handlers, and sends binary state as buffers", async () => {
    const outputs = await run(`import { Button, Widget } from "lazylab/widgets"
const b = new Button({ description: "go" })
let clicks = 0
b.onClick(() => { clicks++ })
class Bytes extends Widget { describe() { return "Bytes" } picture() { return "" } }
new Bytes({ _model_name: "X", blob: new Uint8Array([1, 2]), nested: { more: new Uint8Array([3]) } })
b`);
    const button = opened(outputs, "ButtonModel");
    const bytes = outputs.find(
      (m) => m.header.msg_type === "comm_open" && (data(m).state as { _model_name?: string })._model_name === "X",
    )!;
    expect(data(bytes).buffer_paths).toEqual([["blob"], ["nested", "more"]]);
    expect(bytes.buffers.map((b) => [...b])).toEqual([[1, 2], [3]]);
    const id = await sendComm(commId(button), { method: "custom", content: { event: "click" } });
    await idleOf(id);
    expect(resultText(await run("clicks"))).toBe("1");
  });

  it("shows a handler's error under the cell that created the widget, and the kernel stays responsive", async () => {
    // While the creating cell still runs, the error is published under it.
    const cell = await client.send("shell", "execute_request", {
      code: `import { Button, display } from "lazylab/widgets"
const bad = new Button({ description: "bad" })
bad.onClick(() => { throw new RangeError("the handler failed") })
const done = new Button({ description: "done" })
display(bad); display(done)
await new Promise<void>((resolve) => done.onClick(() => resolve()))`,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    const badOpen = await client.inbox.iopub.wait(
      (m) => m.header.msg_type === "comm_open" && parentId(m) === cell && (data(m).state as { description?: string }).description === "bad",
    );
    const doneOpen = await client.inbox.iopub.wait(
      (m) =>
        m.header.msg_type === "comm_open" && parentId(m) === cell && (data(m).state as { description?: string }).description === "done",
    );
    const running = await sendComm(commId(badOpen), { method: "custom", content: { event: "click" } });
    const error = await client.inbox.iopub.wait((m) => m.header.msg_type === "error" && parentId(m) === cell);
    expect(error.content).toMatchObject({ ename: "RangeError", evalue: "the handler failed" });
    // The click's idle is followed by a busy of the running cell: a front end's kernel indicator stays busy.
    const idle = await idleOf(running);
    const later = (m: Message) => client.inbox.iopub.messages.indexOf(m) > client.inbox.iopub.messages.indexOf(idle);
    const busyAgain = await client.inbox.iopub.wait((m) => m.header.msg_type === "status" && parentId(m) === cell && later(m));
    expect(busyAgain.content.execution_state).toBe("busy");
    await sendComm(commId(doneOpen), { method: "custom", content: { event: "click" } });
    const reply = await client.reply("shell", cell);
    expect(reply.content.status).toBe("ok");
    // After it has finished, the error goes into the cell's error Output, shown under the cell by the widget manager.
    const outputs = client.inbox.iopub.messages.filter((m) => parentId(m) === cell);
    const errors = opened(outputs, "OutputModel");
    const click = await sendComm(commId(badOpen), { method: "custom", content: { event: "click" } });
    await idleOf(click);
    const update = client.inbox.iopub.messages.find(
      (m) => m.header.msg_type === "comm_msg" && commId(m) === commId(errors) && parentId(m) === click,
    )!;
    const shown = (data(update).state as { outputs: Record<string, unknown>[] }).outputs;
    expect(shown).toMatchObject([{ output_type: "error", ename: "RangeError", evalue: "the handler failed" }]);
    const traceback = (shown[0].traceback as string[]).join("\n");
    expect(traceback).toContain("the handler failed");
    expect(traceback).toMatch(/Cell In\[\d+\], line 3/); // the handler's line in its cell…
    expect(traceback).not.toContain("widgets/widget.js"); // …not the widget's dispatch of it
    expect(resultText(await run("1 + 1"))).toBe("2");
  });

  it("stops a handler stuck in a loop with Interrupt, keeping the kernel and its state", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lazylab-runaway-"));
    const started = join(dir, "started");
    const outputs = await run(`import { Button } from "lazylab/widgets"
import { writeFileSync } from "node:fs"
const stuck = new Button({ description: "stuck" })
stuck.onClick(() => { writeFileSync(${JSON.stringify(started)}, ""); while (true) {} })
stuck`);
    const click = await sendComm(commId(opened(outputs, "ButtonModel")), { method: "custom", content: { event: "click" } });
    await expect.poll(() => existsSync(started), { timeout: 10_000 }).toBe(true);
    expect((await client.request("control", "interrupt_request", {})).content.status).toBe("ok");
    await idleOf(click);
    // Its cell has finished: the KeyboardInterrupt shows in the cell's output frame, under the cell.
    const frameOutput = commId(opened(outputs, "OutputModel"));
    const shown = client.inbox.iopub.messages.find(
      (m) => m.header.msg_type === "comm_msg" && commId(m) === frameOutput && parentId(m) === click,
    );
    expect((data(shown!).state as { outputs: unknown[] }).outputs).toMatchObject([{ output_type: "error", ename: "KeyboardInterrupt" }]);
    expect(resultText(await run("[n.value, 1 + 1]"))).toBe("[ 42, 2 ]");
  });

  it("captures output into an Output widget", async () => {
    const outputs = await run(`import { Output } from "lazylab/widgets"
const out = new Output()
out.capture(() => { console.log("inside"); console.log("again") })
console.log("outside")
out.outputs`);
    expect(streamText(outputs)).toBe("outside\n");
    expect(resultText(outputs)).toContain("inside\\nagain\\n");
  });

  it("coalesces 1,000 slider updates sent while the main thread is busy, keeps the final value, and heartbeat and control answer meanwhile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lazylab-burst-"));
    const release = join(dir, "release");
    await run(`import { existsSync } from "node:fs"
let calls = 0
n.observe("value", () => { calls++ })`);
    // The cell spins until the test releases it: nothing the main thread does can take a message meanwhile.
    const cell = await client.send("shell", "execute_request", {
      code: `console.log("spinning"); while (!existsSync(${JSON.stringify(release)})) {}`,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    await client.inbox.iopub.wait((m) => parentId(m) === cell && m.header.msg_type === "status" && m.content.execution_state === "busy");
    const sent: string[] = [];
    for (let i = 0; i < 1000; i++) sent.push(await sendComm(sliderId, { method: "update", state: { value: i }, buffer_paths: [] }));
    expect(await client.ping()).toBeGreaterThanOrEqual(0);
    const info = await client.request("control", "kernel_info_request", {});
    expect(info.content.status).toBe("ok");
    expect(existsSync(release)).toBe(false); // the cell was still spinning while both answered
    writeFileSync(release, "");
    expect((await client.reply("shell", cell)).content.status).toBe("ok");
    // Every update's sender gets its idle, merged or not (a widget sends its next update only after that).
    await Promise.all(sent.map(idleOf));
    expect(resultText(await run("[n.value, calls < 1000, calls > 0]"))).toBe("[ 999, true, true ]");
    expect(kernel.process.exitCode).toBeNull();
  });
});
