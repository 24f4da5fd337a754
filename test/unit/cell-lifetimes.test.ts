/** The per-execution lifetimes handed to library code: abort on interrupt, end listeners once. */
import { describe, expect, it } from "vitest";
import { CellLifetimes } from "../../dist/kernel/language/cell-lifetimes.js";

describe("CellLifetimes", () => {
  it("aborts the signal of the interrupted execution only", () => {
    const lifetimes = new CellLifetimes();
    const [a, b] = [lifetimes.of(1), lifetimes.of(2)];
    lifetimes.interrupt(1);
    expect(a.signal.aborted).toBe(true);
    expect(b.signal.aborted).toBe(false);
  });

  it("runs end listeners once, even if one throws, and forgets the execution", () => {
    const lifetimes = new CellLifetimes();
    const calls: string[] = [];
    const first = lifetimes.of(3);
    first.onEnd(() => calls.push("a"));
    first.onEnd(() => {
      throw new Error("cleanup failed");
    });
    first.onEnd(() => calls.push("c"));
    lifetimes.end(3);
    lifetimes.end(3);
    expect(calls).toEqual(["a", "c"]);
    expect(lifetimes.of(3)).not.toBe(first);
  });
});
