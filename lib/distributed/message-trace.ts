/**
 * Section 4.5.1 on the notebook's own traffic: the Jupyter messages one cell caused, drawn as a
 * sequence diagram (client and kernel lifelines, one arrow per message, coloured by channel) and
 * listed as a table of channel, type, header, parent, content and signature. Static SVG and HTML
 * only, with a text/plain table, so reports and `nbconvert --to markdown` keep it.
 */
import { escapeHtml } from "../render/escape-html.js";
import { MIMEBUNDLE, type MimeBundle } from "../render/mimebundle.js";
import { COLORS, svgDocument, tag, text, textWidth } from "../render/svg-markup.js";
import { svgImage } from "../render/svg-image.js";
import { htmlTable, textTable } from "../render/table.js";

/** One message as recorded on the wire. */
export interface TracedMessage {
  seq: number;
  /** Milliseconds since the epoch. */
  time: number;
  channel: "shell" | "control" | "stdin" | "iopub";
  /** "in": client → kernel; "out": kernel → client. */
  direction: "in" | "out";
  msgType: string;
  header: { msg_id: string; msg_type: string; date: string; session: string; username: string; version: string };
  parentId: string;
  metadata: Record<string, unknown>;
  content: Record<string, unknown>;
  signature: string;
  verified: boolean;
  bytes: number;
}

/** A request and the messages it caused. */
export interface TracedExchange {
  requestId: string;
  scheme: string;
  executionCount: number | undefined;
  messages: TracedMessage[];
}

const CHANNEL_COLORS: Record<TracedMessage["channel"], string> = {
  shell: COLORS.read,
  iopub: COLORS.write,
  control: COLORS.lock,
  stdin: COLORS.queue,
};

const CONTENT_CHARS = 110;

