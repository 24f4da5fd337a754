/**
 * The chapter's unbounded sequences (4.1): sensor readings from an aircraft and a feed of
 * messages, simulated with a seeded generator so every run shows the same data. Each is a
 * generator (to walk lazily, or to wrap in a Stream) and an Observable paced in real time.
 */
import type { Observable, SchedulerLike } from "rxjs";
import { seededRandom } from "./seeded-random.js";
import { toObservable } from "./to-observable.js";

/** One acceleration measurement. */
export interface SensorReading {
  /** Position in the series, from 0. */
  seq: number;
  /** Simulated time since the first reading, in milliseconds. */
  timeMs: number;
  sensor: string;
  /** Vertical acceleration in g (1 in level flight). */
  g: number;
}

/** One message of the feed. */
export interface FeedMessage {
  id: number;
  from: string;
  subject: string;
  spam: boolean;
}

/** Options of the simulated sources. */
export interface SourceOptions {
  /** Same seed, same data (default 1). */
  seed?: number;
  /** Milliseconds between values of the Observable (default 100; the first comes at once). */
  intervalMs?: number;
  /** Where the pacing timers run. */
  scheduler?: SchedulerLike;
}

/** Vertical acceleration readings, forever: level flight with noise, and now and then turbulence. */
export function* generateSensorReadings(seed = 1, intervalMs = 100, sensor = "accel-z"): Generator<SensorReading, never, undefined> {
  const random = seededRandom(seed);
  let turbulence = 0; // readings left in the current bout
  for (let seq = 0; ; seq++) {
    if (turbulence === 0 && random() < 0.04) turbulence = 5 + Math.floor(random() * 10);
    const noise = (random() + random() + random() - 1.5) * 0.04; // roughly normal, small
    const bump = turbulence > 0 ? (random() - 0.5) * 0.8 : 0;
    if (turbulence > 0) turbulence--;
    yield { seq, timeMs: seq * intervalMs, sensor, g: Math.round((1 + noise + bump) * 1000) / 1000 };
  }
}

const SENDERS = ["ada@example.org", "alan@example.org", "grace@example.org", "edsger@example.org", "barbara@example.org"];
const SUBJECTS = ["lunch?", "draft of chapter 4", "build is green", "meeting moved", "review request", "streams question"];
const SPAM = ["YOU WON!!!", "cheap watches", "urgent: verify your account"];

/** Messages, forever: mostly from colleagues, some spam. */
export function* generateMessages(seed = 1): Generator<FeedMessage, never, undefined> {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  for (let id = 1; ; id++) {
    const spam = random() < 0.25;
    yield spam
      ? { id, from: `promo${Math.floor(random() * 900 + 100)}@spam.example`, subject: pick(SPAM), spam }
      : { id, from: pick(SENDERS), subject: pick(SUBJECTS), spam };
  }
}

/** The integers from `first` upwards as an Observable (make_integer_stream's counterpart); paced only when asked. */
export function integers(first = 1, options: { intervalMs?: number; scheduler?: SchedulerLike } = {}): Observable<number> {
  return toObservable(function* () {
    for (let n = first; ; n++) yield n;
  }, options);
}

/** Simulated acceleration readings as an Observable, one per `intervalMs`, forever. */
export function sensorReadings(options: SourceOptions = {}): Observable<SensorReading> {
  const intervalMs = options.intervalMs ?? 100;
  return toObservable(() => generateSensorReadings(options.seed ?? 1, intervalMs), { intervalMs, scheduler: options.scheduler });
}

/** A simulated message feed as an Observable, one message per `intervalMs`, forever. */
export function messageFeed(options: SourceOptions = {}): Observable<FeedMessage> {
  return toObservable(() => generateMessages(options.seed ?? 1), { intervalMs: options.intervalMs ?? 100, scheduler: options.scheduler });
}
