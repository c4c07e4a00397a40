#!/usr/bin/env node
// The test command: the whole suite once, then the pure-computation tests again under time
// zones chosen to break local-time date handling (behind UTC, far ahead of it, a half-hour
// DST shift). Results must be identical in every zone.
import { spawnSync } from 'node:child_process';

const FULL_SUITE_TZ = 'Europe/London';
// UTC is left out: Europe/London is UTC for half the year and the whole suite runs there.
const EXTRA_TZS = ['America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Lord_Howe'];
const vitest = ['exec', 'vitest', 'run'];

/** PDF tests read our PDFs back with poppler and qpdf; install them when missing and we can. */
function ensurePdfTools() {
  const has = (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  if (has('pdftotext') && has('qpdf')) return;
  if (process.getuid?.() !== 0) {
    process.stdout.write(
      'poppler-utils/qpdf missing: install them (apt-get install poppler-utils qpdf) or PDF checks are skipped\n',
    );
    return;
  }
  process.stdout.write('installing poppler-utils and qpdf for the PDF checks\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', 'poppler-utils', 'qpdf'], {
    stdio: 'inherit',
    env,
  });
}

function run(tz, args) {
  process.stdout.write(`\n── TZ=${tz}: vitest ${args.join(' ')}\n`);
  const result = spawnSync('pnpm', [...vitest, ...args], {
    stdio: 'inherit',
    env: { ...process.env, TZ: tz },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensurePdfTools();
run(FULL_SUITE_TZ, []);
for (const tz of EXTRA_TZS) run(tz, ['packages/core']);
