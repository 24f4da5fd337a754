/**
 * A small website to crawl, made up on the spot and served on 127.0.0.1 (an ephemeral port):
 * pages linking to each other, a few links to pages that do not exist (the dead links to find),
 * and a few links to another site (not to be followed). The server counts requests per path, so
 * duplicate fetches are counted where they happen.
 */
import { type Server, createServer } from "node:http";

/** A generated site. */
export interface Site {
  /** Page paths and their HTML. */
  pages: Map<string, string>;
  /** The links that lead nowhere: "page → missing path". */
  deadLinks: { from: string; to: string }[];
}

/** Makes a site of `size` pages with `dead` dead links (deterministic for a given seed). */
export function generateSite(size = 40, dead = 6, seed = 7): Site {
  let state = seed >>> 0 || 1;
  const random = (n: number) => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) % n;
  const paths = ["/", ...Array.from({ length: size - 1 }, (_, i) => `/page-${i + 1}`)];
  const links = new Map(paths.map((p) => [p, new Set<string>()]));
  // The index links to the first eight pages, and each of those to the same ninth page: several
  // threads discover the same new page at the same moment, which is when an unlocked seen set fails.
  for (let i = 1; i <= 8 && i < paths.length; i++) {
    links.get("/")!.add(paths[i]);
    if (paths[9]) links.get(paths[i])!.add(paths[9]);
  }
  for (let i = 1; i < paths.length; i++) {
    links.get(paths[i - 1])!.add(paths[i]); // every page reachable
    for (let k = 0; k < 3; k++) links.get(paths[i])!.add(paths[random(paths.length)]);
  }
  const deadLinks = Array.from({ length: dead }, (_, k) => ({ from: paths[1 + random(paths.length - 1)], to: `/missing-${k + 1}` }));
  for (const { from, to } of deadLinks) links.get(from)!.add(to);
  links.get(paths[2 % paths.length])!.add("http://elsewhere.invalid/not-followed");
  const pages = new Map(
    [...links].map(([path, targets]) => [
      path,
      `<html><body><h1>${path}</h1>${[...targets].map((t) => `<a href="${t}">${t}</a>`).join(" ")}</body></html>`,
    ]),
  );
  return { pages, deadLinks };
}

/** A running server for a site. */
export interface SiteServer {
  origin: string;
  /** Requests per path so far. */
  requests: Map<string, number>;
  close(): Promise<void>;
}

/** Serves `site` on 127.0.0.1 at an ephemeral port; 404 for anything else. */
export async function serveSite(site: Site, maxRequests = 5000): Promise<SiteServer> {
  const requests = new Map<string, number>();
  let total = 0;
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    requests.set(path, (requests.get(path) ?? 0) + 1);
    if (++total > maxRequests) return void res.writeHead(503).end("enough"); // bounded, whatever the crawler does
    const page = site.pages.get(path);
    if (page === undefined) return void res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    res.writeHead(200, { "content-type": "text/html" }).end(page);
  });
  server.keepAliveTimeout = 100;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
