/**
 * `%messages`: the Jupyter messages an earlier cell caused, as this kernel sent and received them
 * (section 4.5.1 on live traffic). A thin adapter: the protocol thread records and checks the
 * signatures (the key never leaves it), lib/distributed draws them.
 */
import { MessageTrace } from "../../lib/distributed/message-trace.js";
import { type Magic, MagicError } from "./registry.js";

const USAGE = "%messages [--last N | --cell K]";

const HELP = `${USAGE}

Shows the Jupyter messages of the previous cell (--last N: of the N previous cells; --cell K: of
the cell In [K]): every message on shell, iopub, control and stdin whose parent is that cell's
execute_request, with its channel, direction, msg_type, header, parent, content and signature,
drawn as a sequence diagram between client and kernel. Each signature is recomputed (HMAC over
header|parent|metadata|content with the connection's key) and marked ✓ when it matches; the key
itself is never shown. The kernel keeps the last 4,000 messages (at most 16 MiB).`;

/** Parses `--last N` or `--cell K`; nothing means the previous cell. */
export function parseMessagesArgs(args: string): { last?: number; executionCount?: number } {
  const words = args
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  if (words.length === 0) return { last: 1 };
  const [option, value, ...rest] = words;
  if (rest.length > 0 || value === undefined || (option !== "--last" && option !== "--cell")) {
    throw new MagicError(`%messages: expected ${USAGE}, got "${args.trim()}"`);
  }
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new MagicError(`%messages: ${option} takes a whole number ≥ 1, not ${value}`);
  return option === "--last" ? { last: Number(value) } : { executionCount: Number(value) };
}

/** `%messages [--last N | --cell K]`: the recorded traffic of earlier cells. */
export const messagesMagic: Magic = {
  name: "messages",
  help: HELP,
  async line(args, { traffic }) {
    return new MessageTrace(await traffic(parseMessagesArgs(args)));
  },
};
