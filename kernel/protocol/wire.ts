/** The Jupyter wire format: identities, delimiter, HMAC signature, four JSON frames, buffers. */
import { createHmac, timingSafeEqual } from "node:crypto";

import type { Header } from "../contract/header.js";
import { RawJson } from "../contract/wire-json.js";

export type { Header };

/** A decoded message; `identities` route replies on ROUTER sockets. */
export interface Message<C = Record<string, unknown>> {
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: Record<string, unknown>;
  content: C;
  buffers: Buffer[];
}

/** Raised for frames that are not a valid, correctly signed message. */
export class WireError extends Error {
  override name = "WireError";
}

const DELIMITER = Buffer.from("<IDS|MSG>");

/** Signs and verifies the four JSON frames with the connection file's key. */
export class Signer {
  private readonly algorithm: string | undefined;

  constructor(
    private readonly key: string,
    scheme: string,
  ) {
    if (key === "") {
      this.algorithm = undefined; // empty key: messages are not signed
    } else if (scheme.startsWith("hmac-")) {
      this.algorithm = scheme.slice("hmac-".length);
    } else {
      throw new Error(`unsupported signature scheme ${scheme}`);
    }
  }

  /** The hex digest of the header, parent, metadata and content frames ("" when unsigned). */
  sign(parts: Buffer[]): string {
    if (this.algorithm === undefined) return "";
    const hmac = createHmac(this.algorithm, this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest("hex");
  }

  /** Whether a received signature matches, compared in constant time. */
  verify(signature: string, parts: Buffer[]): boolean {
    if (this.algorithm === undefined) return true;
    const expected = Buffer.from(this.sign(parts));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

/** The signature and the four signed JSON frames of a message's frames; throws WireError when they are missing. */
export function signedParts(frames: Buffer[]): { at: number; signature: string; parts: Buffer[] } {
  const at = frames.findIndex((frame) => frame.equals(DELIMITER));
  if (at < 0) throw new WireError("no <IDS|MSG> delimiter");
  if (frames.length < at + 6) throw new WireError(`only ${frames.length - at - 1} frames after the delimiter`);
  return { at, signature: frames[at + 1].toString(), parts: frames.slice(at + 2, at + 6) };
}

/** Decodes and verifies the frames of one message; throws WireError when they are not one. */
export function decode(frames: Buffer[], signer: Signer): Message {
  const { at, signature, parts } = signedParts(frames);
  if (!signer.verify(signature, parts)) throw new WireError("bad signature");
  const names = ["header", "parent header", "metadata", "content"];
  const [header, parent, metadata, content] = parts.map((part, i) => {
    try {
      const value: unknown = JSON.parse(part.toString("utf8"));
      if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
      return value as Record<string, unknown>;
    } catch (error) {
      throw new WireError(`${names[i]} frame is not a JSON object: ${(error as Error).message}`);
    }
  });
  if (typeof header.msg_type !== "string" || typeof header.msg_id !== "string") {
    throw new WireError("header lacks msg_type or msg_id");
  }
  return {
    identities: frames.slice(0, at),
    header: header as unknown as Header,
    parent_header: parent as unknown as Header,
    metadata,
    content,
    buffers: frames.slice(at + 6),
  };
}

/**
 * Encodes and signs a message into frames, identities first. Content already checked and encoded
 * on the main thread comes as RawJson and is sent as it is.
 */
export function encode(message: Message<unknown>, signer: Signer): Buffer[] {
  const parts = [message.header, message.parent_header, message.metadata, message.content].map((part) =>
    Buffer.from(part instanceof RawJson ? part.text : JSON.stringify(part), "utf8"),
  );
  return [...message.identities, DELIMITER, Buffer.from(signer.sign(parts)), ...parts, ...message.buffers];
}
