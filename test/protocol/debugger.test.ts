/**
 * JupyterLab's debugger over the Jupyter debug protocol (debug_request on control, debug_event on
 * iopub), driven as ipykernel's debugger tests drive theirs: initialize → attach → debugInfo →
 * dumpCell → setBreakpoints → execute → stopped → stackTrace → scopes → variables → next → continue.
 */
import { afterEach, describe, expect, it } from "vitest";
import { type Client, type Message, TestKernel, kernelForFile, resultText, streamText } from "../support/kernel-client.js";
import { murmur2 } from "../../dist/kernel/debugger/murmur2.js";

let client: Client;

kernelForFile((started) => {
  client = started.client;
});

// biome-ignore lint/suspicious/noExplicitAny: DAP bodies are read field by field in expectations
type Dap = Record<string, any>;

let seq = 1;

/** Sends a DAP request on control; resolves to the DAP response (the debug_reply's content). */
async function dap(command: string, args: Record<string, unknown> = {}, on: Client = client): Promise<Dap> {
  const reply = await on.request("control", "debug_request", { type: "request", seq: seq++, command, arguments: args });
  expect(reply.header.msg_type).toBe("debug_reply");
  return reply.content as Dap;
}

/** The next debug_event named `event` after `after` iopub messages. */
function debugEvent(event: string, after: number, on: Client = client): Promise<Message> {
  return on.inbox.iopub.wait(
    (m) => m.header.msg_type === "debug_event" && m.content.event === event && on.inbox.iopub.messages.indexOf(m) >= after,
    20_000,
    `debug_event ${event}`,
  );
}

const mark = (on: Client = client) => on.inbox.iopub.messages.length;

/** Starts an execution without waiting for its reply (it will pause). */
function start(code: string): Promise<string> {
  return client.send("shell", "execute_request", {
    code,
    silent: false,
    store_history: true,
    user_expressions: {},
    allow_stdin: false,
    stop_on_error: false,
  });
}

async function attach(): Promise<Dap> {
  const init = await dap("initialize", {
    clientID: "test",
    adapterID: "lazylab",
    pathFormat: "path",
    linesStartAt1: true,
    columnsStartAt1: true,
  });
  expect(init.success).toBe(true);
  const attached = await dap("attach");
  expect(attached.success).toBe(true);
  const info = await dap("debugInfo");
  expect(info.body.isStarted).toBe(true);
  return info.body;
}

afterEach(async () => {
  await dap("disconnect", { restart: false, terminateDebuggee: false });
});

