/**
 * 4.5.2's other drawback of client/server: clients add demand and no capacity. `measureLoad`
 * sends the same requests from 1, 2, 4 … concurrent clients to one server and measures each
 * request's latency; a server that does its work one request at a time makes every client wait
 * for the others, so the latency grows with the number of clients while the throughput stays flat.
 */
import { barChartSvg } from "../render/bar-chart-svg.js";
import { htmlTable, textTable } from "../render/table.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { drawingBundle } from "../render/rich-output.js";
import { COLORS } from "../render/svg-markup.js";

/** The latencies at one number of concurrent clients. */
export interface LoadPoint {
  clients: number;
  medianMs: number;
  worstMs: number;
  requestsPerSecond: number;
}

/** Latency against concurrent clients, drawn as a bar chart with a table. */
export class LoadReport {
  constructor(readonly points: LoadPoint[]) {}

  /** Median latency at the most clients over that at the fewest. */
  get growth(): number {
    return this.points.at(-1)!.medianMs / this.points[0].medianMs;
  }

  /** One sentence with the figures. */
  summary(): string {
    const [first, last] = [this.points[0], this.points.at(-1)!];
    return `median latency ${first.medianMs.toFixed(1)} ms with ${first.clients} client${first.clients === 1 ? "" : "s"}, ${last.medianMs.toFixed(1)} ms with ${last.clients}: ${this.growth.toFixed(1)}× longer, for ${Math.round(first.requestsPerSecond)} → ${Math.round(last.requestsPerSecond)} requests/s.`;
  }

  private rows(): string[][] {
    return this.points.map((p) => [
      String(p.clients),
      `${p.medianMs.toFixed(1)} ms`,
      `${p.worstMs.toFixed(1)} ms`,
      `${Math.round(p.requestsPerSecond)}`,
    ]);
  }

  toString(): string {
    return `${textTable(["clients", "median latency", "worst", "requests/s"], this.rows())}\n${this.summary()}`;
  }

  [MIMEBUNDLE](): MimeBundle {
    const chart = barChartSvg({
      title: "One server, more and more clients: latency per request",
      bars: this.points.map((p) => ({
        label: `${p.clients}`,
        value: p.medianMs,
        caption: `${p.medianMs.toFixed(1)} ms`,
        color: COLORS.fetch,
      })),
      valueLabel: "median latency (ms)",
      categoryLabel: "concurrent clients",
    });
    const bundle = drawingBundle([chart], this.toString(), [this.summary()]);
    const table = htmlTable(["clients", "median latency", "worst", "requests/s"], this.rows());
    return { ...bundle, "text/html": bundle["text/html"].replace(/<\/div>$/, `${table}</div>`) };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs `requests` GETs of `url` from each of `clients` concurrent clients, for each count in `clientCounts` (after one request to warm up). */
export async function measureLoad(url: string, clientCounts: number[] = [1, 2, 4, 8, 16], requests = 5): Promise<LoadReport> {
  const points: LoadPoint[] = [];
  await (await fetch(url)).arrayBuffer(); // warm up: the first request pays for compiling the handler and opening a connection
  for (const clients of clientCounts) {
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        for (let i = 0; i < requests; i++) {
          const sent = performance.now();
          const response = await fetch(url);
          await response.arrayBuffer();
          latencies.push(performance.now() - sent);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    points.push({ clients, medianMs: median(latencies), worstMs: Math.max(...latencies), requestsPerSecond: latencies.length / seconds });
  }
  return new LoadReport(points);
}
