/** Free TCP ports for the servers tests start: the library's one `freePort`. */
export { freePort } from "../../dist/lib/distributed/free-port.js";
