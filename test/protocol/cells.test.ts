/** Cells as users write them: imports next to the notebook, display API, magics. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type Client, type TestKernel, kernelForFile, resultText, streamText } from "../support/kernel-client.js";

let _kernel: TestKernel;
let client: Client;

/** A notebook folder with a CommonJS package, an ESM-only package and a local module. */
function notebookFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "lazylab-notebook-"));
  const cjs = join(dir, "node_modules", "cjs-pkg");
  mkdirSync(cjs, { recursive: true });
  writeFileSync(join(cjs, "package.json"), JSON.stringify({ name: "cjs-pkg", main: "index.js" }));
  writeFileSync(join(cjs, "index.js"), "exports.twice = (n) => 2 * n; exports.name = 'cjs';");
  const esm = join(dir, "node_modules", "esm-only");
  mkdirSync(esm, { recursive: true });
  writeFileSync(join(esm, "package.json"), JSON.stringify({ name: "esm-only", type: "module", exports: { ".": { import: "./main.js" } } }));
  writeFileSync(join(esm, "main.js"), "export default function hello(n) { return `hello ${n}` }\nexport const kind = 'esm';");
  writeFileSync(join(dir, "local.mjs"), "export const answer = 42;");
  return dir;
}

kernelForFile(
  (started) => {
    _kernel = started;
    client = started.client;
  },
  () => ({ cwd: notebookFolder() }),
);

describe("imports", () => {
  it("loads CommonJS and ESM-only packages from node_modules next to the notebook, and local files", async () => {
    const { reply, outputs } = await client.execute(
      'import { twice } from "cjs-pkg"\nimport hello, { kind } from "esm-only"\nimport { answer } from "./local.mjs"\n[twice(answer), hello("ada"), kind]',
    );
    expect(reply.content.status).toBe("ok");
    expect(resultText(outputs)).toBe("[ 84, 'hello ada', 'esm' ]");
  });

  it("resolves lazylab to this package wherever the notebook is", async () => {
    const { outputs } = await client.execute('import * as lazylab from "lazylab"\nObject.keys(lazylab).sort().join(",")');
    expect(resultText(outputs)).toBe("'clearOutput,display,input,newDisplay'");
  });

  it("explains a missing package", async () => {
    const { reply } = await client.execute('import nope from "not-installed-anywhere"');
    expect(reply.content.evalue).toMatch(/Cannot find module 'not-installed-anywhere'.*npm install not-installed-anywhere/);
  });
});

describe("display", () => {
  it("sends display_data and updates it in place by display_id", async () => {
    const { outputs } = await client.execute(
      'import { newDisplay } from "lazylab"\nconst d = newDisplay()\nd.html("<b>1</b>")\nd.html("<b>2</b>")',
    );
    const [shown, updated] = outputs.filter((m) => m.header.msg_type.endsWith("display_data"));
    expect(shown.header.msg_type).toBe("display_data");
    expect(updated.header.msg_type).toBe("update_display_data");
    const id = (shown.content.transient as { display_id: string }).display_id;
    expect((updated.content.transient as { display_id: string }).display_id).toBe(id);
    expect((updated.content.data as Record<string, string>)["text/html"]).toBe("<b>2</b>");
  });

  it("renders values through the jupyter.mimebundle hook, with a text/plain fallback", async () => {
    const { outputs } = await client.execute('({ [Symbol.for("jupyter.mimebundle")]() { return { "text/html": "<i>rich</i>" } } })');
    const data = outputs.find((m) => m.header.msg_type === "execute_result")!.content.data as Record<string, string>;
    expect(data["text/html"]).toBe("<i>rich</i>");
    expect(typeof data["text/plain"]).toBe("string");
  });

  it("sends clear_output", async () => {
    const { outputs } = await client.execute('import { clearOutput } from "lazylab"\nconsole.log("gone")\nclearOutput(true)');
    const clear = outputs.find((m) => m.header.msg_type === "clear_output");
    expect(clear?.content).toEqual({ wait: true });
  });
});

describe("magics", () => {
  it("runs line magics in order with the code around them", async () => {
    const { outputs } = await client.execute('console.log("before")\n%time let timed = 6 * 7\nconsole.log("after", timed)');
    const text = streamText(outputs);
    expect(text.indexOf("before")).toBeLessThan(text.indexOf("Wall time"));
    expect(text.indexOf("Wall time")).toBeLessThan(text.indexOf("after 42"));
  });

  it("times a cell with %%time and repeats with %timeit", async () => {
    const time = await client.execute("%%time\nlet s = 0\nfor (let i = 0; i < 1000; i++) s += i\ns");
    expect(streamText(time.outputs)).toMatch(/CPU times: user .*\nWall time: /);
    expect(resultText(time.outputs)).toBe("499500");
    const timeit = await client.execute("%timeit -n 10 -r 3 Math.sqrt(2)");
    expect(streamText(timeit.outputs)).toMatch(/± .* per loop \(mean ± std\. dev\. of 3 runs, 10 loops each\)/);
  });

  it("shows help as a pager payload and lists magics", async () => {
    const help = await client.execute("%timeit?");
    expect((help.reply.content.payload as { source: string; data: Record<string, string> }[])[0]).toMatchObject({ source: "page" });
    const list = await client.execute("%lsmagic");
    expect(streamText(list.outputs)).toMatch(/%%html/);
  });

  it("renders %%svg, %%markdown and %%javascript as their MIME types", async () => {
    for (const [magic, mime] of [
      ["svg", "image/svg+xml"],
      ["markdown", "text/markdown"],
      ["javascript", "application/javascript"],
    ]) {
      const { outputs } = await client.execute(`%%${magic}\nbody`);
      const data = outputs.find((m) => m.header.msg_type === "display_data")!.content.data as Record<string, string>;
      expect(data[mime]).toBe("body");
    }
  });

  it("names an unknown magic clearly", async () => {
    const { reply } = await client.execute("%%nosuch\nx");
    expect(reply.content).toMatchObject({ ename: "MagicError", evalue: "%%nosuch: no such magic (try %lsmagic)" });
  });
});