/** `s` cut to `n` characters with an ellipsis. */
function clip(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** What a message's content says, in one line: status and execution_state first, code and text clipped. */
export function contentSummary(content: Record<string, unknown>, chars = CONTENT_CHARS): string {
  return clip(JSON.stringify(content), chars);
}

/** A msg_id short enough for a column: its start and its end (clients number theirs at the end, "…_1234_7"). */
export function shortId(id: string): string {
  return id.length <= 14 ? id : `${id.slice(0, 4)}…${id.slice(-8)}`;
}

/** Milliseconds after the first message. */
function offset(m: TracedMessage, first: TracedMessage): string {
  return `+${(m.time - first.time).toFixed(0)} ms`;
}

/** The traffic of one or more cells; renders as diagram + table, or text. */
export class MessageTrace {
  constructor(readonly exchanges: TracedExchange[]) {}

  /** Every message, in the order recorded. */
  get messages(): TracedMessage[] {
    return this.exchanges.flatMap((x) => x.messages);
  }

  /** The message types in order ("execute_request", "status", "execute_input", …). */
  get types(): string[] {
    return this.messages.map((m) => m.msgType);
  }

  /** Whether every signature recomputed from the frames equals the one on the wire. */
  get allVerified(): boolean {
    return this.messages.every((m) => m.verified);
  }

  [MIMEBUNDLE](): MimeBundle {
    if (this.exchanges.length === 0) return { "text/plain": NONE, "text/html": `<p>${escapeHtml(NONE)}</p>` };
    const html = this.exchanges
      .map((x) => `<div><p><b>${escapeHtml(heading(x))}</b></p>${svgImage(sequenceSvg(x), heading(x))}${messageTable(x, "html")}</div>`)
      .join("\n");
    return { "text/plain": this.toString(), "text/html": html };
  }

  /** The text form: a heading and a table per cell. */
  toString(): string {
    if (this.exchanges.length === 0) return NONE;
    return this.exchanges.map((x) => `${heading(x)}\n${messageTable(x, "text")}`).join("\n\n");
  }
}

const NONE = "No earlier cell's messages are recorded (run a cell first, or check --cell).";

function heading(x: TracedExchange): string {
  const cell = x.executionCount === undefined ? "A silent request" : `In [${x.executionCount}]`;
  const ok = x.messages.filter((m) => m.verified).length;
  const scheme = x.scheme === "" ? "unsigned connection" : `${x.scheme.toUpperCase()} over header|parent|metadata|content`;
  return `${cell}: ${x.messages.length} messages; ${ok} of ${x.messages.length} signatures verify (${scheme})`;
}

const arrow = (m: TracedMessage) => (m.direction === "in" ? "client → kernel" : "kernel → client");

function messageTable(x: TracedExchange, form: "html" | "text"): string {
  const first = x.messages[0];
  const headers = [
    "#",
    { text: "time", align: "right" as const },
    "channel",
    "direction",
    "msg_type",
    "header (msg_id · date · v)",
    "parent",
    "content",
    "signature",
  ];
  const rows = x.messages.map((m, i) => [
    { text: String(i + 1), align: "right" as const },
    { text: offset(m, first), align: "right" as const },
    m.channel,
    arrow(m),
    m.msgType,
    `${shortId(m.header.msg_id)} · ${m.header.date.slice(11, 23)} · ${m.header.version}`,
    m.parentId === "" ? "—" : shortId(m.parentId),
    contentSummary(m.content, form === "html" ? CONTENT_CHARS : 60),
    m.signature === "" ? "(unsigned)" : `${m.signature.slice(0, 16)}… ${m.verified ? "✓" : "✗ BAD"}`,
  ]);
  return form === "html" ? htmlTable(headers, rows) : textTable(headers, rows);
}

const ROW = 26;

/** Client and kernel lifelines; one arrow per message, labelled with its type and channel. */
function sequenceSvg(x: TracedExchange): string {
  const left = 110;
  const right = 520;
  const top = 56;
  const width = right + 110;
  const height = top + x.messages.length * ROW + 20;
  const first = x.messages[0];
  const body: string[] = [
    text(12, 22, `${heading(x).split(":")[0]}: the messages of one cell`, { "font-size": 14, "font-weight": "bold", fill: COLORS.ink }),
    text(left, top - 12, "client (front end)", { "text-anchor": "middle", "font-weight": "bold", fill: COLORS.ink }),
    text(right, top - 12, "kernel", { "text-anchor": "middle", "font-weight": "bold", fill: COLORS.ink }),
    tag("line", { x1: left, y1: top - 4, x2: left, y2: height - 8, stroke: COLORS.muted, "stroke-dasharray": "4 3" }),
    tag("line", { x1: right, y1: top - 4, x2: right, y2: height - 8, stroke: COLORS.muted, "stroke-dasharray": "4 3" }),
  ];
  x.messages.forEach((m, i) => {
    const y = top + i * ROW + 16;
    const color = CHANNEL_COLORS[m.channel];
    const [from, to] = m.direction === "in" ? [left, right] : [right, left];
    const head = m.direction === "in" ? to - 8 : to + 8;
    body.push(tag("line", { x1: from, y1: y, x2: head, y2: y, stroke: color, "stroke-width": 2 }));
    body.push(tag("polygon", { points: `${to},${y} ${head},${y - 4} ${head},${y + 4}`, fill: color }));
    const label = `${m.msgType}${m.msgType === "status" ? ` (${String(m.content.execution_state)})` : ""}`;
    body.push(text((left + right) / 2, y - 5, label, { "text-anchor": "middle", fill: COLORS.ink }));
    body.push(text(left - 10, y + 4, m.channel, { "text-anchor": "end", fill: color, "font-size": 11 }));
    body.push(text(right + 10, y + 4, offset(m, first), { fill: COLORS.muted, "font-size": 10 }));
    if (!m.verified)
      body.push(text(right + 10 + textWidth(offset(m, first), 10) + 6, y + 4, "bad signature", { fill: COLORS.bad, "font-size": 10 }));
  });
  return svgDocument(width, height, heading(x), body);
}
