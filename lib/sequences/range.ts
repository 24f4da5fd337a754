/**
 * 4.2 opens with Python's range: a bounded run of integers that stores only its end points and
 * computes any element on demand.
 */

/** The integers start, start + step, … below stop, computed on demand (Python's `range`). */
export class Range implements Iterable<number> {
  constructor(
    readonly start: number,
    readonly stop: number,
    readonly step = 1,
  ) {
    if (step === 0) throw new RangeError("range() step must not be zero");
  }

  /** How many integers the range holds. */
  get length(): number {
    return Math.max(0, Math.ceil((this.stop - this.start) / this.step));
  }

  /** The element at `index` (negative counts from the end), computed rather than looked up. */
  at(index: number): number {
    const i = index < 0 ? this.length + index : index;
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new RangeError("range object index out of range");
    return this.start + i * this.step;
  }

  *[Symbol.iterator](): Generator<number, void, undefined> {
    for (let value = this.start; this.step > 0 ? value < this.stop : value > this.stop; value += this.step) yield value;
  }

  toString(): string {
    return this.step === 1 ? `range(${this.start}, ${this.stop})` : `range(${this.start}, ${this.stop}, ${this.step})`;
  }

  /** How console.log and the kernel print a range: as Python does. */
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** `range(stop)` or `range(start, stop[, step])`, as in Python. */
export function range(start: number, stop?: number, step = 1): Range {
  return stop === undefined ? new Range(0, start, 1) : new Range(start, stop, step);
}
