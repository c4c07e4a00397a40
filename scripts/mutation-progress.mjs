#!/usr/bin/env node
// The results of a mutation run so far (mutation/mutant-log-reporter.mjs):
// `node scripts/mutation-progress.mjs <module>[-focus]` prints the counts by status and
// every survivor, while the run goes on or after it was stopped.
import { existsSync, readFileSync } from 'node:fs';

const name = process.argv[2];
const file = `reports/mutation/${name}/mutants.jsonl`;
if (!name || !existsSync(file)) {
  process.stderr.write(`usage: node scripts/mutation-progress.mjs <module>[-focus] (no ${file})\n`);
  process.exit(2);
}
const results = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l));
const counts = {};
for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
process.stdout.write(`${results.length} mutants tested: ${JSON.stringify(counts)}\n`);
for (const r of results.filter((x) => x.status === 'Survived' || x.status === 'NoCoverage')) {
  const text = String(r.replacement ?? '')
    .replace(/\s+/g, ' ')
    .slice(0, 100);
  process.stdout.write(`${r.status} ${r.file}:${r.line} ${r.mutator}: ${text}\n`);
}
