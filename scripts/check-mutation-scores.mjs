#!/usr/bin/env node
// Part of `pnpm check`: fails when mutation-scores.json says a module is below its
// threshold, has no score at all, or when a core source file is in no module (so never
// mutated). The scores come from `pnpm mutation` (docs/testing.md), which is too long for
// CI; this only keeps the committed record honest. A module whose source or tests changed
// since its score was measured is named, so the next mutation run is not forgotten.
import { existsSync, readFileSync } from 'node:fs';
import { MODULES } from '../mutation/modules.mjs';
import { filesOf, fingerprint, SCORES_FILE } from '../mutation/scores.mjs';

const scores = existsSync(SCORES_FILE) ? JSON.parse(readFileSync(SCORES_FILE, 'utf8')) : {};
const problems = [];
const notes = [];
for (const [name, module] of Object.entries(MODULES)) {
  const entry = scores[name];
  if (entry === undefined) {
    problems.push(`${name}: no score in ${SCORES_FILE}; run pnpm mutation ${name}`);
    continue;
  }
  const threshold = Math.max(module.threshold, entry.threshold ?? 0);
  if (!(entry.score >= threshold)) {
    problems.push(
      `${name}: mutation score ${entry.score}% is below its threshold ${threshold}% (${entry.date}); kill the survivors (reports/mutation/${name}/index.html) or record them as equivalent`,
    );
  }
  if (entry.fingerprint !== fingerprint(process.cwd(), module)) {
    notes.push(
      `${name}: changed since its score was measured on ${entry.date}; run pnpm mutation ${name}`,
    );
  }
}
// Every source file of core's modules is mutated by exactly one module (a module's
// index.ts only re-exports).
const mutatedBy = new Map();
for (const [name, module] of Object.entries(MODULES)) {
  for (const file of filesOf(process.cwd(), module.mutate)) {
    mutatedBy.set(file, [...(mutatedBy.get(file) ?? []), name]);
  }
}
const coreSources = filesOf(process.cwd(), [
  'packages/core/src/*/**/*.ts',
  '!packages/core/src/**/*.test.ts',
  '!packages/core/src/*/index.ts',
]);
for (const file of coreSources) {
  const by = mutatedBy.get(file) ?? [];
  if (by.length === 0)
    problems.push(
      `${file}: in no module of mutation/modules.mjs, so never mutated; name it in one`,
    );
  if (by.length > 1)
    problems.push(`${file}: mutated by ${by.join(' and ')}; name it in one module`);
}
for (const note of notes) process.stdout.write(`mutation: ${note}\n`);
for (const problem of problems) process.stderr.write(`mutation: ${problem}\n`);
process.exit(problems.length > 0 ? 1 : 0);
