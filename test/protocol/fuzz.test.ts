/**
 * A bounded, seeded protocol fuzzer against a real kernel (issue 15). Each batch sends random and
 * mutated frames (bad signatures, truncated and extra frames, random msg_types including
 * `__proto__` and `constructor`, deeply nested and huge JSON, replays of earlier messages) and
 * random cells (BigInt, cycles, deep nesting, throwing getters, Proxies), then checks that the
 * heartbeat, control and shell answer and that the state set before the first batch is intact.
 * The seed is printed; LAZYLAB_FUZZ_SEED=N reproduces a run.
 */
import { describe, expect, it } from "vitest";
import { newMessage } from "../../dist/kernel/protocol/messages.js";
import { Signer, encode } from "../../dist/kernel/protocol/wire.js";
import { seededRandom } from "../../dist/lib/sequences/seeded-random.js";
import { type Client, type TestKernel, kernelForFile, resultText } from "../support/kernel-client.js";

const SEED = Number(process.env.LAZYLAB_FUZZ_SEED ?? Date.now() % 1_000_000);
const BUDGET_MS = 30_000; // of the 60 s at most
const BATCH = 40;

const MSG_TYPES = [
  "execute_request",
  "kernel_info_request",
  "complete_request",
  "inspect_request",
  "is_complete_request",
  "history_request",
  "comm_info_request",
  "comm_open",
  "comm_msg",
  "comm_close",
  "interrupt_request",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "",
  "x".repeat(300),
];

const CELLS = [
  "10n ** 30n",
  "({ big: 1n })",
  "{ const a: any = {}; a.a = a; a }",
  'display({ [Symbol.for("jupyter.mimebundle")]() { return { "application/json": { n: 2n }, "text/plain": "n" } } })',
  'display({ [Symbol.for("jupyter.mimebundle")]() { const c: any = {}; c.c = c; return { "application/json": c, "text/plain": "c" } } })',
  'display({ [Symbol.for("jupyter.mimebundle")]() { let d: unknown[] = []; for (let i = 0; i < 3000; i++) d = [d]; return { "application/json": d, "text/plain": "d" } } })',
  '{ let d: unknown[] = []; for (let i = 0; i < 100000; i++) d = [d]; ({ [Symbol.for("jupyter.mimebundle")]() { return { "text/plain": "deep", "application/json": d } } }) }',
  '({ get boom() { throw new Error("getter") } })',
  'new Proxy({}, { get() { throw new Error("trap") }, ownKeys() { throw new Error("keys") }, getPrototypeOf() { throw new Error("proto") } })',
  'display(new Proxy({}, { get() { throw new Error("trap") } }))',
  '({ [Symbol.for("jupyter.mimebundle")]() { throw new Error("hook throws") } })',
  '({ [Symbol.for("jupyter.mimebundle")]() { return null } })',
  '({ [Symbol.for("jupyter.mimebundle")]() { return { "text/plain": 5n } } })',
  '({ toJSON() { throw new Error("toJSON") }, [Symbol.for("jupyter.mimebundle")]() { return { "text/plain": "t", "application/json": this } } })',
  "throw 1n",
  "throw { cyclic: globalThis }",
  'Promise.reject(new Proxy({}, { get() { throw new Error("x") } }))',
  "undefined as unknown as string",
  "'\\u0000\\ud800 lone surrogate'",
  "Symbol('s')",
  "[function f() {}, class C {}, new Map([[1n, 2n]])]",
];

let kernel: TestKernel;
let client: Client;

kernelForFile(async (started) => {
  kernel = started;
  client = started.client;
  await client.execute("const fuzzState = { cells: 0, note: 'kept' }; fuzzState.note");
});

