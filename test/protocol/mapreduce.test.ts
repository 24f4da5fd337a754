/** %%mapreduce and lazylab/mapreduce in the real kernel: results, progress, errors, interrupts, no stray processes. */
import { mkdirSync, readFileSync, readdirSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { dataFolder, unixWordCount } from "../support/corpus.js";
import { type Client, type TestKernel, kernelForFile, resultText } from "../support/kernel-client.js";
import { descendants, settleChildren } from "../support/processes.js";

let kernel: TestKernel;
let client: Client;
const data = dataFolder(1 << 20, 3);
mkdirSync(join(data.dir, "data"));
renameSync(data.haiku, join(data.dir, "data", "haiku.txt"));
renameSync(data.corpus, join(data.dir, "data", "corpus.txt"));
const expectedWords = unixWordCount(join(data.dir, "data", "corpus.txt"));

const VOWEL_JOB = `function map(line: string, emit: Emit<string, number>) {
  for (const vowel of "aeiou") {
    const count = line.split(vowel).length - 1
    if (count > 0) emit(vowel, count)
  }
}
function reduce(key: string, values: Iterable<number>) {
  return sum(values)
}`;
const CHAPTER_OUTPUT = "'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1";

kernelForFile(
  async (started) => {
    kernel = started;
    client = started.client;
    const { reply } = await client.execute('import { type Emit, mapreduce, sum, sumReducer } from "lazylab/mapreduce"');
    expect(reply.content.status).toBe("ok");
  },
  () => ({ cwd: data.dir }),
);
afterEach(async () => {
  // No worker process outlives a job, whatever happened to it.
  expect(await settleChildren(kernel.process.pid!)).toEqual([]);
});

async function run(code: string, timeoutMs = 30_000) {
  return client.execute(code, {}, timeoutMs);
}

describe("%%mapreduce", () => {
  for (const runner of ["local", "inline", "pipeline"]) {
    it(`counts the haiku's vowels as the chapter does (--runner ${runner})`, async () => {
      const { reply, outputs } = await run(`%%mapreduce --input data/haiku.txt --runner ${runner} --workers 2\n${VOWEL_JOB}`);
      expect(reply.content.status).toBe("ok");
      expect(resultText(outputs)?.startsWith(`${CHAPTER_OUTPUT}\n${runner} runner`)).toBe(true);
      const html = (outputs.find((m) => m.header.msg_type === "execute_result")!.content.data as Record<string, string>)["text/html"];
      expect(html).toContain("Phases");
    });
  }

  it("shows live progress through update_display_data, ending at 100%", async () => {
    const { outputs } = await run(`%%mapreduce --input data/corpus.txt --workers 2\n${VOWEL_JOB}`);
    const shown = outputs.filter((m) => m.header.msg_type === "display_data");
    const updates = outputs.filter((m) => m.header.msg_type === "update_display_data");
    expect(shown).toHaveLength(1);
    expect(updates.length).toBeGreaterThan(0);
    const id = (shown[0].content.transient as { display_id: string }).display_id;
    expect(updates.every((m) => (m.content.transient as { display_id: string }).display_id === id)).toBe(true);
    const last = updates.at(-1)!.content.data as Record<string, string>;
    expect(last["text/plain"]).toMatch(/map +\[#+\] 100% {2}\d+\/\d+ splits · 1\.00 MiB of 1\.00 MiB · [\d,]+ records/);
    expect(last["text/plain"]).toMatch(/reduce +\[#+\] 100% {2}2\/2 tasks/);
    expect(last["text/html"]).toContain("lazylab-progress");
  });

  it("counts words exactly as tr | sort | uniq -c, and --out keeps a typed result", async () => {
    const { reply } = await run(
      `%%mapreduce --input 'data/*.txt' --workers 2 --reducers 3 --out counts --limit 5\nfunction map(line: string, emit: Emit<string, number>) {\n  for (const word of line.split(" ")) if (word !== "") emit(word, 1)\n}\nconst combine = sumReducer\nconst reduce = sumReducer`,
    );
    expect(reply.content.status).toBe("ok");
    expect(
      (await run('import { writeFileSync } from "node:fs"\nwriteFileSync("counts.json", JSON.stringify([...counts]))')).reply.content
        .status,
    ).toBe("ok");
    const fromKernel = new Map(JSON.parse(readFileSync(join(data.dir, "counts.json"), "utf8")) as [string, number][]);
    // The haiku's words are in data/ too: add them to what Unix counted in the corpus.
    for (const w of "Google MapReduce Is a Big Data framework For batch processing".split(" "))
      expectedWords.set(w, (expectedWords.get(w) ?? 0) + 1);
    expect(fromKernel).toEqual(expectedWords);
    const [word, n] = [...expectedWords][0];
    const typed = await run(`const n: number | undefined = counts.get(${JSON.stringify(word)})\nn`);
    expect(resultText(typed.outputs)).toBe(String(n));
  });

  it("ships top-level notebook values, and refuses a closure over local state with a clear message", async () => {
    expect((await run('const VOWELS = "aeiou"')).reply.content.status).toBe("ok");
    const ok = await run(
      `%%mapreduce --input data/haiku.txt\nfunction map(line: string, emit: Emit<string, number>) {\n  for (const v of VOWELS) if (line.includes(v)) emit(v, 1)\n}\nconst reduce = sumReducer`,
    );
    expect(resultText(ok.outputs)).toMatch(/^'a'\t3\n'e'\t3\n'i'\t2\n'o'\t3\n'u'\t1\n/);
    const closure = await run(
      `%%mapreduce --input data/haiku.txt\nfunction makeMap(letters: string) {\n  return (line: string, emit: Emit<string, number>) => { for (const v of letters) emit(v, 1) }\n}\nconst map = makeMap("ae")\nconst reduce = sumReducer`,
    );
    expect(closure.reply.content.ename).toBe("MapReduceShippingError");
    expect(closure.reply.content.evalue).toMatch(
      /map uses `letters`, which it does not define and which is not a top-level name of the notebook/,
    );
  });

  it("reports a throwing mapper with the input file, line and record", async () => {
    const { reply } = await run(
      `%%mapreduce --input data/haiku.txt\nfunction map(line: string, emit: Emit<string, number>) {\n  if (line.startsWith("Is")) throw new Error("no copula")\n  emit(line, 1)\n}\nconst reduce = sumReducer`,
    );
    expect(reply.content.ename).toBe("MapReduceRecordError");
    expect(reply.content.evalue).toContain('map function threw at data/haiku.txt:2: Error: no copula — record "Is a Big Data framework"');
  });

  it("explains bad arguments and a body without map or reduce", async () => {
    expect((await run("%%mapreduce --workers 2\nconst x = 1")).reply.content.evalue).toMatch(/--input is required/);
    expect((await run("%%mapreduce --input data/haiku.txt --runner spark\nconst x = 1")).reply.content.evalue).toMatch(
      /--runner must be one of local, inline, pipeline, redis, hadoop, not spark/,
    );
    expect((await run("%%mapreduce --input data/haiku.txt\nconst reduce = sumReducer")).reply.content.evalue).toMatch(
      /the cell must define map/,
    );
    expect((await run(`%%mapreduce --input data/nothing-*.txt\n${VOWEL_JOB}`)).reply.content.evalue).toMatch(/matches no file/);
  });

  it("has help, and %lsmagic lists it", async () => {
    const { reply } = await run("%%mapreduce?");
    expect(JSON.stringify(reply.content.payload)).toContain("--skip-bad-records");
  });
});

describe("the TypeScript API in a cell", () => {
  it("runs a job and returns an iterable result", async () => {
    const { outputs } = await run(
      `const words = (line: string, emit: Emit<string, number>) => { for (const w of line.split(" ")) emit(w.toLowerCase(), 1) }\nconst r = await mapreduce({ input: "data/haiku.txt", map: words, reduce: sumReducer, workers: 2, progress: false });\n[...r].map(([w, n]) => w + "=" + n).join(" ")`,
    );
    expect(resultText(outputs)).toBe("'a=1 batch=1 big=1 data=1 for=1 framework=1 google=1 is=1 mapreduce=1 processing=1'");
  });
});

describe("Interrupt", () => {
  const SLOW = `function map(line: string, emit: Emit<string, number>) {
  const start = performance.now()
  while (performance.now() - start < 0.2);
  emit("lines", 1)
}
const reduce = sumReducer`;

  for (const runner of ["local", "pipeline"]) {
    it(`stops a running job and leaves no worker process (--runner ${runner})`, async () => {
      const id = await client.send("shell", "execute_request", {
        code: `%%mapreduce --input data/corpus.txt --runner ${runner} --workers 2\n${SLOW}`,
        silent: false,
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect((await settleChildren(kernel.process.pid!, 0)).length).toBeGreaterThan(0); // the job is running
      await client.request("control", "interrupt_request");
      const reply = await client.reply("shell", id, 3000);
      expect(reply.content.ename).toBe("KeyboardInterrupt");
      expect(await settleChildren(kernel.process.pid!, 2000)).toEqual([]);
      expect(resultText((await run("1 + 2")).outputs)).toBe("3");
    });
  }
});

describe("the job panel (%%mapreduce --panel)", () => {
  const SLOW = `function map(line: string, emit: Emit<string, number>) {
  const start = performance.now()
  while (performance.now() - start < 0.2);
  emit("lines", 1)
}
const reduce = sumReducer`;
  const jobFolders = () => readdirSync(tmpdir()).filter((f) => f.startsWith(`lazylab-mapreduce-${kernel.process.pid}-`));
  const parentId = (m: { parent_header: object }) => (m.parent_header as { msg_id?: string }).msg_id;

  it("shows live progress in a widget, and its Cancel button stops the job like Interrupt: workers killed, temporary files removed", async () => {
    const id = await client.send("shell", "execute_request", {
      code: `%%mapreduce --input data/corpus.txt --runner local --workers 2 --panel\n${SLOW}`,
      silent: false,
    });
    const cancel = await client.inbox.iopub.wait(
      (m) => m.header.msg_type === "comm_open" && parentId(m) === id && JSON.stringify(m.content).includes('"description":"Cancel"'),
      20_000,
      "the panel's Cancel button",
    );
    // Running: worker processes, a temporary folder, and the panel's view updated in place over its comm.
    await expect.poll(() => descendants(kernel.process.pid!).length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(jobFolders().length).toBe(1);
    await client.inbox.iopub.wait(
      (m) => m.header.msg_type === "comm_msg" && JSON.stringify(m.content).includes("splits") && parentId(m) === id,
      20_000,
      "a live update of the panel",
    );
    await client.send("shell", "comm_msg", { comm_id: cancel.content.comm_id, data: { method: "custom", content: { event: "click" } } });
    const reply = await client.reply("shell", id, 10_000);
    expect(reply.content.ename).toBe("JobCancelledError");
    expect(await settleChildren(kernel.process.pid!, 2000)).toEqual([]);
    expect(jobFolders()).toEqual([]);
    const status = client.inbox.iopub.messages.filter(
      (m) => m.header.msg_type === "comm_msg" && JSON.stringify(m.content).includes("cancelled: workers stopped"),
    );
    expect(status.length).toBeGreaterThan(0);
    expect(resultText((await run("1 + 2")).outputs)).toBe("3");
  }, 60_000);
});
