/** 4.5's unreliable link, the reliable protocol over it, server load, and replicated storage on the peer ring. */
import { createSocket, type Socket } from "node:dgram";
import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { closeServer, listenLocally, LossyLink, measureLoad, PeerRing, reliableTransfer } from "../../dist/lib/distributed/index.js";

async function udpSocket(): Promise<Socket> {
  const socket = createSocket("udp4");
  await new Promise<void>((resolve) => socket.bind(0, "127.0.0.1", resolve));
  return socket;
}

describe("LossyLink", () => {
  it("drops, duplicates and reorders at seeded rates, the same way for the same seed", async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run++) {
      const receiver = await udpSocket();
      const arrived: number[] = [];
      receiver.on("message", (d) => arrived.push(Number(d.toString())));
      const link = await LossyLink.start(receiver.address().port, { seed: 1, loss: 0.1, duplicate: 0.1, reorder: 0.1 });
      const sender = await udpSocket();
      for (let i = 0; i < 20; i++) sender.send(String(i), link.port, "127.0.0.1");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const counts = link.counts();
      expect(counts.dropped + counts.duplicated + counts.reordered).toBeGreaterThan(0);
      expect(arrived.length).toBe(20 - counts.dropped + counts.duplicated);
      link.close();
      sender.close();
      receiver.close();
      runs.push(arrived);
    }
    expect(runs[1]).toEqual(runs[0]);
  });
});

describe("reliableTransfer", () => {
  it("delivers every message once and in order over a link that loses a fifth of its datagrams", async () => {
    const messages = Array.from({ length: 8 }, (_, i) => `message ${i}`);
    const transfer = await reliableTransfer(messages, { seed: 3, loss: 0.2, duplicate: 0.1, reorder: 0.1 });
    expect(transfer.received).toEqual(messages);
    expect(transfer.fates.dropped).toBeGreaterThan(0);
    expect(transfer.retransmissions).toBeGreaterThan(0);
    expect(String(transfer)).toMatch(/client → server {2}SYN seq=100/);
    expect(transfer.svg()).toMatch(/^<svg/);
  });
});

describe("measureLoad", () => {
  it("shows a one-at-a-time server's latency growing with concurrent clients", async () => {
    const server = createServer((_req, res) => {
      const until = performance.now() + 10;
      while (performance.now() < until);
      res.end("ok");
    });
    const origin = await listenLocally(server);
    try {
      const report = await measureLoad(`${origin}/`, [1, 8], 4);
      expect(report.growth).toBeGreaterThan(2);
    } finally {
      await closeServer(server);
    }
  });
});

describe("PeerRing storage", () => {
  it("keeps each key on N replicas, and reads it from another when one peer is stopped", async () => {
    const ring = await PeerRing.start({ peers: 5, replicas: 2, timeoutMs: 3000 });
    try {
      const keys = ["a", "b", "c", "d", "e", "f"];
      for (const key of keys) expect(await ring.put(0, key, `value of ${key}`)).toEqual(ring.replicasOf(key));
      for (const key of keys) expect(new Set(ring.replicasOf(key)).size).toBe(2);
      ring.stop(2);
      for (const key of keys) {
        const got = await ring.get(4, key);
        expect(got.value).toBe(`value of ${key}`);
        expect(got.peer).not.toBe(2);
      }
      expect(String(await ring.send(1, 3, "round the gap"))).toMatch(/^peer 1 → peer 0 → peer 4 → peer 3/);
    } finally {
      await ring.close();
    }
  });
});
