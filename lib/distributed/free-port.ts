/** A free TCP port on 127.0.0.1, for servers started next to the kernel (Redis, tests, benches). */
import { createServer } from "node:net";

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it; the caller binds it next). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address !== null ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}
