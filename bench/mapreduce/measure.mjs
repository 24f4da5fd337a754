// Running a command and measuring it: wall time, and the peak of the summed resident memory of
// the command and every process it starts (sampled from /proc every 25 ms), since a pipeline or
// a worker pool is many processes.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const PAGE = 4096;

function childrenOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function rssOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** Summed RSS of `root` and its descendants now (walking /proc/<pid>/task/<pid>/children, cheap enough to sample often). */
export function treeRss(root) {
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    total += rssOf(pid);
    stack.push(...childrenOf(pid));
  }
  return total;
}

/** Runs `bash -c script` (args as $1…); resolves to { seconds, peakRss, stderr } or rejects on a non-zero exit. */
export function measure(script, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn("bash", ["-c", script, "bench", ...args], { stdio: ["ignore", "ignore", "pipe"], ...options });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    let peak = 0;
    const sample = () => (peak = Math.max(peak, treeRss(child.pid)));
    const timer = setInterval(sample, 25);
    child.on("close", (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`exit ${code}: ${script}\n${stderr.slice(-2000)}`));
      else resolve({ seconds, peakRss: peak, stderr });
    });
  });
}
