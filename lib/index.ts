/** lazylab: the library of "Chapter 4: Data Processing", and the display API of its kernel. */
export { type Display, type DisplayFunction, type JupyterHost, clearOutput, display, input, newDisplay } from "./jupyter.js";
// The chapter's systems are subpaths: lazylab/sequences (4.2), lazylab/logic (4.3–4.4),
// lazylab/distributed (4.5 — a folder DESIGN.md's layout does not list yet: message traces,
// HTTP on 127.0.0.1, a ZeroMQ peer ring), lazylab/mapreduce (4.6), lazylab/concurrency (4.7), and
// lazylab/widgets (Jupyter widgets, and the comms under them).
