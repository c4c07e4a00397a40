#!/usr/bin/env node
// Mutation testing (docs/testing.md): `pnpm mutation [module…] [-- stryker options]`.
// Runs Stryker on each module in turn (all of them when none is named), incrementally, and
// records each module's score in mutation-scores.json. With `--mutate` among the Stryker
// options (a file, or lines `file:10-40`), it is a focused run: reports go to
// reports/mutation/<module>-focus/ and neither the incremental file nor the scores change.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { MODULES } from '../mutation/modules.mjs';
import { fingerprint, SCORES_FILE, scoreOf } from '../mutation/scores.mjs';

const args = process.argv.slice(2);
const split = args.indexOf('--');
const names = split < 0 ? args : args.slice(0, split);
const strykerArgs = split < 0 ? [] : args.slice(split + 1);
const unknown = names.filter((n) => !(n in MODULES));
if (unknown.length > 0) {
  process.stderr.write(
    `unknown module ${unknown.join(', ')}; modules: ${Object.keys(MODULES).join(', ')}\n` +
      'usage: pnpm mutation [module…] [-- stryker options, e.g. --mutate packages/core/src/money/round.ts]\n',
  );
  process.exit(2);
}
const focus = strykerArgs.some((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='));
if (focus && names.length !== 1) {
  process.stderr.write('a focused run (--mutate) names exactly one module\n');
  process.exit(2);
}

// Stryker's TypeScript checker refuses to start on a project that does not compile.
const tsc = spawnSync('pnpm', ['exec', 'tsc', '-p', 'mutation/tsconfig.json', '--noEmit'], {
  stdio: 'inherit',
});
if (tsc.status !== 0) {
  process.stderr.write('mutation: the sources and tests must type-check first\n');
  process.exit(tsc.status ?? 1);
}

const root = process.cwd();
const today = new Date().toISOString().slice(0, 10);
let failed = false;
for (const name of names.length > 0 ? names : Object.keys(MODULES)) {
  process.stdout.write(`\n── mutation testing: ${name}\n`);
  if (!focus) forgetUndetected(`mutation/incremental/${name}.json`);
  const run = spawnSync('pnpm', ['exec', 'stryker', 'run', ...strykerArgs], {
    stdio: 'inherit',
    env: {
      ...process.env,
      CAREBILL_MUTATION_MODULE: name,
      CAREBILL_MUTATION_FOCUS: focus ? '1' : '0',
    },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
  if (focus) continue;

  const report = JSON.parse(readFileSync(`reports/mutation/${name}/mutation.json`, 'utf8'));
  const module = MODULES[name];
  const result = scoreOf(report);
  const scores = existsSync(SCORES_FILE) ? JSON.parse(readFileSync(SCORES_FILE, 'utf8')) : {};
  const { score, ...counts } = result;
  scores[name] = {
    score,
    threshold: module.threshold,
    date: today,
    ...counts,
    fingerprint: fingerprint(root, module),
  };
  const ordered = Object.fromEntries(
    Object.keys(MODULES)
      .filter((n) => n in scores)
      .map((n) => [n, scores[n]]),
  );
  writeFileSync(SCORES_FILE, `${JSON.stringify(ordered, null, 2)}\n`);
  const verdict = result.score >= module.threshold ? 'ok' : 'BELOW THRESHOLD';
  process.stdout.write(
    `${name}: ${result.score}% (threshold ${module.threshold}%) — ${result.killed + result.timeout} detected, ${result.survived} survived, ${result.noCoverage} not covered, ${result.ignored} equivalent: ${verdict}\n` +
      `report: reports/mutation/${name}/index.html\n`,
  );
  if (verdict !== 'ok') failed = true;
}
process.exit(failed ? 1 : 0);

/**
 * Drops the survivors (and the mutants no test reached) from an incremental file, so the
 * next run tests them again. Stryker reuses a surviving static mutant (a module-level
 * constant, covered by no test in particular) even after a test that kills it was added;
 * killed mutants are still reused, and rerun only when the tests that killed them change.
 */
function forgetUndetected(file) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  for (const entry of Object.values(report.files)) {
    entry.mutants = entry.mutants.filter(
      (m) => m.status !== 'Survived' && m.status !== 'NoCoverage',
    );
  }
  writeFileSync(file, JSON.stringify(report, null, 2));
}
