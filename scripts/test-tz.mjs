#!/usr/bin/env node
// The test command: the whole suite once, then the pure-computation tests again under time
// zones chosen to break local-time date handling (behind UTC, far ahead of it, a half-hour
// DST shift). Results must be identical in every zone.
import { spawnSync } from 'node:child_process';

const FULL_SUITE_TZ = 'Europe/London';
const EXTRA_TZS = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Lord_Howe'];
const vitest = ['exec', 'vitest', 'run'];

function run(tz, args) {
  process.stdout.write(`\n── TZ=${tz}: vitest ${args.join(' ')}\n`);
  const result = spawnSync('pnpm', [...vitest, ...args], {
    stdio: 'inherit',
    env: { ...process.env, TZ: tz },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run(FULL_SUITE_TZ, []);
for (const tz of EXTRA_TZS) run(tz, ['packages/core']);
