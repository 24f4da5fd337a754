/** lib/distributed's HTTP pieces against a real node:http server on 127.0.0.1. */
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { closeServer, listenLocally, parseResponse, rawGet } from "../../dist/lib/distributed/index.js";

function pageServer() {
  return createServer((req, res) => {
    if (req.url === "/wiki/UC_Berkeley")
      return void res.writeHead(200, { "Content-Type": "text/html; charset=UTF-8" }).end("<h1>UC Berkeley</h1>");
    res.writeHead(404, { "Content-Type": "text/plain" }).end("404 Error File Not Found\n");
  });
}

describe("HTTP on 127.0.0.1", () => {
  it("serves at a free port, answers fetch and a hand-written request, and closes", async () => {
    const server = pageServer();
    const origin = await listenLocally(server);
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    try {
      const ok = await fetch(`${origin}/wiki/UC_Berkeley`);
      expect([ok.status, ok.statusText, ok.headers.get("content-type")]).toEqual([200, "OK", "text/html; charset=UTF-8"]);
      expect(await ok.text()).toBe("<h1>UC Berkeley</h1>");
      const raw = await rawGet(`${origin}/no/such/page`);
      expect(raw.request).toBe(
        `GET /no/such/page HTTP/1.1\r\nHost: ${origin.slice(7)}\r\nUser-Agent: lazylab\r\nConnection: close\r\n\r\n`,
      );
      expect(raw.statusLine).toBe("HTTP/1.1 404 Not Found");
      expect(raw.headerLines).toContain("Content-Type: text/plain");
      expect(raw.headerLines.some((l) => /^Date: \w{3}, \d\d \w{3} \d{4} /.test(l))).toBe(true);
      expect(raw.body).toBe("404 Error File Not Found\n");
      expect(raw.raw).toMatch(/\r\n\r\n19\r\n404 Error File Not Found\n\r\n0\r\n\r\n$/); // chunked on the wire
    } finally {
      await closeServer(server);
    }
    expect(server.listening).toBe(false);
    await expect(fetch(`${origin}/wiki/UC_Berkeley`)).rejects.toThrow();
  });

  it("splits a response at the blank line, and says when there is none", () => {
    expect(parseResponse("HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody")).toEqual({
      statusLine: "HTTP/1.1 200 OK",
      headerLines: ["A: b"],
      body: "body",
      raw: "HTTP/1.1 200 OK\r\nA: b\r\n\r\nbody",
    });
    expect(parseResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\na\r\n0123456789\r\n0\r\n\r\n").body).toBe(
      "abc0123456789",
    );
    expect(() => parseResponse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")).toThrow(/bad chunk size at byte 0/);
    expect(() => parseResponse("HTTP/1.1 200 OK\r\nA: b")).toThrow(/no blank line after the headers/);
  });

  it("refuses URLs it cannot speak to", async () => {
    await expect(rawGet("https://127.0.0.1/")).rejects.toThrow(/plain HTTP only, not https:/);
  });
});
