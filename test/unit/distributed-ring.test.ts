/** lib/distributed's peer ring: real ZeroMQ sockets on 127.0.0.1, routes through neighbours, nothing left open. */
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import * as zmq from "zeromq";
import { PeerRing } from "../../dist/lib/distributed/index.js";
import { MIMEBUNDLE } from "../../dist/lib/render/mimebundle.js";

/** Whether something still accepts TCP connections at a tcp://host:port endpoint. */
function accepts(endpoint: string): Promise<boolean> {
  const [, host, port] = /^tcp:\/\/([\d.]+):(\d+)$/.exec(endpoint)!;
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

describe("PeerRing", () => {
  it("drops malformed frames sent to a peer's inbox and keeps routing through it", async () => {
    const ring = await PeerRing.start({ peers: 4 });
    const stranger = new zmq.Push({ linger: 0 });
    try {
      stranger.connect(ring.endpoints[1]);
      for (const junk of [
        "not json",
        "{}",
        '{"id":1,"from":0,"to":2}',
        "null",
        "[1,2]",
        '{"id":"x","from":0,"to":2,"body":"","hops":[],"sentAt":0}',
      ])
        await stranger.send(junk);
      await stranger.send([Buffer.alloc(0), Buffer.from("two frames")]);
      await new Promise((r) => setTimeout(r, 200));
      // Peer 1 lies on the way from 0 to 2: it must still pass messages on.
      expect((await ring.send(0, 2, "after the junk")).path).toEqual([0, 1, 2]);
      expect((await ring.send(1, 1, "to itself")).path).toEqual([1]);
    } finally {
      stranger.close();
      await ring.close();
    }
  });

  it("routes the shorter way round, through neighbours only", async () => {
    const ring = await PeerRing.start({ peers: 6 });
    try {
      expect(ring.endpoints).toHaveLength(6);
      expect(new Set(ring.endpoints).size).toBe(6);
      for (const e of ring.endpoints) expect(e).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
      expect((await ring.send(0, 2, "right")).path).toEqual([0, 1, 2]);
      expect((await ring.send(0, 4, "left")).path).toEqual([0, 5, 4]);
      expect((await ring.send(4, 1, "across")).path).toEqual([4, 5, 0, 1]);
      const self = await ring.send(3, 3, "me");
      expect(self.path).toEqual([3]);
      expect(self.hopCount).toBe(0);
    } finally {
      await ring.close();
    }
  });

  it("routes clockwise only when asked, and the route renders as text and SVG", async () => {
    const ring = await PeerRing.start({ peers: 5, routing: "clockwise" });
    try {
      const route = await ring.send(1, 0, "hello");
      expect(route.path).toEqual([1, 2, 3, 4, 0]);
      expect(route.hopCount).toBe(4);
      expect(route.body).toBe("hello");
      const bundle = route[MIMEBUNDLE]();
      expect(bundle["text/plain"]).toMatch(/^peer 1 → peer 2 → peer 3 → peer 4 → peer 0: "hello" delivered after 4 hops \(\d+ ms\)$/);
      expect(bundle["image/svg+xml"]).toContain("<svg");
      expect(bundle["text/html"]).not.toContain("<script");
    } finally {
      await ring.close();
    }
  });

  it("refuses peers outside the ring and rings of the wrong size", async () => {
    await expect(PeerRing.start({ peers: 1 })).rejects.toThrow(/2 to 64 peers, not 1/);
    const ring = await PeerRing.start({ peers: 3 });
    try {
      await expect(ring.send(0, 3, "x")).rejects.toThrow(/to must be a peer of this ring, 0 … 2, not 3/);
    } finally {
      await ring.close();
    }
  });

  it("closes every port it opened", async () => {
    const ring = await PeerRing.start({ peers: 4 });
    await ring.send(0, 2, "x");
    const endpoints = ring.endpoints;
    expect(await Promise.all(endpoints.map(accepts))).toEqual([true, true, true, true]);
    await ring.close();
    let open = await Promise.all(endpoints.map(accepts));
    for (let i = 0; i < 40 && open.some(Boolean); i++) {
      await new Promise((r) => setTimeout(r, 50)); // ZeroMQ's I/O thread unbinds asynchronously
      open = await Promise.all(endpoints.map(accepts));
    }
    expect(open).toEqual([false, false, false, false]);
  });
});
