/**
 * A Jupyter server for the browser tests: on 127.0.0.1 with a random token, a private kernelspec
 * (this checkout's build), a private home, runtime, config and data dir, and Debian's Chromium driven
 * by playwright-core. Stopping it stops its kernels; kernelsUsing() checks none outlived it.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { KERNEL_MAIN } from "./kernel-client.js";
import { freePort } from "./ports.js";

export const JUPYTER = "/usr/bin/jupyter";
export const PYTHON = "/usr/bin/python3";
export const CHROMIUM = "/usr/bin/chromium";

/** A private Jupyter environment: its folders and the environment variables that point at them. */
export interface PrivateJupyter {
  tmp: string;
  notebooks: string;
  env: NodeJS.ProcessEnv;
}

/** Makes a temporary folder with a private home, runtime/config/data dirs, a notebooks folder and the lazylab kernelspec. */
export function privateJupyter(label: string): PrivateJupyter {
  const tmp = mkdtempSync(join(tmpdir(), `lazylab-${label}-`));
  const prefix = join(tmp, "prefix");
  const install = spawnSync(process.execPath, [KERNEL_MAIN, "install", "--prefix", prefix], { encoding: "utf8" });
  if (install.status !== 0) throw new Error(`kernelspec install failed: ${install.stderr}`);
  for (const dir of ["home", "runtime", "config", "data", "notebooks"]) mkdirSync(join(tmp, dir));
  const env = {
    ...process.env,
    HOME: join(tmp, "home"),
    JUPYTER_PATH: join(prefix, "share", "jupyter"),
    JUPYTER_RUNTIME_DIR: join(tmp, "runtime"),
    JUPYTER_CONFIG_DIR: join(tmp, "config"),
    JUPYTER_DATA_DIR: join(tmp, "data"),
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  return { tmp, notebooks: join(tmp, "notebooks"), env };
}

/** A running server and what a test needs to reach it. */
export interface RunningServer {
  base: string;
  token: string;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/** `--allow-root` when this runs as root (CI does). */
export const asRoot = (): string[] => (process.getuid?.() === 0 ? ["--allow-root"] : []);

/**
 * Starts a server: `args(port, token)` gives the command line after `command`; resolves once
 * `/api/status` answers 200.
 */
export async function startServer(
  jupyter: PrivateJupyter,
  command: string,
  args: (port: number, token: string) => string[],
): Promise<RunningServer> {
  const token = randomBytes(24).toString("hex");
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(command, args(port, token), { cwd: jupyter.notebooks, env: jupyter.env, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const stop = async (): Promise<void> => {
    if (child.pid === undefined || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM"); // the server shuts its kernels down first
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const url = `${base}/api/status?token=${token}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`${command} exited (${child.exitCode}):\n${log}`);
    if (i >= 300) {
      await stop();
      throw new Error(`${command} did not serve ${url} within 60 s:\n${log}`);
    }
    try {
      if ((await fetch(url)).status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { base, token, process: child, log: () => log, stop };
}

/** Debian's Chromium, headless, without its sandbox (root in CI) and without background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-background-networking"],
  });
}

/** Processes whose command line mentions `dir`'s runtime folder (the kernels of a test's server). */
export function kernelsUsing(dir: string): string[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .flatMap((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
        return cmdline.includes(join(dir, "runtime")) ? [`${pid}: ${cmdline}`] : [];
      } catch {
        return [];
      }
    });
}

/** Waits (up to 5 s) until no kernel of `dir` is left; returns those still there. */
export async function kernelsLeft(dir: string): Promise<string[]> {
  let left = kernelsUsing(dir);
  for (let i = 0; i < 50 && left.length > 0; i++) {
    await new Promise((r) => setTimeout(r, 100));
    left = kernelsUsing(dir);
  }
  return left;
}

/** Removes a private environment's folder. */
export function removeJupyter(jupyter: PrivateJupyter): void {
  rmSync(jupyter.tmp, { recursive: true, force: true });
}
