import { describe, expect, it } from "vitest";
import { newMessage } from "../../dist/kernel/protocol/messages.js";
import { Signer, WireError, decode, encode } from "../../dist/kernel/protocol/wire.js";

describe("wire format", () => {
  const signer = new Signer("secret", "hmac-sha256");
  const message = newMessage("execute_request", { code: "1+1" }, "session", {}, [Buffer.from("client")]);

  it("round-trips a signed message with its identities", () => {
    const decoded = decode(encode(message, signer), signer);
    expect(decoded.identities.map(String)).toEqual(["client"]);
    expect(decoded.header.msg_type).toBe("execute_request");
    expect(decoded.content).toEqual({ code: "1+1" });
  });

  it("rejects a tampered content frame", () => {
    const frames = encode(message, signer);
    frames[frames.length - 1] = Buffer.from(JSON.stringify({ code: "evil()" }));
    expect(() => decode(frames, signer)).toThrow(/bad signature/);
  });

  it("rejects a message signed with another key", () => {
    expect(() => decode(encode(message, new Signer("other", "hmac-sha256")), signer)).toThrow(WireError);
  });

  it("accepts unsigned messages when the key is empty, and signs nothing", () => {
    const open = new Signer("", "hmac-sha256");
    const frames = encode(message, open);
    expect(frames[2].toString()).toBe("");
    expect(decode(frames, open).content).toEqual({ code: "1+1" });
  });

  it("rejects frames that are not JSON objects", () => {
    const frames = encode(message, new Signer("", "hmac-sha256"));
    frames[frames.length - 1] = Buffer.from("[1, 2]");
    expect(() => decode(frames, new Signer("", "hmac-sha256"))).toThrow(/content frame is not a JSON object/);
  });
});
