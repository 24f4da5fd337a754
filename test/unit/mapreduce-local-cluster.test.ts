/** localCluster(): redis-server and `lazylab worker` processes on this machine, for the redis runner in a notebook. */
import { readFileSync, statSync } from "node:fs";
import { connect } from "node:net";
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

/** One inline command to Redis over a bare TCP connection (no client library, no password); its first reply line. */
function rawCommand(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(`${command}\r\n`));
    socket.once("data", (data) => {
      resolve(data.toString().split("\r\n")[0]);
      socket.destroy();
    });
    socket.once("error", reject);
  });
}

describe("localCluster", () => {
  it("runs the redis runner's jobs with the same result as local, then stops every process it started", async () => {
    const data = dataFolder(1 << 20, 11);
    const cluster = await localCluster({ workers: 2 });
    try {
      // Safe by default: a password, loopback only, a cluster key of its own, no secret on a command line.
      const { password, port, hostname } = new URL(cluster.url);
      expect(hostname).toBe("127.0.0.1");
      expect(password).toMatch(/^[0-9a-f]{48}$/);
      expect(statSync(cluster.keyFile).mode & 0o077).toBe(0);
      expect(await rawCommand(Number(port), "SMEMBERS lazylab:jobs")).toMatch(/^-NOAUTH/);
      const key = readFileSync(cluster.keyFile, "utf8").trim();
      for (const pid of cluster.pids) {
        const command = readFileSync(`/proc/${pid}/cmdline`, "utf8");
        expect(command).not.toContain(password);
        expect(command).not.toContain(key);
      }
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
