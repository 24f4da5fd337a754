/** %messages in the real kernel: the recorded traffic is the traffic the client saw, signatures checked, key never shown. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { shortId } from "../../dist/lib/distributed/index.js";
import { type Client, TestKernel, resultText, streamText } from "../support/kernel-client.js";
import { svgImagesIn } from "../support/svg-images.js";

vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let kernel: TestKernel;
let client: Client;

beforeAll(async () => {
  kernel = await TestKernel.start();
  client = kernel.client;
});
afterAll(async () => {
  await kernel?.stop();
});

/** The msg_type column of a %messages text table. */
function types(text: string): string[] {
  return [...text.matchAll(/^\s*\d+\s+\+\d+ ms\s+\w+\s+(?:client → kernel|kernel → client)\s+(\w+)/gm)].map((m) => m[1]);
}

describe("%messages", () => {
  it("shows the previous cell's messages as the client received them, every signature verified", async () => {
    const traced = await client.execute('console.log("traced"); 6 * 7');
    expect(streamText(traced.outputs)).toBe("traced\n");
    const { reply, outputs } = await client.execute("%messages");
    expect(reply.content.status).toBe("ok");
    const text = resultText(outputs)!;
    expect(text).toMatch(/^In \[1\]: 7 messages; 7 of 7 signatures verify \(HMAC-SHA256 over header\|parent\|metadata\|content\)/);
    expect(types(text)).toEqual(["execute_request", "status", "execute_input", "stream", "execute_result", "execute_reply", "status"]);
    // The same messages the client got: its request, the reply and each iopub message, by msg_id.
    for (const id of [traced.id, traced.reply.header.msg_id, ...traced.outputs.map((m) => m.header.msg_id)])
      expect(text).toContain(shortId(id));
    const html = (outputs.find((m) => m.header.msg_type === "execute_result")!.content.data as Record<string, string>)["text/html"];
    const [sequence] = svgImagesIn(html); // the sequence diagram, as an image
    expect(sequence).toContain("execute_request");
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("<script");
    for (const shown of [text, html]) expect(shown).not.toContain(String(kernel.connection.key));
  });

  it("picks cells by number or counts back, and says when nothing is recorded", async () => {
    const byNumber = resultText((await client.execute("%messages --cell 1")).outputs)!;
    expect(byNumber).toMatch(/^In \[1\]: 7 messages/);
    const lastTwo = resultText((await client.execute("%messages --last 2")).outputs)!;
    expect([...lastTwo.matchAll(/^In \[(\d+)\]:/gm)].map((m) => Number(m[1]))).toEqual([2, 3]);
    expect(resultText((await client.execute("%messages --cell 99")).outputs)).toMatch(/^No earlier cell's messages are recorded/);
  });

  it("rejects bad arguments with a located error and keeps the kernel's state", async () => {
    await client.execute("const kept = 7");
    const bad = await client.execute("%messages --cell zero");
    expect(bad.reply.content.status).toBe("error");
    expect(bad.reply.content.evalue).toBe("%messages: --cell takes a whole number ≥ 1, not zero");
    const other = await client.execute("%messages --everything");
    expect(other.reply.content.evalue).toMatch(/^%messages: expected %messages \[--last N \| --cell K\], got "--everything"/);
    expect(resultText((await client.execute("kept * 6")).outputs)).toBe("42");
  });
});
