#!/usr/bin/env node
// The baseline: one Node process, the same map function, an in-memory Map as the combiner
// (count += value per emitted pair), output sorted by key.
//
//   node single-process.mjs words|vowels INPUT OUTPUT
import { closeSync, openSync, readSync, writeFileSync } from "node:fs";
import { JOBS } from "./jobs.mjs";

const [job, input, output] = process.argv.slice(2);
const map = JOBS[job];
const counts = new Map();
const emit = (key, value) => counts.set(key, (counts.get(key) ?? 0) + value);
const fd = openSync(input, "r");
const buffer = Buffer.allocUnsafe(1 << 20);
let carry = "";
for (;;) {
  const n = readSync(fd, buffer, 0, buffer.length, null);
  if (n === 0) break;
  const lines = (carry + buffer.toString("utf8", 0, n)).split("\n");
  carry = lines.pop();
  for (const line of lines) map(line, emit);
}
if (carry !== "") map(carry, emit);
closeSync(fd);
const keys = [...counts.keys()].sort();
writeFileSync(output, keys.map((k) => `${k}\t${counts.get(k)}\n`).join(""));
