/**
 * The module every Process's child runs: it becomes the participant it was told to be (reporting
 * its waits to the parent), rebuilds the target and its arguments, runs it, and sends back its
 * trace events and its result or error before exiting.
 */
import { becomeParticipant } from "./board.js";
import { reportOf } from "./participant.js";
import type { FromChild, ToChild } from "./process.js";
import { decodeArgs } from "./shippable.js";
import { reviveTarget } from "./target.js";
import { childTraceEvents, type Trace } from "./trace.js";
import "./worker-api.js"; // registers every shippable kind
import { dieWithParent } from "../lifeline/orphan-watch.js";

function send(message: FromChild): Promise<void> {
  return new Promise((resolve) => process.send!(message, () => resolve()));
}

async function main(message: ToChild): Promise<void> {
  dieWithParent();
  becomeParticipant({
    slot: message.slot,
    name: "MainThread",
    processName: message.name,
    mayBlock: true,
    report: (slot, kind, resource, at) => {
      // Events so far go first: a child stuck in this wait may be killed, and its story should survive it.
      if (kind !== "") process.send!({ t: "trace", logs: childTraceEvents() } satisfies FromChild);
      process.send!({ t: "wait", slot, kind, resource, at } satisfies FromChild);
    },
  });
  const trace = message.trace === undefined ? undefined : (decodeArgs(message.trace) as Trace);
  trace?.record("start", "", message.name);
  let outcome: FromChild;
  try {
    const fn = await reviveTarget(message.target, `${message.name} (${message.target.name})`);
    outcome = { t: "result", value: await fn(...(decodeArgs(message.args) as unknown[])) };
    trace?.record("end", "", message.name);
  } catch (error) {
    trace?.record("error", "", error instanceof Error ? error.message : String(error));
    outcome = { t: "error", error: reportOf(error) };
  }
  await send({ t: "trace", logs: childTraceEvents() });
  await send(outcome).catch(async () =>
    send({ t: "error", error: reportOf(new Error("the target's result cannot be sent to the parent")) }),
  );
  process.exit(0);
}

process.once("message", (message: ToChild) => void main(message));
