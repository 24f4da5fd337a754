/**
 * lazylab/sequences — 4.2 Implicit Sequences: iterators, generators, iterables, the lazy Stream
 * with the chapter's functions, and bridges to and from RxJS with the chapter's unbounded
 * sources as Observables.
 */
export { Range, range } from "./range.js";
export { Letters, Positives, StopIteration, next, nextLetter } from "./iterators.js";
export { lettersGenerator } from "./generators.js";
export { LetterIterable, allPairs } from "./iterables.js";
export {
  type ComputeRest,
  type ComputeRestOf,
  type RestState,
  Stream,
  filterStream,
  firstKAsList,
  makeIntegerStream,
  mapStream,
  takeStream,
} from "./stream.js";
export { type ComputedPrefix, computedPrefix, streamText } from "./stream-view.js";
export { StreamExplorer, exploreStream } from "./stream-explorer.js";
export { primes } from "./primes.js";
export { type PaceOptions, type SequenceSource, isAsyncIterable, toObservable } from "./to-observable.js";
export { type BufferOptions, ObservableReader, type OverflowPolicy, fromObservable } from "./from-observable.js";
export { BufferOverflowError } from "./buffer-overflow.js";
export {
  type FeedMessage,
  type SensorReading,
  type SourceOptions,
  generateMessages,
  generateSensorReadings,
  integers,
  messageFeed,
  sensorReadings,
} from "./sources.js";
export { sieve } from "./sieve-operator.js";
export { LIVE, LIVE_DEFAULTS, type Live, type LiveOptions, isLiveRequest, live } from "./live.js";
export { LiveView, type LiveStatus, defaultPlot } from "./live-view.js";
export { seededRandom } from "./seeded-random.js";
