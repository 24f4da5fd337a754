/**
 * The protocol thread: owns the sockets, the heartbeat and the handler table. It runs in a
 * worker thread so that heartbeats and control requests (kernel_info, interrupt, shutdown) are
 * answered within milliseconds even while a cell keeps the main thread busy.
 */
import { parentPort, workerData } from "node:worker_threads";
import { DebugSession } from "./debugger/session.js";
import { CommTable } from "./handlers/comm.js";
import { Dispatcher } from "./handlers/dispatch.js";
import type { LanguageFacts } from "./handlers/kernel-info.js";
import { KernelState } from "./handlers/state.js";
import { StdinChannel } from "./handlers/stdin.js";
import { handlerTable } from "./handlers/table.js";
import { LanguageClient } from "./language/bridge.js";
import { InterruptFlags } from "./contract/interrupt-flags.js";
import { log } from "./log.js";
import { RawJson } from "./contract/wire-json.js";
import { readConnectionFile } from "./protocol/connection.js";
import { KernelSockets } from "./protocol/sockets.js";

/** What the main thread hands the protocol thread. */
export interface ServerData {
  connectionFile: string;
  flags: SharedArrayBuffer;
  facts: LanguageFacts;
}

async function serve(data: ServerData): Promise<void> {
  const port = parentPort!;
  const sockets = new KernelSockets(readConnectionFile(data.connectionFile));
  const state = new KernelState();
  const flags = new InterruptFlags(data.flags);
  const stdin = new StdinChannel(sockets, state);
  const comms = new CommTable();
  const language = new LanguageClient(port, flags, {
    output(event) {
      if (event.msgType === "comm_open" || event.msgType === "comm_close")
        comms.note(event.msgType, JSON.parse(event.json) as Record<string, unknown>);
      void sockets.publish(event.msgType, new RawJson(event.json), event.parent, event);
    },
    input: (request) => stdin.ask(request.prompt, request.password, request.parent),
    traffic: (query) => sockets.recorder.exchanges(query),
  });
  // JupyterLab's debugger: V8's inspector on the main thread, driven from here (idle until attached).
  const debug = new DebugSession({
    event: (event, parent) => void sockets.publish("debug_event", event, parent),
    output: (msgType, content, parent) => void sockets.publish(msgType, content, parent),
  });
  const dispatcher = new Dispatcher(
    sockets,
    handlerTable({
      language,
      state,
      facts: data.facts,
      debugger: debug,
      comms,
      exit() {
        sockets.close();
        endProcess(port);
      },
    }),
  );
  await flags.armed(); // no front end may reach the kernel before SIGINT is safe
  await sockets.bind();
  // Sockets are closed before the thread ends: terminating a thread with open ZeroMQ sockets
  // aborts the process natively ("terminate called after throwing an instance of 'Napi::Error'").
  const stop = (why: string) => {
    log(why);
    sockets.close();
    endProcess(port);
  };
  watchParent(() => stop("the front end that started this kernel is gone: exiting"));
  port.on("message", (message: { t?: string }) => {
    if (message.t === "stop") stop("asked to stop (SIGTERM): exiting");
  });
  await sockets.publish("status", { execution_state: "starting" });
  log(`listening (session ${sockets.session})`);
  await Promise.all([dispatcher.serve("shell"), dispatcher.serve("control"), stdin.serve()]);
}

/**
 * Asks the main thread to exit (code 0). If it is stuck in a loop that never yields, it cannot
 * hear that: SIGTERM after 3 s, SIGKILL after 5 s (Jupyter itself waits 5 s before killing).
 */
function endProcess(port: NonNullable<typeof parentPort>): void {
  port.postMessage({ t: "exit" });
  setTimeout(() => process.kill(process.pid, "SIGTERM"), 3000).unref();
  setTimeout(() => process.kill(process.pid, "SIGKILL"), 5000).unref();
}

/** Ends an orphaned kernel: when the front end that started it dies, the kernel is re-parented (as ipykernel's parent poller). */
function watchParent(onGone: () => void): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onGone();
    }
  }, 1000);
  timer.unref();
}

serve(workerData as ServerData).catch((error: Error) => {
  log(`protocol thread failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
