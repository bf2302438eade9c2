// One measurement for bench.mjs, in a fresh Node process: import the library's Node build, read the
// file, run check() CALLS times; prints the timings (milliseconds) as one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [pkgEntry, file, calls = '1'] = process.argv.slice(2);
const t0 = performance.now();
const { check } = await import(pkgEntry);
const t1 = performance.now();
const text = readFileSync(file);
const checks = [];
let summary;
let jsonBytes = 0;
for (let i = 0; i < Number(calls); i++) {
  const start = performance.now();
  const result = check([{ name: file, text }], {});
  // The CLI prints the JSON: include making the text, so both sides do the same work.
  jsonBytes = JSON.stringify(result, null, 2).length;
  checks.push(performance.now() - start);
  summary = result.summary;
}
console.log(JSON.stringify({ importMs: t1 - t0, checks, summary, jsonBytes }));
