/**
 * 4.7.3's unsynchronized flag: a consumer spins until `flag` is set, then reads `items`, which a
 * producer filled before setting the flag. Nothing orders the producer's writes for the
 * consumer; here (x86 keeps stores in order, and the JIT does not move them) it usually works,
 * which is the chapter's point: it works until the compiler or the hardware reorders. The
 * consumer's spin checks the clock, so a flag it never sees ends the wait instead of the kernel.
 */
import { Figure } from "../../render/rich-output.js";
import { Scope } from "../scope.js";
import { SharedInts } from "../shared-ints.js";
import { moduleFunction } from "../target.js";
import { Thread } from "../thread.js";
import { Trace } from "../trace.js";

/** What the consumer saw. */
export interface Consumed {
  sawFlag: boolean;
  items: number[];
  spins: number;
}

/** The chapter's `consume`: spin until the flag is set, then read the items. */
export const consume = moduleFunction(
  import.meta.url,
  "consume",
  (items: SharedInts, length: SharedInts, flag: SharedInts, timeoutMs: number): Consumed => {
    const deadline = performance.now() + timeoutMs;
    let spins = 0;
    while (flag.array[0] === 0) {
      if (++spins % 1024 === 0 && performance.now() > deadline) return { sawFlag: false, items: [], spins };
    }
    flag.read(0); // record the read that saw it
    const n = length.read(0);
    return { sawFlag: true, items: Array.from({ length: n }, (_, i) => items.read(i)), spins };
  },
);

/** The outcome of the flag demo. */
export class FlagDemo extends Figure {
  constructor(
    readonly consumed: Consumed,
    readonly trace: Trace,
  ) {
    const ok = consumed.sawFlag && consumed.items.length === 10 && consumed.items.every((v, i) => v === i);
    const verdict = ok
      ? `items is [${consumed.items.join(", ")}] — it worked this time (after ${consumed.spins} spins).`
      : `the consumer saw ${consumed.sawFlag ? `only [${consumed.items.join(", ")}]` : "no flag"}.`;
    const timeline = trace.timeline({
      title: "produce() and consume() with an unsynchronized flag",
      hide: ["start", "end"],
      caption: [verdict, "Nothing but luck orders the producer's writes before its flag for the consumer."],
    });
    super([timeline.svg()], timeline.text());
  }
}

/** Runs the chapter's produce(): start the consumer, append 10 items, then set the flag. */
export async function flagDemo(): Promise<FlagDemo> {
  return Scope.run(async () => {
    const trace = new Trace();
    const items = new SharedInts("items", 10, { trace });
    const length = new SharedInts("len(items)", 1, { trace });
    const flag = new SharedInts("flag", 1, { trace });
    const consumer = new Thread({ target: consume, args: [items, length, flag, 5000], name: "consumer", trace }).start();
    for (let i = 0; i < 10; i++) {
      items.write(i, i); // items.append(i)
      length.write(0, i + 1);
    }
    flag.write(0, 1); // flag.append('go')
    return new FlagDemo(await consumer.join(), trace);
  });
}
