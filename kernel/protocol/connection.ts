/** Connection files: where the five sockets live and how messages are signed. */
import { readFileSync } from "node:fs";

/** The contents of a Jupyter connection file. */
export interface ConnectionInfo {
  transport: "tcp" | "ipc";
  ip: string;
  shell_port: number;
  iopub_port: number;
  stdin_port: number;
  control_port: number;
  hb_port: number;
  key: string;
  signature_scheme: string;
  kernel_name?: string;
}

/** The five channels a kernel serves. */
export type Channel = "shell" | "iopub" | "stdin" | "control" | "hb";

/** Reads and checks a connection file written by a Jupyter front end. */
export function readConnectionFile(path: string): ConnectionInfo {
  const info = JSON.parse(readFileSync(path, "utf8")) as Partial<ConnectionInfo>;
  const transport = info.transport ?? "tcp";
  if (transport !== "tcp" && transport !== "ipc") {
    throw new Error(`${path}: unsupported transport ${String(transport)}`);
  }
  for (const port of ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"] as const) {
    if (typeof info[port] !== "number") throw new Error(`${path}: ${port} is missing`);
  }
  return {
    ...(info as ConnectionInfo),
    transport,
    ip: info.ip ?? "127.0.0.1",
    key: info.key ?? "",
    signature_scheme: info.signature_scheme ?? "hmac-sha256",
  };
}

/** The ZeroMQ endpoint of one channel: tcp://ip:port, or ipc://ip-port as Jupyter names it. */
export function endpoint(info: ConnectionInfo, channel: Channel): string {
  const port = info[`${channel}_port`];
  return info.transport === "tcp" ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
