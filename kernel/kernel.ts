/** Starts a kernel: the protocol thread for the sockets, the language on this (main) thread. */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { exitKernel } from "./engine/process-guards.js";
import { startSigintSentinel } from "./contract/sigint-sentinels.js";
import { typescriptVersion } from "./engine/typescript.js";
import { LanguageHost } from "./language/bridge.js";
import { InterruptFlags } from "./contract/interrupt-flags.js";
import { TypeScriptLanguage } from "./language/typescript-language.js";
import { log } from "./log.js";
import { snapshot, workerLimits } from "./contract/startup-snapshot.js";
import type { ServerData } from "./server.js";

/** This package's version. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Runs the kernel for `connectionFile` until a shutdown_request. */
export function runKernel(connectionFile: string): void {
  // Each checked cell leaves a few MB of compiler garbage; V8's default heap growth lets it pile
  // up to several times the live heap before a full GC (RSS 300+ MiB after 100 cells). A 30 %
  // growth factor keeps RSS nearer the live size (20 % kept it lowest but doubled GC time per cell),
  // and the memory reducer shrinks the heap after one idle second instead of eight.
  setFlagsFromString("--heap-growing-percent=30");
  setFlagsFromString("--gc-memory-reducer-start-delay-ms=1000");
  if (snapshot !== undefined)
    log(`started from the startup snapshot (the compiler and declaration files, ${snapshot.builtMs} ms of work, ready)`);
  const flags = new InterruptFlags();
  const data: ServerData = {
    connectionFile,
    flags: flags.buffer,
    facts: { implementationVersion: packageVersion(), languageVersion: typescriptVersion() },
  };
  // The protocol thread allocates little (frames, JSON): a small young generation saves RSS.
  const worker = new Worker(new URL("./server.js", import.meta.url), {
    workerData: data,
    stdout: true,
    stderr: true,
    resourceLimits: workerLimits({ maxYoungGenerationSizeMb: 4 }),
  });
  let host: LanguageHost | undefined;
  const language = new TypeScriptLanguage(flags, {
    output: (event) => host?.output(event),
    input: (request) => host!.input(request),
    traffic: (query) => host!.traffic(query),
  });
  host = new LanguageHost(worker, language);
  startSigintSentinel(flags, () => language.interruptRunning());
  // Let the protocol thread's ZeroMQ context wind down in its own thread before the process ends.
  let shuttingDown = false;
  worker.on("message", (message: { t?: string }) => {
    if (message.t !== "exit") return;
    shuttingDown = true;
    void worker.terminate().finally(() => exitKernel(0));
  });
  // SIGTERM (a front end's or the system's) ends the kernel as a shutdown does: sockets closed in
  // their thread, then process.exit, whose 'exit' handlers stop what cells started (exit-cleanup).
  process.once("SIGTERM", () => {
    shuttingDown = true;
    worker.postMessage({ t: "stop" });
    setTimeout(() => exitKernel(0), 2000).unref();
  });
  worker.on("error", (error) => {
    log(`protocol thread crashed: ${error.stack ?? error.message}`);
    exitKernel(1);
  });
  worker.on("exit", (code) => exitKernel(shuttingDown ? 0 : code || 1));
  language.warmUp(); // after the protocol thread is started: start-up does not wait for the checker
}
