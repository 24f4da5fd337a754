/** How the kernel shows sequences it has no hook for: generators without resuming them, arrays on one line. */
import { describe, expect, it } from "vitest";
import { generatorInfo } from "../../dist/kernel/display/generator-state.js";
import { plainText, toMimeBundle } from "../../dist/kernel/display/mimebundle.js";
import { LetterIterable, Letters, allPairs, lettersGenerator } from "../../dist/lib/sequences/index.js";

describe("generators", () => {
  it("show their function and state, and showing them runs nothing", () => {
    const letters = lettersGenerator();
    expect(toMimeBundle(letters).data["text/plain"]).toBe("<generator lettersGenerator (suspended)>");
    expect(toMimeBundle(letters).data["text/html"]).toContain("suspended");
    expect(letters.next().value).toBe("a"); // not consumed by the display
    [...letters];
    expect(toMimeBundle(letters).data["text/plain"]).toBe("<generator lettersGenerator (closed)>");
  });

  it("name generator methods after their class, and async generators as such", () => {
    expect(generatorInfo(new LetterIterable()[Symbol.iterator]())).toEqual({
      kind: "generator",
      name: "LetterIterable[Symbol.iterator]",
      state: "suspended",
    });
    expect(generatorInfo(allPairs([1]))?.name).toBe("allPairs");
    expect(generatorInfo((async function* ticks() {})())).toMatchObject({ kind: "async generator", name: "ticks" });
  });

  it("leave other iterators to util.inspect, which does not consume them either", () => {
    const letters = new Letters();
    expect(generatorInfo(letters)).toBeUndefined();
    expect(toMimeBundle(letters).data["text/plain"]).toBe("Letters { current: 'a' }");
    expect(toMimeBundle([1, 2][Symbol.iterator]()).data["text/plain"]).toBe("Object [Array Iterator] {}");
    expect(generatorInfo({ [Symbol.toStringTag]: "Generator" })).toBeUndefined();
  });
});

describe("plain text", () => {
  it("puts an array that fits on one line, as the chapter prints lists", () => {
    expect(plainText([2, 3, 5, 7, 11, 13, 17])).toBe("[ 2, 3, 5, 7, 11, 13, 17 ]");
    expect(plainText([...allPairs([1, 2, 3])])).toBe(
      "[ [ 1, 1 ], [ 1, 2 ], [ 1, 3 ], [ 2, 1 ], [ 2, 2 ], [ 2, 3 ], [ 3, 1 ], [ 3, 2 ], [ 3, 3 ] ]",
    );
  });

  it("keeps util.inspect's layout for what does not fit", () => {
    const long = Array.from({ length: 40 }, (_, i) => i * 1000);
    expect(plainText(long)).toContain("\n");
    expect(plainText("a string")).toBe("'a string'");
  });
});
