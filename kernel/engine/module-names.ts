/** Module specifiers to offer after `import … from "`: Node builtins, packages next to the notebook, lazylab. */
import { existsSync, readdirSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join } from "node:path";
import { Set } from "../contract/intrinsics.js";

const OWN = [
  "lazylab",
  "lazylab/logic",
  "lazylab/sequences",
  "lazylab/mapreduce",
  "lazylab/concurrency",
  "lazylab/distributed",
  "lazylab/widgets",
  "tslab",
];

/** The text typed so far inside an import's string, when the cursor is there and it is not a relative path. */
export function moduleSpecifierPrefix(before: string): string | undefined {
  const m = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"'\n]*)$/.exec(before);
  return m === null || m[1].startsWith(".") || m[1].startsWith("/") ? undefined : m[1];
}

/** Every bare module name importable from `baseDir`, sorted. */
export function moduleNames(baseDir: string): string[] {
  const names = new Set<string>(OWN);
  for (const b of builtinModules) if (!b.startsWith("_")) names.add(b.startsWith("node:") ? b : `node:${b}`);
  for (let dir = baseDir; ; dir = dirname(dir)) {
    const modules = join(dir, "node_modules");
    if (existsSync(modules)) {
      for (const entry of readdirSync(modules)) {
        if (entry.startsWith(".")) continue;
        if (entry.startsWith("@")) for (const scoped of readdirSync(join(modules, entry))) names.add(`${entry}/${scoped}`);
        else names.add(entry);
      }
    }
    if (dirname(dir) === dir) break;
  }
  return [...names].sort();
}
