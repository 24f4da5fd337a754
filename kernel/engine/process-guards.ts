/**
 * Keeps cells from taking the kernel down or losing output: process.stdout/stderr writes go to
 * the cell that made them, `process.exit()` becomes an error, and exceptions or rejections
 * thrown later by async work are shown under the cell that started it.
 */
import type { ErrorContent } from "../contract/language.js";
import { log } from "../log.js";
import type { OutputRouter } from "../display/output.js";
import { Error, Buffer, process, queueMicrotask, type Uint8Array } from "../contract/intrinsics.js";

/** Thrown instead of exiting when a cell calls process.exit(). */
export class ProcessExitError extends Error {
  override name = "ProcessExitError";
  constructor(code: number | string | null | undefined) {
    super(`process.exit(${code ?? ""}) was called; the kernel keeps running (use the front end's Restart or Shut Down instead)`);
  }
}

const realExit = process.exit.bind(process);

/** Ends the kernel process for real (cells cannot call this). */
export function exitKernel(code = 0): never {
  return realExit(code);
}

/** Installs the guards; `describe` turns a thrown value into Jupyter's error content. */
export function installProcessGuards(router: OutputRouter, describe: (thrown: unknown) => ErrorContent): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | (() => void), callback?: () => void) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString(typeof encoding === "string" ? encoding : "utf8");
      router.write(name, text);
      const done = typeof encoding === "function" ? encoding : callback;
      if (done !== undefined) queueMicrotask(done);
      return true;
    }) as typeof stream.write;
  }
  process.exit = ((code?: number | string | null) => {
    throw new ProcessExitError(code);
  }) as typeof process.exit;
  process.on("uncaughtException", (error) => report(router, describe(error), "uncaught exception"));
  process.on("unhandledRejection", (reason) => report(router, describe(reason), "unhandled rejection"));
}

function report(router: OutputRouter, content: ErrorContent, what: string): void {
  if (router.current() === undefined) {
    log(`${what} outside any cell: ${content.ename}: ${content.evalue}`);
    return;
  }
  const traceback = [`\x1b[0;33m(${what} in async work started by this cell)\x1b[0m`, ...content.traceback];
  router.emit("error", { ...content, traceback });
}
