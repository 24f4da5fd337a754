/** Cells that behave like Node and tslab: dynamic import, require, shadowed globals, same-name types and values, local files, display.* MIME types. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Client, type Message, kernelForFile, resultText, streamText } from "../support/kernel-client.js";

let client: Client;
let folder: string;
const plain = (lines: unknown) => (lines as string[]).join("\n").replace(/\x1b\[[0-9;]*m/g, "");

function notebookFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "lazylab-idioms-"));
  const cjs = join(dir, "node_modules", "cjs-pkg");
  mkdirSync(cjs, { recursive: true });
  writeFileSync(join(cjs, "package.json"), JSON.stringify({ name: "cjs-pkg", main: "index.js" }));
  writeFileSync(join(cjs, "index.js"), "exports.triple = (n) => n * 3;");
  writeFileSync(join(dir, "data.json"), JSON.stringify({ rows: [1, 2, 3] }));
  writeFileSync(join(dir, "shapes.ts"), "export function area(w: number, h: number): number { return w * h }\n");
  writeFileSync(join(dir, "broken.ts"), 'export const fine = 1\nexport const wrong: number = "text"\n');
  folder = dir;
  return dir;
}

kernelForFile(
  (started) => {
    client = started.client;
  },
  () => ({ cwd: notebookFolder() }),
);

async function ok(code: string): Promise<Message[]> {
  const { reply, outputs } = await client.execute(code);
  if (reply.content.status !== "ok") throw new Error(`cell failed: ${code}\n${plain(reply.content.traceback)}`);
  return outputs;
}

describe("dynamic import()", () => {
  it("loads a builtin, a package next to the notebook, lazylab and a local file, typed", async () => {
    expect(resultText(await ok('const fs = await import("node:fs")\ntypeof fs.readFileSync'))).toBe("'function'");
    expect(resultText(await ok('const { triple } = await import("cjs-pkg")\ntriple(2)'))).toBe("6");
    expect(resultText(await ok('const lz = await import("lazylab")\ntypeof lz.display'))).toBe("'function'");
    expect(resultText(await ok('const shapes = await import("./shapes")\nshapes.area(2, 5)'))).toBe("10");
    const wrong = await client.execute('const s2 = await import("./shapes")\ns2.area("2", 5)');
    expect(plain(wrong.reply.content.traceback)).toMatch(/TS2345/);
  });
});

describe("require", () => {
  it("loads a builtin, a CommonJS package and a JSON file from the notebook's folder", async () => {
    expect(resultText(await ok('const path = require("path")\npath.basename("/a/b.txt")'))).toBe("'b.txt'");
    expect(resultText(await ok('const pkg = require("cjs-pkg")\npkg.triple(3)'))).toBe("9");
    expect(resultText(await ok('const data = require("./data.json")\ndata.rows.length'))).toBe("3");
  });

  it("runs TypeScript's import x = require(…)", async () => {
    expect(resultText(await ok('import os = require("node:os")\ntypeof os.cpus'))).toBe("'function'");
  });
});

describe("globals that are accessors", () => {
  it("lets imports and declarations take the names crypto, performance, navigator", async () => {
    expect(resultText(await ok('import * as crypto from "node:crypto"\ncrypto.createHash("sha1").update("").digest("hex").length'))).toBe(
      "40",
    );
    expect(resultText(await ok('import crypto from "crypto"\ntypeof crypto.randomUUID'))).toBe("'function'");
    expect(resultText(await ok("const performance = 5\nperformance + 1"))).toBe("6");
    expect(resultText(await ok('let navigator = "me"\nnavigator'))).toBe("'me'");
  });
});

describe("shadowed globals", () => {
  it("keeps async cells, display, output capture and interrupt working after user code redefines intrinsics", async () => {
    await ok(
      [
        "class Promise { static race() { return 'mine' } }",
        "const Array = 1, JSON = 2, Symbol = 3, Object = 4, Error = 5",
        "const console = { log() {} }",
        "function setTimeout() { return 0 }",
      ].join("\n"),
    );
    expect(resultText(await ok("async function answer() { return 42 }\nawait answer()"))).toBe("42");
    const shown = await ok('import { display } from "lazylab"\ndisplay.html("<b>still</b>")');
    expect(
      shown.some((m) => m.header.msg_type === "display_data" && (m.content.data as Record<string, string>)["text/html"] === "<b>still</b>"),
    ).toBe(true);
    expect(streamText(await ok('process.stdout.write("captured\\n")'))).toBe("captured\n");
    const id = await client.send("shell", "execute_request", {
      code: 'await require("node:timers/promises").setTimeout(60_000)',
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    });
    await new globalThis.Promise((r) => globalThis.setTimeout(r, 300));
    await client.request("control", "interrupt_request");
    const reply = await client.reply("shell", id);
    expect(reply.content.ename).toBe("KeyboardInterrupt");
    expect(resultText(await ok("typeof answer"))).toBe("'function'");
  });
});

describe("types and values with the same name across cells", () => {
  it("keeps a type alias and a value of one name", async () => {
    await ok("type Point = { x: number }");
    await ok("const Point = 3");
    expect(resultText(await ok("const p: Point = { x: Point }\np.x"))).toBe("3");
  });

  it("keeps an interface and a class of one name", async () => {
    await ok("interface Named { name: string }");
    await ok("class Named { constructor(public name: string) {} }");
    expect(resultText(await ok('const n: Named = new Named("a")\nn.name'))).toBe("'a'");
  });

  it("keeps an imported value or namespace beside a type alias of the same name", async () => {
    await ok('import { join } from "node:path"');
    await ok("type join = string");
    expect(resultText(await ok('const j: join = join("a", "b")\nj'))).toBe("'a/b'");
    await ok('import * as util from "node:util"');
    await ok("type util = number");
    expect(resultText(await ok("const u: util = 1\ntypeof util.format"))).toBe("'function'");
  });
});

describe("local files", () => {
  it("fails the importing cell on a type error inside the imported file, naming file, line and column", async () => {
    const { reply } = await client.execute('import { fine } from "./broken"\nfine');
    expect(reply.content.status).toBe("error");
    expect(plain(reply.content.traceback)).toMatch(/broken\.ts[:(, ]+(line )?2[:,]( column )?14/);
  });

  it("re-imports a changed file (and what it imports) fresh", async () => {
    writeFileSync(join(folder, "inner.ts"), "export const level = 1\n");
    writeFileSync(join(folder, "outer.ts"), 'import { level } from "./inner"\nexport const reading = level * 10\n');
    expect(resultText(await ok('import { reading } from "./outer"\nreading'))).toBe("10");
    writeFileSync(join(folder, "inner.ts"), "export const level = 2\n");
    const later = new Date(Date.now() + 2000);
    utimesSync(join(folder, "inner.ts"), later, later);
    expect(resultText(await ok('import { reading as r2 } from "./outer"\nr2'))).toBe("20");
  });
});

describe("tslab's display API", () => {
  it("sends each method's MIME type", async () => {
    const cases: [string, string][] = [
      ['display.javascript("1")', "application/javascript"],
      ['display.html("<i>h</i>")', "text/html"],
      ['display.markdown("*m*")', "text/markdown"],
      ['display.latex("$x$")', "text/latex"],
      ['display.svg("<svg/>")', "image/svg+xml"],
      ["display.png(new Uint8Array([1]))", "image/png"],
      ["display.jpeg(new Uint8Array([1]))", "image/jpeg"],
      ["display.gif(new Uint8Array([1]))", "image/gif"],
      ["display.pdf(new Uint8Array([1]))", "application/pdf"],
      ['display.text("t")', "text/plain"],
      ['display.raw("application/x-thing", "r")', "application/x-thing"],
    ];
    for (const [call, mime] of cases) {
      const outputs = await ok(`import * as tslab from "tslab"\nconst display = tslab.display\n${call}`);
      const shown = outputs.find((m) => m.header.msg_type === "display_data");
      expect(Object.keys((shown?.content.data as Record<string, unknown>) ?? {}), call).toContain(mime);
    }
  });
});
