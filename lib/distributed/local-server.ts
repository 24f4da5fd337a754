/**
 * Section 4.5.2's server side, kept on this machine: listen on 127.0.0.1 at a port the system
 * picks (so parallel notebooks never collide), and close for good — idle keep-alive connections
 * included — so that a cell that started a server leaves nothing behind.
 */
import type { Server } from "node:http";

/** Starts `server` on 127.0.0.1 at a free port; resolves to its origin, `http://127.0.0.1:PORT`. */
export async function listenLocally(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the server has no TCP address");
  return `http://127.0.0.1:${address.port}`;
}

/** Stops accepting, drops open connections (fetch keeps them alive), and resolves once closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (!server.listening) return resolve();
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
