/**
 * lazylab/distributed: section 4.5 on this machine. Messages and protocols on the kernel's own
 * Jupyter traffic (MessageTrace, behind %messages), client/server over HTTP on 127.0.0.1 (a server
 * that cleans up after itself, a request written as bytes), and a peer-to-peer ring over ZeroMQ.
 */
export { closeServer, listenLocally } from "./local-server.js";
export { freePort } from "./free-port.js";
export { type RawExchange, getRequest, parseResponse, rawGet, unchunk } from "./raw-http.js";
export { MessageTrace, type TracedExchange, type TracedMessage, contentSummary, shortId } from "./message-trace.js";
export { PeerRing, type RingOptions } from "./ring.js";
export { type Hop, Route } from "./route.js";
export { type Fate, type LinkEvent, type LinkOptions, LossyLink } from "./lossy-link.js";
export { Transfer, type TransferOptions, reliableTransfer } from "./reliable.js";
export { type SequenceArrow, sequenceSvg } from "./sequence-svg.js";
export { type LoadPoint, LoadReport, measureLoad } from "./load.js";
