/**
 * The chapter's sieve as an RxJS operator, beside `primes` on Streams: each integer that no
 * earlier prime divides is a prime, and joins the sieve. Per subscription state, so the
 * operator can be reused.
 */
import { type OperatorFunction, defer, filter } from "rxjs";

/** Keeps the primes of an increasing sequence of integers from 2 (the chapter's `primes` as an operator). */
export function sieve(): OperatorFunction<number, number> {
  return (source) =>
    defer(() => {
      const found: number[] = [];
      const notDivisible = (x: number) => found.every((p) => x % p !== 0);
      return source.pipe(filter((x) => notDivisible(x) && found.push(x) > 0));
    });
}
