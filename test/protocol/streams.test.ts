/**
 * Sequences in the real kernel: Streams and generators as cell values, and Observables rendered
 * live (display_data, then update_display_data with the same display_id, throttled) until they
 * complete, hit a limit, or the user interrupts.
 */
import { describe, expect, it } from "vitest";
import type { Message } from "../../dist/kernel/protocol/wire.js";
import { type Client, ROOT, type TestKernel, kernelForFile, resultText } from "../support/kernel-client.js";

let _kernel: TestKernel;
let client: Client;

kernelForFile(
  (started) => {
    _kernel = started;
    client = started.client;
  },
  () => ({ cwd: ROOT }),
  30_000,
); // so cells can import rxjs from this package's node_modules

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const displays = (outputs: Message[]) =>
  outputs.filter((m) => m.header.msg_type === "display_data" || m.header.msg_type === "update_display_data");
const displayId = (m: Message) => (m.content.transient as { display_id?: string }).display_id;
const plain = (m: Message) => (m.content.data as Record<string, string>)["text/plain"];
const parentId = (m: Message) => (m.parent_header as { msg_id?: string }).msg_id;

describe("Streams and generators as values", () => {
  it("shows a Stream in the chapter's notation, computed prefix and pending rest", async () => {
    await client.execute('import { Stream, makeIntegerStream } from "lazylab/sequences"\nconst ints = makeIntegerStream()');
    const shown = await client.execute("ints");
    expect(resultText(shown.outputs)).toBe("Stream(1, <...>)");
    const html = (shown.outputs.find((m) => m.header.msg_type === "execute_result")!.content.data as Record<string, string>)["text/html"];
    expect(html).toContain('data-state="pending"');
    expect(resultText((await client.execute("ints.rest.rest")).outputs)).toBe("Stream(3, <...>)");
    expect(resultText((await client.execute("ints")).outputs)).toBe("Stream(1, 2, 3, <...>)");
    const typed = await client.execute("const e: Stream<number> = Stream.empty;\n[ints.rest.first, e === Stream.empty]");
    expect(resultText(typed.outputs)).toBe("[ 2, true ]");
  }, 30_000);

  it("keeps imported generic types across cells (Stream<number> in an earlier cell's declaration)", async () => {
    await client.execute(
      "function counting(first = 1): Stream<number> {\n  return new Stream(first, () => counting(first + 1));\n}\nconst annotated: Stream<number> = counting()",
    );
    const later = await client.execute("[counting().filter((x) => x % 2 === 0).first, annotated.map((x) => x * 10).first]");
    expect(later.reply.content.status).toBe("ok");
    expect(resultText(later.outputs)).toBe("[ 2, 10 ]");
  }, 30_000);

  it("shows a generator without resuming it", async () => {
    const shown = await client.execute('import { lettersGenerator } from "lazylab/sequences"\nconst letters = lettersGenerator()\nletters');
    expect(resultText(shown.outputs)).toBe("<generator lettersGenerator (suspended)>");
    expect(resultText((await client.execute("letters.next()")).outputs)).toBe("{ value: 'a', done: false }");
  }, 30_000);
});

describe("Observables rendered live", () => {
  it("sends display_data then update_display_data with the same display_id, and keeps the final view", async () => {
    const { reply, outputs } = await client.execute('import { interval, take } from "rxjs"\ninterval(20).pipe(take(12))', {}, 20_000);
    expect(reply.content.status).toBe("ok");
    const shown = displays(outputs);
    expect(shown[0].header.msg_type).toBe("display_data");
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(shown.slice(1).every((m) => m.header.msg_type === "update_display_data" && displayId(m) === displayId(shown[0]))).toBe(true);
    expect(displayId(shown[0])).toMatch(/.+/);
    expect(plain(shown[shown.length - 1])).toMatch(/^Observable · completed · 12 values\n/);
    expect(outputs.some((m) => m.header.msg_type === "execute_result")).toBe(false); // the display is the output
  }, 30_000);

  it("updates at most ten times a second", async () => {
    const start = Date.now();
    const { outputs } = await client.execute("interval(2).pipe(take(200))", {}, 20_000);
    const seconds = (Date.now() - start) / 1000;
    const updates = displays(outputs).filter((m) => m.header.msg_type === "update_display_data");
    expect(updates.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 1);
    const times = displays(outputs).map((m) => Date.parse(m.header.date));
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(80); // 100 ms apart when sent; transport jitter aside
  }, 30_000);

  it("stops at a limit given with live()", async () => {
    const { reply, outputs } = await client.execute('import { integers, live } from "lazylab/sequences"\nlive(integers(), { limit: 5 })');
    expect(reply.content.status).toBe("ok");
    expect(plain(displays(outputs).at(-1)!)).toMatch(/^Observable · stopped at the value limit · 5 values\n/);
  }, 30_000);

  it("stops on interrupt: KeyboardInterrupt, the final view kept, the source unsubscribed", async () => {
    const id = await client.send("shell", "execute_request", {
      code: 'import { sensorReadings } from "lazylab/sequences"\nsensorReadings({ intervalMs: 20 })',
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    await client.inbox.iopub.wait((m) => parentId(m) === id && m.header.msg_type === "update_display_data", 10_000, "a live update");
    await sleep(250);
    const interrupt = await client.request("control", "interrupt_request");
    expect(interrupt.content.status).toBe("ok");
    const reply = await client.reply("shell", id, 10_000);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const outputs = await client.outputs(id);
    const shown = displays(outputs);
    expect(plain(shown[shown.length - 1])).toMatch(/^Observable · interrupted · \d+ values/);
    expect(new Set(shown.map(displayId)).size).toBe(1);
    const count = client.inbox.iopub.messages.filter((m) => parentId(m) === id).length;
    await sleep(400);
    expect(client.inbox.iopub.messages.filter((m) => parentId(m) === id)).toHaveLength(count); // no updates after it stopped
    expect(resultText((await client.execute("1 + 1")).outputs)).toBe("2");
  }, 30_000);

  it("interrupts an Observable whose subscribe() never returns", async () => {
    const id = await client.send("shell", "execute_request", {
      code: 'import { Observable } from "rxjs"\nnew Observable<number>((subscriber) => { for (;;) {} })',
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    await client.inbox.iopub.wait((m) => parentId(m) === id && m.header.msg_type === "display_data", 10_000, "the live view");
    await sleep(300);
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", id, 10_000);
    expect(reply.content).toMatchObject({ status: "error", ename: "KeyboardInterrupt" });
    const shown = displays(await client.outputs(id));
    expect(plain(shown[shown.length - 1])).toMatch(/^Observable · interrupted · 0 values/);
    expect(resultText((await client.execute("2 + 2")).outputs)).toBe("4");
  }, 30_000);

  it("stops a synchronous endless Observable at the default limit", async () => {
    const { reply, outputs } = await client.execute('import { integers as naturals } from "lazylab/sequences"\nnaturals()');
    expect(reply.content.status).toBe("ok");
    expect(plain(displays(outputs).at(-1)!)).toMatch(/^Observable · stopped at the value limit · 1,000 values\n/);
  }, 30_000);
});
