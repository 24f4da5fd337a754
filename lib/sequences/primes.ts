/** 4.2.5's sieve of Eratosthenes: each prime filters its multiples out of the stream after it. */
import { Stream, filterStream } from "./stream.js";

/** The primes in `posStream`, a stream of integers from 2 upwards (the chapter's `primes`). */
export function primes(posStream: Stream<number>): Stream<number> {
  // The chapter's not_divisible reads pos_stream.first; binding the number itself keeps each
  // filter from holding the stream cell, and through it every element walked since.
  const first = posStream.first;
  function notDivisible(x: number): boolean {
    return x % first !== 0;
  }
  function computeRest(): Stream<number> {
    return primes(filterStream(notDivisible, posStream.rest));
  }
  return new Stream(first, computeRest);
}
