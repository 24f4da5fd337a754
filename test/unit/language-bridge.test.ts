/** The bridge between the threads always answers a call, whatever the language side does. */
import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { InterruptFlags } from "../../dist/kernel/contract/interrupt-flags.js";
import type { Language } from "../../dist/kernel/contract/language.js";
import { LanguageClient, LanguageHost } from "../../dist/kernel/language/bridge.js";

function pair(language: Partial<Language>) {
  const { port1, port2 } = new MessageChannel();
  new LanguageHost(port2, language as Language);
  const client = new LanguageClient(port1, new InterruptFlags(), { output() {}, input: async () => "", traffic: () => [] });
  return { client, close: () => (port1.close(), port2.close()) };
}

describe("LanguageHost", () => {
  it("answers a method that throws before returning a promise with an error, instead of never", async () => {
    const { client, close } = pair({
      inspect: () => {
        throw new TypeError("thrown synchronously");
      },
    });
    try {
      await expect(client.inspect("x", 0, 0)).rejects.toThrow(/thrown synchronously/);
    } finally {
      close();
    }
  });

  it("answers an execute whose value cannot be encoded with an error outcome", async () => {
    const { client, close } = pair({
      execute: async () =>
        ({
          status: "ok",
          result: { data: { "text/plain": "x", "application/json": { n: 1n } }, metadata: {} },
          payload: [],
          userExpressions: {},
        }) as never,
    });
    try {
      const outcome = await client.execute({} as never);
      expect(outcome).toMatchObject({ status: "error", ename: "WireValueError" });
    } finally {
      close();
    }
  });
});
