/** The kernel's own log: one line per event on the real stderr, never through captured cell output. */
import { writeSync } from "node:fs";

/** Writes one line to file descriptor 2, bypassing process.stderr (which cells capture). */
export function log(message: string): void {
  try {
    writeSync(2, `[lazylab] ${message}\n`);
  } catch {
    // stderr closed: nothing sensible to do
  }
}
