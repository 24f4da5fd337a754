/**
 * An HTTP exchange as the bytes it is (section 4.5.2, "An HTTP Request"): a GET request written by
 * hand on a TCP socket, and the response read back as text — status line, header lines, a blank
 * line, the body. Protocols are rules about bytes; this shows the bytes.
 */
import { connect } from "node:net";

/** One request and the response as they crossed the connection. */
export interface RawExchange {
  /** The request exactly as sent (CRLF line ends). */
  request: string;
  /** "HTTP/1.1 200 OK". */
  statusLine: string;
  /** The header lines after the status line, as sent ("Content-Type: text/html"). */
  headerLines: string[];
  /** The body, chunked transfer coding undone. */
  body: string;
  /** The response exactly as received. */
  raw: string;
  /** Bytes received in all. */
  bytes: number;
}

/** The GET request a browser would send for `url`, minimal: request line, Host, Connection: close. */
export function getRequest(url: URL): string {
  return `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUser-Agent: lazylab\r\nConnection: close\r\n\r\n`;
}

/** Splits a raw HTTP response at its first blank line into status line, header lines and body. */
export function parseResponse(text: string): Omit<RawExchange, "request" | "bytes"> {
  const end = text.indexOf("\r\n\r\n");
  if (end < 0) throw new Error(`not an HTTP response (no blank line after the headers): ${JSON.stringify(text.slice(0, 80))}`);
  const [statusLine, ...headerLines] = text.slice(0, end).split("\r\n");
  const chunked = headerLines.some((l) => /^transfer-encoding:\s*chunked\s*$/i.test(l));
  const body = text.slice(end + 4);
  return { statusLine, headerLines, body: chunked ? unchunk(body) : body, raw: text };
}

/** A chunked body's data: each chunk is its size in hex, CRLF, the data, CRLF; size 0 ends it. */
export function unchunk(body: string): string {
  const out: string[] = [];
  let at = 0;
  for (;;) {
    const eol = body.indexOf("\r\n", at);
    const size = eol < 0 ? NaN : parseInt(body.slice(at, eol), 16);
    if (Number.isNaN(size)) throw new Error(`bad chunk size at byte ${at} of a chunked body`);
    if (size === 0) return out.join("");
    out.push(body.slice(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
}

/** Sends a GET for `url` (http: only) on a plain TCP socket and reads the whole response; gives up after `timeoutMs`. */
export function rawGet(url: string | URL, timeoutMs = 5000): Promise<RawExchange> {
  const target = new URL(url);
  if (target.protocol !== "http:") return Promise.reject(new Error(`rawGet speaks plain HTTP only, not ${target.protocol}`));
  const request = getRequest(target);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: target.hostname, port: Number(target.port || 80) }, () => socket.write(request));
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no complete response from ${target.host} within ${timeoutMs} ms`)));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", (hadError) => {
      if (hadError) return;
      const data = Buffer.concat(chunks);
      try {
        resolve({ request, ...parseResponse(data.toString("utf8")), bytes: data.length });
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}
