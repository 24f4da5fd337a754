/** Splits read on line boundaries: every line belongs to exactly one split, whatever the cut. */
import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LineBatches, countLines, lineNumberAt } from "../../dist/lib/mapreduce/portable/line-reader.js";
import { makeSplits } from "../../dist/lib/mapreduce/tasks/splits.js";

const dir = mkdtempSync(join(tmpdir(), "lazylab-lines-"));

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Lines of [start, end) with a tiny buffer (so batches and carried partial lines are exercised). */
function linesOf(path: string, start: number, end: number, chunk = 7): string[] {
  const fd = openSync(path, "r");
  try {
    return [...new LineBatches(fd, start, end, chunk).lines()];
  } finally {
    closeSync(fd);
  }
}

/** What Python's `for line in file` gives, newlines removed. */
function expected(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines.map((l) => l.replace(/\r$/, ""));
}

const SAMPLES: Record<string, string> = {
  haiku: "Google MapReduce\nIs a Big Data framework\nFor batch processing\n",
  "no final newline": "one\ntwo\nthree",
  "empty lines": "\n\na\n\nb\n\n",
  crlf: "dos\r\nlines\r\n",
  "long line": `short\n${"x".repeat(100)}\nend\n`,
  "utf-8": "café ☕\nnaïve 日本語\n😀 emoji\n",
  empty: "",
  "one newline": "\n",
};

describe("LineBatches", () => {
  for (const [name, text] of Object.entries(SAMPLES)) {
    it(`reads every line of "${name}" once, for every split point`, () => {
      const path = file(`${name}.txt`, text);
      const size = Buffer.byteLength(text);
      expect(linesOf(path, 0, size)).toEqual(expected(text));
      for (let cut = 0; cut <= size; cut++) {
        expect([...linesOf(path, 0, cut), ...linesOf(path, cut, size)]).toEqual(expected(text));
      }
    });
  }

  it("gives three-way splits the same lines", () => {
    const text = SAMPLES.haiku + SAMPLES["utf-8"] + SAMPLES["empty lines"];
    const path = file("three.txt", text);
    const size = Buffer.byteLength(text);
    for (let a = 0; a <= size; a += 3) {
      for (let b = a; b <= size; b += 5) {
        expect([...linesOf(path, 0, a), ...linesOf(path, a, b), ...linesOf(path, b, size)]).toEqual(expected(text));
      }
    }
  });

  it("reports the offset of each batch's first line", () => {
    const path = file("offsets.txt", "aa\nbbb\ncccc\n");
    const fd = openSync(path, "r");
    const batches = [];
    const reader = new LineBatches(fd, 0, 12, 4);
    for (let b = reader.next(); b !== undefined; b = reader.next()) batches.push(b);
    closeSync(fd);
    expect(batches.map((b) => [b.offset, b.lines])).toEqual([
      [0, ["aa"]],
      [3, ["bbb"]],
      [7, ["cccc"]],
    ]);
  });

  it("counts lines and finds the line number of an offset", () => {
    const path = file("count.txt", "a\nb\nc");
    const fd = openSync(path, "r");
    expect(countLines(fd)).toBe(3);
    expect([0, 2, 4].map((o) => lineNumberAt(fd, o))).toEqual([1, 2, 3]);
    closeSync(fd);
  });
});

describe("makeSplits", () => {
  it("covers each file exactly with splits of about the asked size", () => {
    const splits = makeSplits(
      [
        { path: "a", size: 100 },
        { path: "b", size: 0 },
        { path: "c", size: 7 },
      ],
      30,
    );
    expect(splits.filter((s) => s.file === "a").map((s) => [s.start, s.end])).toEqual([
      [0, 34],
      [34, 68],
      [68, 100],
    ]);
    expect(splits.filter((s) => s.file === "b")).toEqual([]);
    expect(splits.filter((s) => s.file === "c").map((s) => [s.start, s.end])).toEqual([[0, 7]]);
  });
});
