/**
 * What a shipped function finds in scope inside a worker thread or a child process, besides the
 * standard globals: the primitives it may be handed and the calls the chapter's code makes there.
 */
export { Barrier } from "./barrier.js";
export { currentProcess, currentThread } from "./current.js";
export { Lock } from "./lock.js";
export { Connection } from "./pipe.js";
export { Queue } from "./queue.js";
export { SharedInts } from "./shared-ints.js";
export { sleep } from "./sleep.js";
export { Trace } from "./trace.js";
export { Turnstile } from "./turnstile.js";
export { SharedStringSet } from "./shared-string-set.js";
