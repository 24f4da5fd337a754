/** %%mapreduce --runner redis in the real kernel, with a real redis-server and two lazylab worker processes. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataFolder } from "../support/corpus.js";
import { type Client, TestKernel, resultText } from "../support/kernel-client.js";
import { type RedisServer, type Started, jobKeysLeft, redisClient, startRedis, startWorker } from "../support/redis.js";

let kernel: TestKernel;
let client: Client;
let server: RedisServer;
const workers: Started[] = [];
const data = dataFolder(1 << 20, 5);

const VOWEL_JOB = `function map(line: string, emit: Emit<string, number>) {
  for (const vowel of "aeiou") {
    const count = line.split(vowel).length - 1
    if (count > 0) emit(vowel, count)
  }
}
const reduce = sumReducer`;

beforeAll(async () => {
  server = await startRedis();
  workers.push(await startWorker(server.url), await startWorker(server.url));
  kernel = await TestKernel.start({ cwd: data.dir });
  client = kernel.client;
  const { reply } = await client.execute('import { type Emit, sumReducer } from "lazylab/mapreduce"');
  expect(reply.content.status).toBe("ok");
}, 60_000);

afterAll(async () => {
  await kernel?.stop();
  for (const w of workers) await w.stop();
  await server?.stop();
}, 60_000);

describe("%%mapreduce --runner redis", () => {
  it("counts the haiku's vowels on the workers, as the chapter does", async () => {
    const { reply, outputs } = await client.execute(
      `%%mapreduce --input haiku.txt --runner redis --redis ${server.url}\n${VOWEL_JOB}`,
      {},
      30_000,
    );
    expect(reply.content.status).toBe("ok");
    expect(resultText(outputs)).toMatch(/^'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1\nredis runner · 2 workers, 2 reducers · 1 split/);
  });

  it("shows progress from the queue's events, ending at 100%", async () => {
    const { reply, outputs } = await client.execute(
      `%%mapreduce --input corpus.txt --runner redis --redis ${server.url}\n${VOWEL_JOB}`,
      {},
      30_000,
    );
    expect(reply.content.status).toBe("ok");
    const last = outputs.filter((m) => m.header.msg_type === "update_display_data").at(-1)!.content.data as Record<string, string>;
    expect(last["text/plain"]).toContain("MapReduce · redis runner · 2 workers on 1 host");
    expect(last["text/plain"]).toMatch(/map +\[#+\] 100% {2}\d+\/\d+ splits · 1\.00 MiB of 1\.00 MiB/);
    expect(last["text/plain"]).toMatch(/reduce +\[#+\] 100% {2}2\/2 tasks/);
    const redis = redisClient(server.url);
    expect(await jobKeysLeft(redis)).toEqual([]);
    redis.disconnect();
  });

  it("refuses --redis without --runner redis, and the kernel keeps its state", async () => {
    const { reply } = await client.execute(`%%mapreduce --input haiku.txt --redis ${server.url}\n${VOWEL_JOB}`);
    expect(reply.content.status).toBe("error");
    expect(String(reply.content.evalue)).toContain("--redis goes with --runner redis");
    expect((await client.execute("typeof sumReducer")).reply.content.status).toBe("ok");
  });
});