describe("protocol fuzzer", () => {
  it(`survives random and mutated frames and hostile cells (seed ${SEED})`, async () => {
    console.log(`fuzz seed ${SEED} (LAZYLAB_FUZZ_SEED=${SEED} reproduces this run)`);
    const random = seededRandom(SEED); // the library's mulberry32: a failing run replays from its seed
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const signer = new Signer(String(kernel.connection.key), "hmac-sha256");
    const sent: Buffer[][] = [];
    const started = Date.now();
    let batches = 0;
    let messages = 0;

    const deepJson = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(random() * 256)));

    /** One signed message of `msgType` with `content`, possibly with raw JSON put into a frame. */
    const signed = (msgType: string, content: Record<string, unknown>, rawFrame?: { at: number; json: string }): Buffer[] => {
      const frames = encode(newMessage(msgType, content, client.session), signer);
      const delimiter = frames.findIndex((f) => f.toString() === "<IDS|MSG>");
      if (rawFrame !== undefined) {
        frames[delimiter + 2 + rawFrame.at] = Buffer.from(rawFrame.json);
        frames[delimiter + 1] = Buffer.from(signer.sign(frames.slice(delimiter + 2, delimiter + 6)));
      }
      return frames;
    };

    const mutations: (() => Buffer[])[] = [
      () => [randomBytes(1 + Math.floor(random() * 64))],
      () => [Buffer.from("<IDS|MSG>"), randomBytes(64), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}"), Buffer.from("{}")],
      () => signed(pick(MSG_TYPES), {}).slice(0, 2 + Math.floor(random() * 4)), // truncated
      () => [...signed("kernel_info_request", {}), randomBytes(10), randomBytes(10)], // extra frames (buffers)
      () => {
        const frames = signed("execute_request", { code: "fuzzState.cells++" });
        frames[frames.length - 1] = Buffer.from(`{"code":"fuzzState.note = 'forged'"}`); // content changed after signing
        return frames;
      },
      () => signed(pick(MSG_TYPES), { code: pick(CELLS), silent: random() < 0.2, stop_on_error: false }),
      () => signed(pick(MSG_TYPES), {}, { at: pick([0, 1, 2, 3]), json: deepJson(1000 + Math.floor(random() * 20_000)) }),
      () => signed("execute_request", { code: pick(CELLS), stop_on_error: false }, { at: 2, json: `{"huge":"${"x".repeat(2_000_000)}"}` }),
      () =>
        signed(pick(MSG_TYPES), { code: random() < 0.5 ? 42 : null, cursor_pos: "x", hist_access_type: "search", pattern: "*a*a*a*a*b" }),
      () => signed(pick(MSG_TYPES), {}, { at: 0, json: `{"msg_type":${JSON.stringify(pick(MSG_TYPES))},"msg_id":7}` }),
      () => (sent.length > 0 ? pick(sent) : [Buffer.from("x")]), // a replay
    ];

    /** Runs one check; a failure names the step, the batch and the seed, with the kernel's log. */
    const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      try {
        return await run();
      } catch (error) {
        throw new Error(
          `${name} failed in batch ${batches + 1} (seed ${SEED}): ${(error as Error).message}\nkernel log:\n${kernel.stderr
            .split("\n")
            .filter((l) => !/dropped a message|unknown message type/.test(l))
            .join("\n")
            .slice(-6000)}`,
        );
      }
    };

    while (Date.now() - started < BUDGET_MS) {
      for (let i = 0; i < BATCH; i++) {
        const frames = pick(mutations)();
        if (frames.length > 1 && sent.length < 200) sent.push(frames);
        await client.sendRaw(pick(["shell", "shell", "control"] as const), frames);
        messages++;
      }
      // A real cell of the same kind as a user's, through the normal client path.
      const cell = pick(CELLS);
      await step(`the cell ${cell}`, () => client.execute(cell, { stop_on_error: false }, 30_000));
      batches++;

      // After every batch: heartbeat, control and shell answer, and the state is intact.
      await step("heartbeat", () => client.ping(10_000));
      const info = await step("control kernel_info", () => client.request("control", "kernel_info_request", {}, 10_000));
      expect(info.content.status).toBe("ok");
      const state = () => step("the state check", () => client.execute("fuzzState.note", { stop_on_error: false }, 30_000));
      let check = await state();
      if (check.reply.content.status === "aborted") check = await state();
      expect(check.reply.content.status, `batch ${batches}, seed ${SEED}`).toBe("ok");
      expect(resultText(check.outputs)).toBe("'kept'");
      expect(kernel.process.exitCode, `kernel exited in batch ${batches}, seed ${SEED}:\n${kernel.stderr.slice(-2000)}`).toBeNull();
    }
    expect(kernel.stderr).not.toMatch(/protocol thread crashed|terminate called|Napi::Error/);
    console.log(`fuzz: ${batches} batches, ${messages} messages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(batches).toBeGreaterThan(0);
  }, 120_000);
});
