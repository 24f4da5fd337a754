/**
 * Refuses a signed message seen before. A captured message replayed on the wire carries a valid
 * signature, so signing alone would run its code again; jupyter_client keeps the digests of the
 * messages it received for the same reason. The history is bounded: the oldest digests go first.
 */

/** How many digests are remembered (jupyter_client's digest_history_size). */
export const DIGEST_HISTORY = 1 << 16;

/** The digests of recent signed messages. */
export class ReplayGuard {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];
  private head = 0;

  constructor(private readonly capacity = DIGEST_HISTORY) {}

  /** Records `signature`; false when it was seen before (a replay). Unsigned messages ("") always pass. */
  admit(signature: string): boolean {
    if (signature === "") return true;
    if (this.seen.has(signature)) return false;
    this.seen.add(signature);
    this.order.push(signature);
    if (this.order.length - this.head > this.capacity) {
      this.seen.delete(this.order[this.head++]);
      // Compact now and then, so the array does not grow without bound.
      if (this.head > this.capacity) {
        this.order.splice(0, this.head);
        this.head = 0;
      }
    }
    return true;
  }
}
