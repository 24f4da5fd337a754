// A redis-server on a free port (no persistence) and N `lazylab worker` processes on this machine,
// for the redis runner's contender; stopped by pid.
import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { freePort } from "../../dist/lib/distributed/free-port.js";

const MAIN = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist", "kernel", "main.js");

/** Starts `command` and resolves once it printed `ready`. */
function start(command, args, ready) {
  return new Promise((ok, fail) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const check = (chunk) => {
      out += chunk;
      if (out.includes(ready)) ok(child);
    };
    child.stdout.on("data", check);
    child.stderr.on("data", check);
    child.on("exit", (code) => fail(new Error(`${command} exited (${code}) before it was ready:\n${out}`)));
  });
}

/** Starts the cluster; `stop()` ends every process by pid. */
export async function startRedisCluster(workers) {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const redis = await start(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    "Ready to accept connections",
  );
  const children = [redis];
  for (let i = 0; i < workers; i++)
    children.push(await start(process.execPath, [join(MAIN), "worker", "--redis", url, "--concurrency", "1"], "waiting for jobs"));
  return {
    url,
    async stop() {
      for (const child of children.reverse()) {
        const exited = new Promise((ok) => child.once("exit", ok));
        process.kill(child.pid, "SIGTERM");
        await exited;
      }
    },
  };
}
