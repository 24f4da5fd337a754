/** %%logic, %logic and lazylab/logic in the real kernel: one database, the chapter's output, errors, interrupts. */
import { describe, expect, it, vi } from "vitest";
import type { Message } from "../../dist/kernel/protocol/wire.js";
import { type Client, type TestKernel, kernelForFile, resultText, streamText } from "../support/kernel-client.js";

// A real kernel on a machine that may be busy: give cells time.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

let _kernel: TestKernel;
let client: Client;

kernelForFile((started) => {
  _kernel = started;
  client = started.client;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The bundles of the display_data messages among outputs, in order. */
function displays(outputs: Message[]): Record<string, string>[] {
  return outputs.filter((m) => m.header.msg_type === "display_data").map((m) => m.content.data as Record<string, string>);
}

const PARENTS = `%%logic
(fact (parent abraham barack))
(fact (parent abraham clinton))
(fact (parent delano herbert))
(fact (parent fillmore abraham))
(fact (parent fillmore delano))
(fact (parent fillmore grover))
(fact (parent eisenhower fillmore))
(fact (ancestor ?a ?y) (parent ?a ?y))
(fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))`;

describe("%%logic", () => {
  it("states facts in one cell and answers queries in the next, as the chapter prints them", async () => {
    const facts = await client.execute(PARENTS);
    expect(facts.reply.content.status).toBe("ok");
    expect(displays(facts.outputs)).toEqual([]);
    const { reply, outputs } = await client.execute(
      "%%logic\n(query (parent abraham ?child))\n(query (ancestor ?a barack) (ancestor ?a herbert))\n(query (parent barack ?x))",
    );
    expect(reply.content.status).toBe("ok");
    expect(displays(outputs).map((d) => d["text/plain"])).toEqual([
      "Success!\nchild: barack\nchild: clinton",
      "Success!\na: fillmore\na: eisenhower",
      "Failed.",
    ]);
  });

  it("shows answers as an HTML table with --table, the text staying the chapter's lines", async () => {
    const { outputs } = await client.execute("%%logic --table\n(query (parent ?p ?c))");
    const [data] = displays(outputs);
    expect(data["text/plain"].split("\n")[1]).toBe("p: abraham\tc: barack");
    expect(data["text/html"]).toContain("<table>");
    expect(data["text/html"]).toContain('<th style="text-align:left">p</th>');
  });

  it("draws proofs with --proof: collapsible HTML and indented text", async () => {
    const { outputs } = await client.execute("%%logic --proof --limit 1\n(query (ancestor fillmore herbert))");
    const [data] = displays(outputs);
    expect(data["text/html"]).toContain("<details open");
    expect(data["text/plain"]).toBe(
      [
        "Success!",
        "  (ancestor fillmore herbert)    ; fact 9: (fact (ancestor ?a ?y) (parent ?a ?z) (ancestor ?z ?y))",
        "    (parent fillmore delano)    ; fact 5",
        "    (ancestor delano herbert)    ; fact 8: (fact (ancestor ?a ?y) (parent ?a ?y))",
        "      (parent delano herbert)    ; fact 3",
      ].join("\n"),
    );
  });

  it("stops at --limit answers and notes a depth cut on stderr", async () => {
    const limited = await client.execute("%%logic --limit 2\n(query (ancestor ?a ?b))");
    expect(displays(limited.outputs)[0]["text/plain"]).toBe("Success!\na: abraham\tb: barack\na: abraham\tb: clinton");
    const cut = await client.execute("%%logic --depth 1\n(query (ancestor ?a herbert))");
    expect(displays(cut.outputs)[0]["text/plain"]).toBe("Success!\na: delano");
    expect(streamText(cut.outputs, "stderr")).toMatch(/depth limit 1 reached/);
  });

  it("names the line and column of an error and leaves the database unchanged", async () => {
    const bad = await client.execute("%%logic\n(fact (parent zed ygritte))\n(fact (parent ygritte xavier)\n(query (parent zed ?x))");
    expect(bad.reply.content.ename).toBe("LogicSyntaxError");
    expect(bad.reply.content.evalue).toBe("line 3, column 1: unbalanced parentheses: '(' is never closed");
    const unknown = await client.execute("%%logic\n(fact (parent zed ygritte))\n  (quer (parent zed ?x))");
    expect(unknown.reply.content.evalue).toBe(
      "line 3, column 4: unknown keyword 'quer' (expected fact, !, query, ?, clear, depth or help)",
    );
    const dotted = await client.execute("%%logic\n(query (parent . ))");
    expect(dotted.reply.content.evalue).toMatch(/^line 2, column 18: malformed dotted list/);
    const after = await client.execute("%%logic\n(query (parent zed ?x))");
    expect(displays(after.outputs)[0]["text/plain"]).toBe("Failed.");
  });

  it("refuses unknown options", async () => {
    const { reply } = await client.execute("%%logic --fast\n(query (parent ?a ?b))");
    expect(reply.content.evalue).toMatch(/unknown option --fast/);
  });
});

describe("%logic in TypeScript and the lazylab/logic API", () => {
  it("shares one database between %%logic, %logic and import { logic }", async () => {
    const ts = await client.execute(
      'import { logic } from "lazylab/logic"\nlogic.fact("(parent barack sasha)")\nconst found = [...logic.query("(ancestor ?a sasha)")]\nfound.map((a) => a.a)',
    );
    expect(ts.reply.content.status).toBe("ok");
    expect(resultText(ts.outputs)).toBe("[ 'barack', 'abraham', 'fillmore', 'eisenhower' ]");
    const magic = await client.execute("%%logic\n(query (parent barack ?kid))");
    expect(displays(magic.outputs)[0]["text/plain"]).toBe("Success!\nkid: sasha");
  });

  it("runs %logic lines in order with the code around them", async () => {
    const { reply, outputs } = await client.execute(
      'console.log("before")\n%logic (fact (parent sasha tiny))\n%logic (query (parent sasha ?x))\nconsole.log("after", logic.facts.length)',
    );
    expect(reply.content.status).toBe("ok");
    const kinds = outputs
      .filter((m) => ["stream", "display_data"].includes(m.header.msg_type))
      .map((m) =>
        m.header.msg_type === "stream" ? String(m.content.text).trim() : (m.content.data as Record<string, string>)["text/plain"],
      );
    expect(kinds).toEqual(["before", "Success!\nx: tiny", "after 11"]);
  });

  it("takes options on a %logic line, and names the column of an error in it", async () => {
    const table = await client.execute("%logic --table --limit 1 (query (parent abraham ?child))");
    const [data] = displays(table.outputs);
    expect(data["text/plain"]).toBe("Success!\nchild: barack");
    expect(data["text/html"]).toContain("<table>");
    const bad = await client.execute("%logic --limit 1 (query (parent abraham ?child)");
    expect(bad.reply.content.evalue).toBe("line 1, column 18: unbalanced parentheses: '(' is never closed");
    const cut = await client.execute("%logic --depth 0 (query (ancestor ?a herbert))");
    expect(streamText(cut.outputs, "stderr")).toMatch(/^note: depth limit 0 reached/);
  });

  it("types answers by the query's variables", async () => {
    const ok = await client.execute(
      'let names: string[] = []\nfor (const { child } of logic.query("(parent abraham ?child)")) names.push(String(child))\nnames',
    );
    expect(resultText(ok.outputs)).toBe("[ 'barack', 'clinton' ]");
    const bad = await client.execute('for (const answer of logic.query("(parent abraham ?child)")) answer.parent');
    expect(bad.reply.content.status).toBe("error");
    expect(String(bad.reply.content.evalue)).toMatch(/parent/);
  });

  it("shows a query value the chapter's way", async () => {
    const { outputs } = await client.execute('logic.query("(parent fillmore ?c)")');
    expect(resultText(outputs)).toBe("Success!\nc: abraham\nc: delano\nc: grover");
  });

  it("shows help for %logic?", async () => {
    const { reply } = await client.execute("%logic?");
    expect((reply.content.payload as { data: Record<string, string> }[])[0].data["text/plain"]).toMatch(/--proof/);
  });
});

describe("interrupting a search", () => {
  it("stops a runaway search and keeps the database", async () => {
    await client.execute("%%logic\n(fact (loop ?x) (loop ?x))");
    const before = resultText((await client.execute("logic.facts.length")).outputs);
    const id = await client.send("shell", "execute_request", { code: "%%logic --depth inf\n(query (loop forever))", silent: false });
    // Interrupt once the search is running (on a busy machine the cell may take a while to start).
    await client.inbox.iopub.wait(
      (m) => (m.parent_header as { msg_id?: string }).msg_id === id && m.content.execution_state === "busy",
      10_000,
      "busy",
    );
    await sleep(300);
    let reply: Message | undefined;
    for (let attempt = 0; reply === undefined && attempt < 5; attempt++) {
      await client.request("control", "interrupt_request");
      reply = await client.reply("shell", id, 2000).catch(() => undefined);
    }
    expect(reply?.content.ename).toBe("KeyboardInterrupt");
    expect(resultText((await client.execute("logic.facts.length")).outputs)).toBe(before);
    const again = await client.execute("%%logic\n(query (parent abraham ?child))");
    expect(displays(again.outputs)[0]["text/plain"]).toBe("Success!\nchild: barack\nchild: clinton");
  });
});
