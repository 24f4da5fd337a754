/** Exact results: the chapter's vowel count with every runner, word count against Unix tools, any N and R, spills. */
import { afterAll, describe, expect, it } from "vitest";
import { type Emit, FRAMEWORK, mapreduce, sumReducer } from "../../dist/lib/mapreduce/index.js";
import { HAIKU_VOWELS, dataFolder, unixWordCount } from "../support/corpus.js";
import { settleChildren } from "../support/processes.js";
import { countVowels, total, words } from "../support/jobs.js";
import { MIMEBUNDLE } from "../../dist/lib/render/mimebundle.js";

// Functions as a cell would write them (no imports inside: they travel as source text).

const data = dataFolder(1 << 20);
const expectedWords = unixWordCount(data.corpus);

afterAll(async () => {
  expect(await settleChildren()).toEqual([]);
});

describe("vowel count of haiku.txt (4.6.2)", () => {
  for (const runner of ["inline", "local", "pipeline"] as const) {
    it(`gives a 6, e 5, i 2, o 5, u 1 with the ${runner} runner`, async () => {
      const result = await mapreduce({ input: data.haiku, map: countVowels, reduce: total, runner, workers: 2 });
      expect(result.pairs).toEqual(HAIKU_VOWELS);
      expect(String(result)).toBe("'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1");
      expect(result.counter(FRAMEWORK, "Map input records")).toBe(3);
    });
  }

  it("renders like the chapter's output, with a summary", async () => {
    const result = await mapreduce({
      input: "haiku.txt",
      cwd: data.dir,
      map: countVowels,
      reduce: sumReducer,
      combine: sumReducer,
      workers: 2,
    });
    const bundle = result[MIMEBUNDLE]();
    expect(bundle["text/plain"]).toMatch(
      /^'a'\t6\n'e'\t5\n'i'\t2\n'o'\t5\n'u'\t1\nlocal runner · 2 workers, 2 reducers · 1 split · 5 keys · /,
    );
    expect(bundle["text/html"]).toContain('<td style="text-align:left;font-family:monospace">&#39;a&#39;</td>');
    expect(bundle["text/html"]).toContain("Phases");
    expect(bundle["text/html"]).toContain("haiku.txt (62 B)");
  });
});

describe("word count of a generated corpus", () => {
  for (const runner of ["inline", "local", "pipeline"] as const) {
    it(`equals tr -s ' ' '\\n' | sort | uniq -c exactly (${runner})`, async () => {
      const result = await mapreduce({ input: data.corpus, map: words, reduce: total, combine: total, runner, workers: 2, reducers: 3 });
      expect(result.toMap()).toEqual(expectedWords);
      expect(result.size).toBe(expectedWords.size);
    });
  }

  it("gives identical output (same pairs, same order) whatever N, R and combiner", async () => {
    let first: [string, number][] | undefined;
    for (const [workers, reducers, combine] of [
      [1, 1, undefined],
      [2, 2, sumReducer],
      [2, 5, total],
      [3, 1, sumReducer],
      [1, 4, undefined],
    ] as const) {
      const result = await mapreduce({ input: data.corpus, map: words, reduce: total, combine, workers, reducers, splitSize: 100_000 });
      expect(result.summary.splits).toBeGreaterThan(5);
      first ??= result.pairs;
      expect(result.pairs).toEqual(first);
    }
    expect(new Map(first)).toEqual(expectedWords);
  });

  it("counts pairs before and after the combiner, and records per reducer", async () => {
    const result = await mapreduce({ input: data.corpus, map: words, reduce: sumReducer, combine: sumReducer, workers: 2, reducers: 2 });
    const emitted = [...expectedWords.values()].reduce((a, b) => a + b, 0);
    expect(result.counter(FRAMEWORK, "Map output records")).toBe(emitted);
    expect(result.counter(FRAMEWORK, "Spilled records")).toBeLessThan(emitted / 10);
    expect(result.summary.reducerRecords.reduce((a, b) => a + b, 0)).toBe(result.counter(FRAMEWORK, "Spilled records"));
  });
});

describe("bounded memory", () => {
  it("spills sorted runs past a small memory budget and merges them exactly", async () => {
    const result = await mapreduce({ input: data.corpus, map: words, reduce: total, workers: 2, memoryBudget: 64 * 1024 });
    expect(result.counter(FRAMEWORK, "Spilled runs")).toBeGreaterThan(10);
    expect(result.toMap()).toEqual(expectedWords);
  });

  it("merges in several passes when runs outnumber the merge fan-in", async () => {
    const result = await mapreduce({
      input: data.corpus,
      map: words,
      reduce: total,
      runner: "inline",
      memoryBudget: 4 * 1024,
      reducers: 1,
    });
    expect(result.counter(FRAMEWORK, "Spilled runs")).toBeGreaterThan(64);
    expect(result.toMap()).toEqual(expectedWords);
  });

  it("keeps a key's values streaming: a reducer sees every value of a spilled key once", async () => {
    const countValues = (_key: string, values: Iterable<number>) => {
      let n = 0;
      for (const _ of values) n++;
      return n;
    };
    const result = await mapreduce({
      input: data.corpus,
      map: words,
      reduce: countValues,
      workers: 2,
      reducers: 1,
      memoryBudget: 32 * 1024,
    });
    expect(result.toMap()).toEqual(expectedWords);
  });
});

describe("keys and values", () => {
  it("orders keys of any JSON type as LC_ALL=C sort orders their JSON, and reducers may emit several pairs", async () => {
    const map = (line: string, emit: Emit<unknown, number>) => {
      emit(line.length, 1);
      emit(["len", line.length % 3], 1);
      emit(line.length > 20, 1);
    };
    const reduce = (key: unknown, values: Iterable<number>, emit: Emit<unknown, number>) => {
      let n = 0;
      for (const v of values) n += v;
      emit(key, n);
      if (typeof key === "boolean") emit(key, -n);
    };
    const local = await mapreduce({ input: data.haiku, map, reduce, workers: 2, reducers: 2 });
    const pipeline = await mapreduce({ input: data.haiku, map, reduce, runner: "pipeline" });
    expect(local.pairs).toEqual(pipeline.pairs);
    // Lines of 16, 23 and 20 characters; keys ordered by their JSON text, byte by byte.
    expect(local.pairs).toEqual([
      [16, 1],
      [20, 1],
      [23, 1],
      [["len", 1], 1],
      [["len", 2], 2],
      [false, 2],
      [false, -2],
      [true, 1],
      [true, -1],
    ]);
  });
});