describe("the debug protocol", () => {
  it("says debugger: true in kernel_info and answers initialize with capabilities", async () => {
    const info = await client.request("control", "kernel_info_request");
    expect(info.content.debugger).toBe(true);
    const init = await dap("initialize", { clientID: "test", adapterID: "lazylab" });
    expect(init).toMatchObject({ type: "response", success: true, command: "initialize" });
    expect(init.body.supportsConfigurationDoneRequest).toBe(true);
    expect(init.body.exceptionBreakpointFilters.map((f: { filter: string }) => f.filter)).toEqual(["all", "uncaught"]);
  });

  it("names cells as JupyterLab does: prefix + murmur2(code, seed) + suffix", async () => {
    const info = await attach();
    expect(info).toMatchObject({ hashMethod: "Murmur2", tmpFileSuffix: ".ts", richRendering: true, copyToGlobals: true });
    const code = "const named = 1;\n";
    const dumped = await dap("dumpCell", { code });
    expect(dumped.body.sourcePath).toBe(`${info.tmpFilePrefix}${murmur2(code, info.hashSeed)}.ts`);
    const source = await dap("source", { source: { path: dumped.body.sourcePath } });
    expect(source.body.content).toBe(code);
  });

  it("stops at a breakpoint, shows the stack, scopes and variables, steps and continues", async () => {
    await attach();
    const code = [
      "const base = 40;",
      "function add(x: number) {",
      "  const y = x + base;",
      "  return y;",
      "}",
      'console.log("before");',
      "const answer = add(2);",
      "answer",
    ].join("\n");
    const path = (await dap("dumpCell", { code })).body.sourcePath as string;
    const set = await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 3 }], sourceModified: false });
    expect(set.body.breakpoints).toEqual([expect.objectContaining({ verified: true, line: 3 })]);
    expect((await dap("configurationDone")).success).toBe(true);

    const at = mark();
    const id = await start(code);
    const stopped = await debugEvent("stopped", at);
    expect(stopped.content.body).toMatchObject({ reason: "breakpoint", threadId: 1 });
    // The breakpoint was placed in the cell's script when V8 parsed it.
    const placed = await debugEvent("breakpoint", at);
    expect(placed.content.body).toMatchObject({ reason: "changed", breakpoint: { verified: true, line: 3, source: { path } } });
    // What the cell printed before the pause has reached the front end.
    const before = client.inbox.iopub.messages.slice(at, client.inbox.iopub.messages.indexOf(stopped));
    expect(streamText(before)).toContain("before");

    expect((await dap("threads")).body.threads).toEqual([{ id: 1, name: "Main Thread" }]);
    const stack = (await dap("stackTrace", { threadId: 1 })).body.stackFrames as {
      id: number;
      name: string;
      line: number;
      source: { path: string };
    }[];
    expect(stack[0]).toMatchObject({ name: "add", line: 3, source: { path } });
    expect(stack[1]).toMatchObject({ line: 7, source: { path } });
    expect(stack).toHaveLength(2); // the kernel's wrapper around the cell is not a frame of the notebook

    const scopes = (await dap("scopes", { frameId: stack[0].id })).body.scopes as { name: string; variablesReference: number }[];
    expect(scopes.map((s) => s.name)).toContain("Locals");
    const locals = (await dap("variables", { variablesReference: scopes.find((s) => s.name === "Locals")!.variablesReference })).body
      .variables;
    expect(locals).toEqual(expect.arrayContaining([expect.objectContaining({ name: "x", value: "2" })]));
    const globals = (await dap("variables", { variablesReference: scopes.find((s) => s.name === "Globals")!.variablesReference })).body
      .variables;
    expect(globals).toEqual(expect.arrayContaining([expect.objectContaining({ name: "base", value: "40" })]));

    const evaluated = await dap("evaluate", { expression: "x * 10", frameId: stack[0].id, context: "repl" });
    expect(evaluated.body.result).toBe("20");

    let next = mark();
    expect((await dap("next", { threadId: 1 })).success).toBe(true);
    await debugEvent("continued", next);
    const stepped = await debugEvent("stopped", next);
    expect((stepped.content.body as Dap).reason).toBe("step");
    const afterStep = (await dap("stackTrace", { threadId: 1 })).body.stackFrames;
    expect(afterStep[0]).toMatchObject({ name: "add", line: 4 });
    const locals2 = (
      await dap("variables", { variablesReference: (await dap("scopes", { frameId: afterStep[0].id })).body.scopes[0].variablesReference })
    ).body.variables;
    expect(locals2).toEqual(expect.arrayContaining([expect.objectContaining({ name: "y", value: "42" })]));

    next = mark();
    expect((await dap("continue", { threadId: 1 })).body.allThreadsContinued).toBe(true);
    await debugEvent("continued", next);
    const reply = await client.reply("shell", id, 20_000);
    expect(reply.content.status).toBe("ok");
    expect(resultText(await client.outputs(id))).toBe("42");
  });

  it("stops in a function defined cells earlier when a later cell calls it", async () => {
    const defining = "function triple(n: number) {\n  const t = n * 3;\n  return t;\n}";
    await client.execute(defining);
    await client.execute("const unrelated = 1;");
    await client.execute("const another = 2;");
    await attach();
    const path = (await dap("dumpCell", { code: defining })).body.sourcePath;
    await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 2 }] });
    const at = mark();
    const id = await start("triple(5)");
    await debugEvent("stopped", at);
    const stack = (await dap("stackTrace", { threadId: 1 })).body.stackFrames;
    expect(stack[0]).toMatchObject({ name: "triple", line: 2, source: { path } });
    await dap("continue", { threadId: 1 });
    expect(resultText((await client.execute("1")).outputs)).toBe("1");
    expect((await client.reply("shell", id)).content.status).toBe("ok");
  });

  it("pauses on exceptions: 'all' even when caught, 'uncaught' only when no try/catch of the notebook catches", async () => {
    await attach();
    const caught = 'try { throw new Error("inside try") } catch { }\n"survived"';
    await dap("setExceptionBreakpoints", { filters: ["uncaught"] });
    expect(resultText((await client.execute(caught)).outputs)).toBe("'survived'");
    // Caught by the caller awaiting it, after an await: not uncaught either (a stop would leave no reply).
    const awaited =
      'async function later(): Promise<never> {\n  await null;\n  throw new Error("after await");\n}\nlet handled = "no";\ntry {\n  await later();\n} catch {\n  handled = "yes";\n}\nhandled';
    expect(resultText((await client.execute(awaited)).outputs)).toBe("'yes'");

    let at = mark();
    let id = await start('function boom(): never {\n  throw new Error("boom");\n}\nboom()');
    let stopped = await debugEvent("stopped", at);
    expect(stopped.content.body).toMatchObject({ reason: "exception" });
    expect((stopped.content.body as Dap).text).toContain("boom");
    expect((await dap("stackTrace", { threadId: 1 })).body.stackFrames[0]).toMatchObject({ name: "boom", line: 2 });
    await dap("continue", { threadId: 1 });
    expect((await client.reply("shell", id)).content.status).toBe("error");

    await dap("setExceptionBreakpoints", { filters: ["all"] });
    at = mark();
    id = await start(caught);
    stopped = await debugEvent("stopped", at);
    expect((stopped.content.body as Dap).text).toContain("inside try");
    await dap("continue", { threadId: 1 });
    expect((await client.reply("shell", id)).content.status).toBe("ok");
  });

  it("lists the notebook's names with TypeScript types, and renders a value's MIME bundle as a cell would", async () => {
    await client.execute(
      'import { makeIntegerStream } from "lazylab/sequences";\nconst integers = makeIntegerStream(1);\nconst count: number = 3;\nconst words = ["a", "b"];',
    );
    await attach();
    const variables = (await dap("inspectVariables")).body.variables as { name: string; type: string; value: string }[];
    expect(variables).toEqual(expect.arrayContaining([expect.objectContaining({ name: "count", value: "3", type: "number" })]));
    expect(variables).toEqual(expect.arrayContaining([expect.objectContaining({ name: "words", type: "string[]" })]));
    expect(variables.find((v) => v.name === "integers")?.type).toMatch(/Stream/);
    const rich = await dap("richInspectVariables", { variableName: "integers" });
    expect(rich.success).toBe(true);
    const shown = resultText((await client.execute("integers")).outputs);
    expect(rich.body.data["text/plain"]).toBe(shown);
    expect(Object.keys(rich.body.data).length).toBeGreaterThan(1);

    // A logic answer renders as the cell shows it too.
    await client.execute(
      'import { logic } from "lazylab/logic";\nlogic.fact("(parent abraham barack)");\nconst kids = logic.query("(parent abraham ?child)");',
    );
    const answer = await dap("richInspectVariables", { variableName: "kids" });
    expect(answer.body.data["text/plain"]).toBe(resultText((await client.execute("kids")).outputs));
    expect(answer.body.data["text/plain"]).toContain("barack");
  });

  it("pauses a running cell on request, where it is", async () => {
    await attach();
    const at = mark();
    const id = await start("let laps = 0;\nwhile (true) {\n  laps++;\n}");
    await client.inbox.iopub.wait((m) => m.header.msg_type === "execute_input" && client.inbox.iopub.messages.indexOf(m) >= at);
    let top: Dap;
    try {
      await dap("pause", { threadId: 1 });
      const stopped = await debugEvent("stopped", at);
      expect((stopped.content.body as Dap).reason).toBe("pause");
      top = (await dap("stackTrace", { threadId: 1 })).body.stackFrames[0];
    } finally {
      await client.request("control", "interrupt_request"); // the loop must not outlive a failed expectation
    }
    expect(top).toMatchObject({ name: "(cell)" });
    expect([1, 2, 3]).toContain(top.line);
    expect((await client.reply("shell", id, 20_000)).content.ename).toBe("KeyboardInterrupt");
  });

  it("steps into the library and shows its TypeScript", async () => {
    await attach();
    const code =
      'import { makeIntegerStream } from "lazylab/sequences";\nconst ones = makeIntegerStream(1);\nconst two = ones.rest.first;\ntwo';
    const path = (await dap("dumpCell", { code })).body.sourcePath;
    await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 3 }] });
    let at = mark();
    const id = await start(code);
    await debugEvent("stopped", at);
    // A step goes to the next break position: the getter call `ones.rest` is one within line 3.
    let stack: Dap[] = [];
    for (let steps = 0; steps < 3 && (steps === 0 || stack[0].source.path === path); steps++) {
      at = mark();
      await dap("stepIn", { threadId: 1 });
      await debugEvent("stopped", at);
      stack = (await dap("stackTrace", { threadId: 1 })).body.stackFrames;
    }
    expect(stack[0].source.path, JSON.stringify(stack)).toMatch(/lib\/sequences\/stream\.ts$/);
    expect(stack[0].name).toMatch(/rest/);
    const source = await dap("source", { source: { path: stack[0].source.path } });
    expect(source.body.content).toContain("get rest()");
    expect(stack[1]).toMatchObject({ line: 3, source: { path } });
    await dap("continue", { threadId: 1 });
    expect(resultText(await client.outputs(id))).toBe("2");
  });

  it("answers heartbeat, control and interrupt while a cell is paused", async () => {
    await attach();
    const code = "let spins = 0;\nwhile (true) {\n  spins++;\n}";
    const path = (await dap("dumpCell", { code })).body.sourcePath;
    await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 3 }] });
    const at = mark();
    const id = await start(code);
    await debugEvent("stopped", at);
    await client.ping();
    expect((await client.request("control", "kernel_info_request")).content.status).toBe("ok");
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", id, 20_000);
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    expect(resultText((await client.execute("spins >= 0")).outputs)).toBe("true"); // the state is kept
  });

  it("leaves lib/concurrency's threads running while the main thread is paused", async () => {
    const started = await client.execute(
      'import { Thread, SharedInts } from "lazylab/concurrency";\nconst ticks = new SharedInts("ticks", [0, 0]);\nfunction spin(t: SharedInts) {\n  while (t.read(1) === 0) t.add(0, 1);\n}\nconst spinner = new Thread({ target: spin, args: [ticks] });\nspinner.start();',
      {},
      30_000,
    );
    expect(started.reply.content.status).toBe("ok");
    await attach();
    const code = "const before = ticks.read(0);\nconst stop = 1;\nticks.write(1, stop);\nawait spinner.join();\nticks.read(0) >= before";
    const path = (await dap("dumpCell", { code })).body.sourcePath;
    await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 2 }] });
    const at = mark();
    const id = await start(code);
    await debugEvent("stopped", at);
    const frame = (await dap("stackTrace", { threadId: 1 })).body.stackFrames[0];
    const read = async () => Number((await dap("evaluate", { expression: "ticks.read(0)", frameId: frame.id })).body.result);
    const first = await read();
    await expect.poll(read, { timeout: 20_000 }).toBeGreaterThan(first); // the thread counts on while the cell is paused
    await dap("continue", { threadId: 1 });
    expect(resultText(await client.outputs(id, 30_000))).toBe("true");
  });

  it("resumes the cell and removes breakpoints on disconnect", async () => {
    await attach();
    const code = "let seen = 0;\nseen = 1;\nseen";
    const path = (await dap("dumpCell", { code })).body.sourcePath;
    await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 2 }] });
    const at = mark();
    const id = await start(code);
    await debugEvent("stopped", at);
    await dap("disconnect", { restart: false, terminateDebuggee: false });
    expect((await client.reply("shell", id)).content.status).toBe("ok");
    expect(resultText((await client.execute(code)).outputs)).toBe("1"); // no breakpoint any more
    expect((await dap("debugInfo")).body).toMatchObject({ isStarted: false, breakpoints: [] });
  });

  it("copies a paused frame's local to the globals", async () => {
    await attach();
    const code = "function keep() {\n  const secret = 7;\n  return secret;\n}\nkeep()";
    const path = (await dap("dumpCell", { code })).body.sourcePath;
    await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 3 }] });
    const at = mark();
    const id = await start(code);
    await debugEvent("stopped", at);
    const frame = (await dap("stackTrace", { threadId: 1 })).body.stackFrames[0];
    // A paused frame's local renders as a cell would show it.
    expect((await dap("richInspectVariables", { variableName: "secret", frameId: frame.id })).body.data).toEqual({ "text/plain": "7" });
    expect((await dap("copyToGlobals", { srcVariableName: "secret", dstVariableName: "copied", srcFrameId: frame.id })).success).toBe(true);
    await dap("continue", { threadId: 1 });
    await client.reply("shell", id);
    expect(resultText((await client.execute("(globalThis as any).copied")).outputs)).toBe("7");
  });
});

