/** localCluster(): redis-server and `lazylab worker` processes on this machine, for the redis runner in a notebook. */
import { describe, expect, it } from "vitest";
import { localCluster, mapreduce, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { HAIKU_VOWELS, dataFolder } from "../support/corpus.js";
import { countVowels, words } from "../support/jobs.js";
import { settleChildren } from "../support/processes.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("localCluster", () => {
  it("runs the redis runner's jobs with the same result as local, then stops every process it started", async () => {
    const data = dataFolder(1 << 20, 11);
    const cluster = await localCluster({ workers: 2 });
    try {
      expect(cluster.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(cluster.pids).toHaveLength(3);
      expect(cluster.pids.every(alive)).toBe(true);
      const vowels = await mapreduce({
        input: data.haiku,
        map: countVowels,
        reduce: sumReducer,
        runner: "redis",
        redis: cluster.url,
        progress: false,
      });
      expect(vowels.pairs).toEqual(HAIKU_VOWELS);
      const [onRedis, local] = await Promise.all([
        mapreduce({
          input: data.corpus,
          map: words,
          combine: sumReducer,
          reduce: sumReducer,
          runner: "redis",
          redis: cluster.url,
          progress: false,
        }),
        mapreduce({ input: data.corpus, map: words, combine: sumReducer, reduce: sumReducer, workers: 2, progress: false }),
      ]);
      expect(onRedis.pairs).toEqual(local.pairs);
    } finally {
      await cluster.stop();
    }
    expect(cluster.pids.some(alive)).toBe(false);
    expect(await settleChildren(process.pid)).toEqual([]);
  }, 60_000);

  it("says what is missing when redis-server is not installed, and leaves nothing running", async () => {
    const path = process.env.PATH;
    process.env.PATH = "/nonexistent";
    try {
      await expect(localCluster({ workers: 1 })).rejects.toThrow(
        /redis-server could not start: redis-server is not installed \(Debian: apt-get install redis-server\)/,
      );
    } finally {
      process.env.PATH = path;
    }
    expect(await settleChildren(process.pid)).toEqual([]);
  });
});
