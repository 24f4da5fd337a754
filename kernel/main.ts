#!/usr/bin/env node
/** The `lazylab` command: `lazylab install`, `lazylab kernel <connection-file>`, `lazylab worker --redis URL`, `lazylab keygen PATH`. */
import { Command } from "commander";
import { installKernelspec, type InstallTarget, snapshotBlob } from "./install.js";
import { snapshot } from "./contract/startup-snapshot.js";
import { packageVersion, runKernel } from "./kernel.js";

const program = new Command("lazylab")
  .description("A Jupyter kernel for TypeScript and Chapter 4: Data Processing")
  .version(packageVersion());

program
  .command("install")
  .description('install the lazylab kernelspec so Jupyter offers "TypeScript (lazylab)"')
  .option("--user", "install for the current user (default)")
  .option("--sys-prefix", "install into the Python environment's prefix")
  .option("--prefix <dir>", "install under DIR/share/jupyter/kernels")
  .option("--startup-snapshot", "start kernels from the V8 startup snapshot: first result ~2.5x sooner, ~70 MiB more memory")
  .action((options: { user?: boolean; sysPrefix?: boolean; prefix?: string; startupSnapshot?: boolean }) => {
    const target: InstallTarget =
      options.prefix !== undefined
        ? { kind: "prefix", dir: options.prefix }
        : options.sysPrefix
          ? { kind: "sys-prefix" }
          : { kind: "user" };
    if (options.startupSnapshot && snapshotBlob() === undefined) {
      program.error(`no startup snapshot was built for Node ${process.version}: run npm run build first`);
    }
    console.log(`Installed kernelspec lazylab in ${installKernelspec(target, { snapshot: options.startupSnapshot === true })}`);
  });

program
  .command("kernel")
  .description("run the kernel (Jupyter starts this with a connection file)")
  .argument("<connection-file>", "the connection file written by the front end")
  .action((connectionFile: string) => runKernel(connectionFile));

program
  .command("worker")
  .description("run MapReduce tasks of the redis runner's jobs signed with the cluster key (start one on each machine)")
  .option(
    "--redis <url>",
    "the Redis the notebooks use (redis://:PASSWORD@HOST:PORT, rediss:// for TLS); default $LAZYLAB_REDIS",
    process.env.LAZYLAB_REDIS ?? "redis://127.0.0.1:6379",
  )
  .option("--key-file <path>", "the cluster key's file: only jobs signed with it run here (default $LAZYLAB_KEY_FILE)")
  .option("--concurrency <n>", "tasks run at once (worker processes)", "1")
  .action(async (options: { redis: string; keyFile?: string; concurrency: string }) => {
    // Loaded only for this command: the kernel never pays for BullMQ.
    const { processCount } = await import("../lib/mapreduce/counts.js");
    let concurrency: number;
    try {
      concurrency = processCount(options.concurrency, "--concurrency") ?? 1;
    } catch (error) {
      return program.error((error as Error).message);
    }
    const { RedisWorker } = await import("../lib/mapreduce/runners/redis/redis-worker.js");
    const worker = await RedisWorker.start({ url: options.redis, concurrency, keyFile: options.keyFile }).catch((error: unknown) =>
      program.error(error instanceof Error ? error.message : String(error)),
    );
    const stop = () => void worker.stop().then(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });

program
  .command("keygen")
  .description("write a new cluster key (32 random bytes, hex) to PATH, readable by you only; copy it to each worker machine")
  .argument("<path>", "where to write the key (must not exist)")
  .action(async (path: string) => {
    const { ClusterKey, KEY_FILE_ENV } = await import("../lib/mapreduce/runners/redis/cluster-key.js");
    try {
      const written = ClusterKey.generate(path);
      console.log(`Wrote a cluster key to ${written}. Give it to the kernel and every worker: export ${KEY_FILE_ENV}=${written}`);
    } catch (error) {
      program.error(`cannot write ${path}: ${(error as Error).message}`);
    }
  });

// Started from the startup snapshot, argv has no script: ["node", "kernel", FILE]. Processes a cell
// forks must not start from the kernel's snapshot: they get Node's flags without it.
if (snapshot !== undefined) {
  const at = process.execArgv.indexOf("--snapshot-blob");
  if (at >= 0) process.execArgv.splice(at, 2);
}
program.parse(snapshot === undefined ? process.argv : [process.argv[0], "lazylab", ...process.argv.slice(1)]);
