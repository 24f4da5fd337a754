// One benchmark variant in its own process (so its peak RSS is its own): walks the odd squares
// of the integers 1, 2, 3, … to the n-th with a Stream, a generator pipeline or an RxJS pipeline,
// after a warm-up, and prints one JSON line: the n-th value, the time, and RSS figures.
//
//   node bench/streams/variant.mjs stream|generator|rxjs <n> [cold]
//
// With `cold`, there is no warm-up: the walk starts in unoptimized code, as a notebook's first run does.
import { filter, map, range, take } from "rxjs";
import { filterStream, makeIntegerStream, mapStream } from "../../dist/lib/sequences/index.js";

const odd = (x) => x % 2 === 1;
const square = (x) => x * x;
const SAMPLE_EVERY = 1 << 16; // RSS reads cost a system call; one per 65,536 elements is noise-free enough

let peakRss = 0;
const sample = () => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
};

// The Stream is made inside a function: an argument expression in the walking frame would keep
// the head alive (see lib/sequences/stream.ts).
const oddSquares = () => mapStream(square, filterStream(odd, makeIntegerStream()));

function walkStream(n) {
  let s = oddSquares();
  for (let i = 1; i < n; i++) {
    s = s.rest;
    if ((i & (SAMPLE_EVERY - 1)) === 0) sample();
  }
  return s.first;
}

function* naturals() {
  for (let n = 1; ; n++) yield n;
}
function* filterGen(fn, it) {
  for (const x of it) if (fn(x)) yield x;
}
function* mapGen(fn, it) {
  for (const x of it) yield fn(x);
}

function walkGenerator(n) {
  let i = 0;
  for (const x of mapGen(square, filterGen(odd, naturals()))) {
    if (++i === n) return x;
    if ((i & (SAMPLE_EVERY - 1)) === 0) sample();
  }
}

function walkRx(n) {
  let last;
  let i = 0;
  range(1, Number.MAX_SAFE_INTEGER)
    .pipe(filter(odd), map(square), take(n))
    .subscribe((x) => {
      last = x;
      if ((++i & (SAMPLE_EVERY - 1)) === 0) sample();
    });
  return last;
}

const walks = { stream: walkStream, generator: walkGenerator, rxjs: walkRx };
const [variant, count, mode] = process.argv.slice(2);
const walk = walks[variant];
const n = Number(count);
if (walk === undefined || !(n > 0)) {
  console.error("usage: node bench/streams/variant.mjs stream|generator|rxjs <n> [cold]");
  process.exit(2);
}

if (mode !== "cold") for (let i = 0; i < 5; i++) walk(50_000); // warm-up: every variant's code optimized before timing
const rssBefore = process.memoryUsage.rss();
peakRss = rssBefore;
const start = performance.now();
const value = walk(n);
const ms = performance.now() - start;
sample();
const expected = (2 * n - 1) ** 2;
if (value !== expected) throw new Error(`${variant}: the ${n}th odd square is ${expected}, got ${value}`);
console.log(JSON.stringify({ variant, cold: mode === "cold", n, ms, rssBefore, peakRss, maxRss: process.resourceUsage().maxRSS * 1024 }));