describe("a kernel started from the startup snapshot", () => {
  it("stops at a breakpoint too", async () => {
    const own = await TestKernel.start({ snapshot: true });
    try {
      const c = own.client;
      await dap("initialize", {}, c);
      await dap("attach", {}, c);
      const code = "let s = 1;\ns = s + 1;\ns";
      const path = (await dap("dumpCell", { code }, c)).body.sourcePath;
      await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 2 }] }, c);
      const at = mark(c);
      const id = await c.send("shell", "execute_request", {
        code,
        silent: false,
        store_history: true,
        user_expressions: {},
        allow_stdin: false,
      });
      await debugEvent("stopped", at, c);
      expect((await dap("stackTrace", { threadId: 1 }, c)).body.stackFrames[0]).toMatchObject({ line: 2, source: { path } });
      await dap("continue", { threadId: 1 }, c);
      expect(resultText(await c.outputs(id))).toBe("2");
    } finally {
      await own.stop();
    }
  });
});

describe("restart while paused", () => {
  it("restarts a kernel whose cell is paused", async () => {
    const own = await TestKernel.start();
    try {
      const c = own.client;
      await dap("initialize", {}, c);
      await dap("attach", {}, c);
      const code = "let r = 0;\nr = 1;";
      const path = (await dap("dumpCell", { code }, c)).body.sourcePath;
      await dap("setBreakpoints", { source: { path }, breakpoints: [{ line: 2 }] }, c);
      const at = mark(c);
      await c.send("shell", "execute_request", { code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false });
      await debugEvent("stopped", at, c);
      const reply = await c.request("control", "shutdown_request", { restart: true });
      expect(reply.content).toMatchObject({ status: "ok", restart: true });
      expect(await own.exited(8000)).toBe(0);
    } finally {
      await own.stop();
    }
  });
});
