import { describe, expect, it } from "vitest";
import { completeness } from "../../dist/kernel/language/completeness.js";

describe("is_complete", () => {
  it.each([
    ["1 + 1", "complete"],
    ["const r = /ab+c/g; r.test('abbc')", "complete"],
    ["const t = `a ${1 + 1} b`", "complete"],
    ["// just a comment", "complete"],
    ["%time 1 + 1", "complete"],
    ["function f() {", "incomplete"],
    ["const t = `open template", "incomplete"],
    ["const t = `a ${ 1 +", "incomplete"],
    ["/* open comment", "incomplete"],
    ["const a = [1, 2,", "incomplete"],
    ["if (x) {\n  call(", "incomplete"],
    ["%%html\n<b>x</b>", "incomplete"],
    ["%%html\n<b>x</b>\n\n", "complete"],
    ["let 5 = x", "invalid"],
    ["1 +* 2", "invalid"],
    ["const x = );", "invalid"],
  ])("%j is %s", (code, status) => {
    expect(completeness(code).status).toBe(status);
  });

  it("suggests an indent after an opening brace", () => {
    expect(completeness("if (ready) {\n  for (const x of xs) {")).toEqual({ status: "incomplete", indent: "    " });
  });
});

describe("is_complete with stray closers", () => {
  it.each([[")"], ["}"], ["]"], ["f(1))"]])("%j is invalid", (code) => {
    expect(completeness(code).status).toBe("invalid");
  });
});
