/**
 * Processes a job started must not outlive this one: if the kernel (or any program using the
 * library) exits while a job runs, every registered killer runs synchronously on 'exit'.
 * Interrupts and failures are handled by the runners themselves; this is the last resort.
 */
const killers = new Set<() => void>();
let installed = false;

/** Registers `kill` to run if this process exits; returns the function that unregisters it. */
export function killOnExit(kill: () => void): () => void {
  if (!installed) {
    installed = true;
    process.on("exit", () => {
      for (const k of killers) {
        try {
          k();
        } catch {
          // exiting anyway: kill what can be killed
        }
      }
    });
  }
  killers.add(kill);
  return () => void killers.delete(kill);
}
