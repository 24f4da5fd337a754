#!/usr/bin/env node
/** The `lazylab` command: `lazylab install`, `lazylab kernel <connection-file>`, `lazylab worker --redis URL`, `lazylab keygen PATH`. */
import { Command } from "commander";
import { installKernelspec, type InstallTarget } from "./install.js";
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
  .action((options: { user?: boolean; sysPrefix?: boolean; prefix?: string }) => {
    const target: InstallTarget =
      options.prefix !== undefined
        ? { kind: "prefix", dir: options.prefix }
        : options.sysPrefix
          ? { kind: "sys-prefix" }
          : { kind: "user" };
    console.log(`Installed kernelspec lazylab in ${installKernelspec(target)}`);
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

program.parse();
