/** Python's threading.current_thread() and multiprocessing.current_process(), for the running code. */
import { currentSelf } from "./board.js";

/** The running thread: its name ("MainThread", "Thread-1" …) and ident (its participant slot). */
export function currentThread(): { name: string; ident: number } {
  const self = currentSelf();
  return { name: self.name, ident: self.slot };
}

/** The running process: its name ("MainProcess", "Process-1" …) and pid. */
export function currentProcess(): { name: string; pid: number } {
  return { name: currentSelf().processName, pid: process.pid };
}
