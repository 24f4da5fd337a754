/** The protocol thread's flight recorder and its rendering by %messages (lib/distributed MessageTrace). */
import { describe, expect, it } from "vitest";
import { newMessage } from "../../dist/kernel/protocol/messages.js";
import { WireRecorder } from "../../dist/kernel/protocol/recorder.js";
import { type Header, Signer, encode, signedParts } from "../../dist/kernel/protocol/wire.js";
import { MessageTrace } from "../../dist/lib/distributed/index.js";
import { MIMEBUNDLE } from "../../dist/lib/render/mimebundle.js";
import { svgImagesIn } from "../support/svg-images.js";

const KEY = "a-secret-key-never-shown";
const signer = new Signer(KEY, "hmac-sha256");

/** Records one message as the sockets would: encoded, signed, then tapped. */
function tap(
  recorder: WireRecorder,
  channel: "shell" | "iopub",
  direction: "in" | "out",
  msgType: string,
  content: Record<string, unknown>,
  parent: Header | Record<string, never> = {},
  tamper = false,
) {
  const message = newMessage(msgType, content, "s", parent);
  const frames = encode(message, signer);
  const { signature, parts } = signedParts(frames);
  if (tamper) parts[3] = Buffer.from(JSON.stringify({ ...content, evil: true }));
  recorder.record(channel, direction, signature, parts, message.header, message.parent_header);
  return message.header;
}

/** One cell's traffic, as the kernel sends it. */
function cell(recorder: WireRecorder, code: string, count: number, tamper = false): Header {
  const request = tap(recorder, "shell", "in", "execute_request", { code });
  tap(recorder, "iopub", "out", "status", { execution_state: "busy" }, request);
  tap(recorder, "iopub", "out", "execute_input", { code, execution_count: count }, request);
  tap(recorder, "iopub", "out", "stream", { name: "stdout", text: "<b>hi</b>\n" }, request, tamper);
  tap(recorder, "shell", "out", "execute_reply", { status: "ok", execution_count: count }, request);
  tap(recorder, "iopub", "out", "status", { execution_state: "idle" }, request);
  return request;
}

describe("WireRecorder", () => {
  it("returns the previous cell's exchange, leaving out the asking cell's own", () => {
    const recorder = new WireRecorder(signer, "hmac-sha256");
    cell(recorder, "1+1", 1);
    tap(recorder, "shell", "in", "kernel_info_request", {}); // not an execute: not part of any cell
    cell(recorder, "2+2", 2);
    const asking = cell(recorder, "%messages", 3);
    const [previous] = recorder.exchanges({ before: asking.msg_id });
    expect(previous.executionCount).toBe(2);
    expect(previous.messages.map((m) => m.msgType)).toEqual([
      "execute_request",
      "status",
      "execute_input",
      "stream",
      "execute_reply",
      "status",
    ]);
    expect(previous.messages.map((m) => `${m.channel}:${m.direction}`)).toEqual([
      "shell:in",
      "iopub:out",
      "iopub:out",
      "iopub:out",
      "shell:out",
      "iopub:out",
    ]);
    expect(previous.messages.every((m) => m.verified)).toBe(true);
    expect(recorder.exchanges({ before: asking.msg_id, last: 5 }).map((x) => x.executionCount)).toEqual([1, 2]);
    expect(recorder.exchanges({ executionCount: 1 })[0].messages[0].content).toEqual({ code: "1+1" });
    expect(recorder.exchanges({ executionCount: 9 })).toEqual([]);
  });

  it("marks a message whose frames do not match its signature", () => {
    const recorder = new WireRecorder(signer, "hmac-sha256");
    cell(recorder, "x", 1, true);
    const [x] = recorder.exchanges({});
    expect(x.messages.filter((m) => !m.verified).map((m) => m.msgType)).toEqual(["stream"]);
  });

  it("stays within its bounds, oldest first out", () => {
    const recorder = new WireRecorder(signer, "hmac-sha256", 10, 1 << 20);
    for (let i = 1; i <= 5; i++) cell(recorder, `${i}`, i);
    expect(recorder.size).toBe(10);
    expect(recorder.exchanges({ last: 10 }).map((x) => x.executionCount)).toEqual([5]); // cell 4 lost its request
    const small = new WireRecorder(signer, "hmac-sha256", 1000, 2000);
    for (let i = 1; i <= 20; i++) cell(small, "y".repeat(100), i);
    expect(small.size).toBeLessThan(20);
  });

  it("renders a trace with every message, the signatures checked, and never the key", () => {
    const recorder = new WireRecorder(signer, "hmac-sha256");
    cell(recorder, "1+1", 1);
    cell(recorder, "2+2", 2, true);
    const good = new MessageTrace(recorder.exchanges({ executionCount: 1 }));
    expect(good.allVerified).toBe(true);
    expect(good.types).toEqual(["execute_request", "status", "execute_input", "stream", "execute_reply", "status"]);
    const bundle = good[MIMEBUNDLE]();
    expect(bundle["text/plain"]).toMatch(
      /^In \[1\]: 6 messages; 6 of 6 signatures verify \(HMAC-SHA256 over header\|parent\|metadata\|content\)/,
    );
    expect(bundle["text/plain"]).toMatch(/shell\s+client → kernel\s+execute_request/);
    const html = bundle["text/html"];
    expect(html.match(/<tr>/g)).toHaveLength(7); // the header row and six messages
    const [sequence] = svgImagesIn(html); // the sequence diagram, as an image
    expect(sequence).toContain("execute_request");
    expect(html).not.toContain("<svg");
    expect(sequence).toContain("status (idle)");
    expect(html).toContain("&lt;b&gt;hi&lt;/b&gt;"); // content escaped, not markup
    expect(html).not.toContain("<script");
    for (const text of [bundle["text/plain"], html]) expect(text).not.toContain(KEY);
    const bad = new MessageTrace(recorder.exchanges({ executionCount: 2 }));
    expect(bad.allVerified).toBe(false);
    expect(bad.toString()).toContain("5 of 6 signatures verify");
    expect(bad.toString()).toContain("✗ BAD");
    expect(new MessageTrace([]).toString()).toMatch(/^No earlier cell's messages/);
  });
});
