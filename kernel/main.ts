#!/usr/bin/env node
/** The `lazylab` command: `lazylab install`, `lazylab kernel <connection-file>`, `lazylab worker --redis URL`. */
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
  .description("run MapReduce tasks of the redis runner's jobs (start one on each machine)")
  .option("--redis <url>", "the Redis the notebooks use", process.env.LAZYLAB_REDIS ?? "redis://127.0.0.1:6379")
  .option("--concurrency <n>", "tasks run at once (worker processes)", "1")
  .action(async (options: { redis: string; concurrency: string }) => {
    const concurrency = Number(options.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1)
      program.error(`--concurrency must be a positive integer, not ${options.concurrency}`);
    // Loaded only for this command: the kernel never pays for BullMQ.
    const { RedisWorker } = await import("../lib/mapreduce/runners/redis/redis-worker.js");
    const worker = await RedisWorker.start({ url: options.redis, concurrency }).catch((error: unknown) =>
      program.error(error instanceof Error ? error.message : String(error)),
    );
    const stop = () => void worker.stop().then(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });

program.parse();
