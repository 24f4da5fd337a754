/**
 * Reading and writing a FIFO three ways, by who is calling:
 * - a child process blocks in read(2) and write(2), as multiprocessing's pipes do (a stuck child
 *   can always be killed);
 * - a worker thread must stay stoppable by `worker.terminate()`, which cannot interrupt a thread
 *   inside read(2): it opens the FIFO non-blocking and, when nothing is there, naps on
 *   Atomics.wait (which terminate does interrupt) with a growing back-off of at most 1 ms;
 * - the notebook's thread never blocks: a net.Socket reads the FIFO as a stream.
 * FIFOs are opened read-write so that opening never blocks waiting for the other side.
 */
import { closeSync, constants, openSync, readSync, writeSync } from "node:fs";
import { Socket } from "node:net";
import { isMainThread } from "node:worker_threads";
import { blockFor } from "./atomic-wait.js";
import { type Frame, FrameSplitter, readFrame } from "./frame.js";
import { currentSelf } from "./board.js";
import { unlessAborted } from "./scope.js";

/** How the running code talks to FIFOs. */
export type Style = "blocking" | "polling" | "async";

/** The style for the running code. */
export function currentStyle(): Style {
  if (!currentSelf().mayBlock) return "async";
  return isMainThread ? "blocking" : "polling";
}

/** The reading side of a FIFO, opened by the running code. */
export interface Reader {
  /** Reads a whole message, blocking (blocking and polling styles). */
  read(): Frame;
  /** Reads a whole message without blocking the thread (async style). */
  readAsync(): Promise<Frame>;
  close(): void;
}

/** The writing side of a FIFO, opened by the running code. */
export interface Writer {
  /** Writes a whole message (async style: what does not fit now is written when there is room). */
  write(bytes: Buffer): void;
  close(): void;
}

/** Opens `path` for reading in `style`. */
export function openReader(path: string, style: Style): Reader {
  return style === "async" ? new SocketReader(path) : new FdIo(path, style === "polling");
}

/** Opens `path` for writing in `style`. */
export function openWriter(path: string, style: Style): Writer {
  return style === "async" ? new QueuedWriter(path) : new FdIo(path, style === "polling");
}

// EAGAIN (non-blocking, nothing to read or no room to write) counts as 0 bytes.
function retrying(io: () => number): number {
  try {
    return io();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EAGAIN") return 0;
    throw error;
  }
}

class FdIo implements Reader, Writer {
  private readonly fd: number;

  constructor(path: string, polling: boolean) {
    this.fd = openSync(path, constants.O_RDWR | (polling ? constants.O_NONBLOCK : 0));
  }

  write(bytes: Buffer): void {
    for (let done = 0, nap = 0.02; done < bytes.length; ) {
      const n = retrying(() => writeSync(this.fd, bytes, done, bytes.length - done));
      if (n > 0) done += n;
      else nap = this.nap(nap);
    }
  }

  read(): Frame {
    let nap = 0.02;
    return readFrame((target, offset) => {
      for (;;) {
        const n = retrying(() => readSync(this.fd, target, offset, target.length - offset, null));
        if (n > 0) return n;
        nap = this.nap(nap);
      }
    });
  }

  readAsync(): Promise<Frame> {
    return Promise.reject(new Error("readAsync is for the notebook's thread"));
  }

  close(): void {
    closeSync(this.fd);
  }

  private nap(ms: number): number {
    blockFor(ms);
    return Math.min(ms * 2, 1);
  }
}

// The notebook's thread reads through a socket (libuv polls the FIFO); it must be the FIFO's only
// reader, since it reads ahead.
class SocketReader implements Reader {
  private readonly socket: Socket;
  private readonly splitter = new FrameSplitter();
  private readonly arrived: Frame[] = [];
  private readonly waiting: ((frame: Frame) => void)[] = [];

  constructor(path: string) {
    this.socket = new Socket({ fd: openSync(path, constants.O_RDWR | constants.O_NONBLOCK), readable: true, writable: false });
    this.socket.unref(); // an idle pipe must not keep plain Node alive; a pending read refs it
    this.socket.on("data", (chunk: Buffer) => {
      for (const frame of this.splitter.push(chunk)) {
        const waiter = this.waiting.shift();
        if (waiter !== undefined) waiter(frame);
        else this.arrived.push(frame);
      }
      if (this.waiting.length === 0) this.socket.unref();
    });
  }

  read(): Frame {
    throw new Error("read() would block the notebook's thread");
  }

  readAsync(): Promise<Frame> {
    const frame = this.arrived.shift();
    if (frame !== undefined) return Promise.resolve(frame);
    let waiter: (frame: Frame) => void = () => undefined;
    const arrival = new Promise<Frame>((resolve) => {
      waiter = resolve;
      this.waiting.push(resolve);
      this.socket.ref();
    });
    return unlessAborted(arrival).catch((error: unknown) => {
      const at = this.waiting.indexOf(waiter);
      if (at >= 0) this.waiting.splice(at, 1); // an abandoned wait must not swallow the next message
      throw error;
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

// The notebook's thread writes without blocking: what the FIFO has no room for now is kept and
// written from a timer. (A writing socket would also read the FIFO, stealing the reader's messages.)
class QueuedWriter implements Writer {
  private readonly fd: number;
  private backlog: Buffer[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(path: string) {
    this.fd = openSync(path, constants.O_RDWR | constants.O_NONBLOCK);
  }

  write(bytes: Buffer): void {
    this.backlog.push(bytes);
    this.flush();
  }

  close(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    closeSync(this.fd);
  }

  private flush(): void {
    this.timer = undefined;
    while (this.backlog.length > 0) {
      const head = this.backlog[0];
      const n = retrying(() => writeSync(this.fd, head));
      if (n === head.length) this.backlog.shift();
      else {
        this.backlog[0] = head.subarray(n);
        this.timer = setTimeout(() => this.flush(), 1);
        return;
      }
    }
  }
}
