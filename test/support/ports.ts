/** Free TCP ports for the servers tests start. */
import { createServer } from "node:net";

/** A free TCP port on 127.0.0.1 (the kernel picks its ports the same way). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}
