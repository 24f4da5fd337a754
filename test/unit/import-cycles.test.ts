/**
 * No import cycles (issue 16): none between files of kernel/ and lib/ (type-only imports count),
 * none between kernel/'s folders, kernel/contract imports nothing else of kernel/, and lib/
 * never imports kernel/.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { cycles, folderGraph, importGraph } from "../support/import-graph.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const graph = importGraph(ROOT, ["kernel", "lib"]);
/** kernel/engine/x.ts → kernel/engine; a top-level file (kernel/main.ts, kernel/log.ts) stands for itself. */
const kernelFolder = (file: string) => (file.split("/").length > 2 ? file.split("/").slice(0, 2).join("/") : file);

describe("import cycles", () => {
  it("reads the imports (so an empty graph cannot pass)", () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get("kernel/handlers/table.ts")).toContain("kernel/handlers/control.ts");
  });

  it("finds a cycle when there is one (the check can fail)", () => {
    const looped = new Map([
      ...graph,
      ["kernel/contract/language.ts", [...(graph.get("kernel/contract/language.ts") ?? []), "kernel/handlers/table.ts"]],
    ]);
    expect(cycles(looped).length).toBeGreaterThan(0);
  });

  it("has no cycle between files of kernel/ and lib/", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("has no cycle between kernel/ folders, and kernel/contract imports nothing else of kernel/", () => {
    const kernelOnly = new Map(
      [...graph].filter(([file]) => file.startsWith("kernel/")).map(([f, t]) => [f, t.filter((x) => x.startsWith("kernel/"))]),
    );
    const folders = folderGraph(kernelOnly, kernelFolder);
    expect(cycles(folders)).toEqual([]);
    expect(folders.get("kernel/contract") ?? []).toEqual([]);
  });

  it("lib/ never imports kernel/", () => {
    const crossings = [...graph].flatMap(([file, targets]) =>
      file.startsWith("lib/") ? targets.filter((t) => t.startsWith("kernel/")).map((t) => `${file} → ${t}`) : [],
    );
    expect(crossings).toEqual([]);
  });
});
