#!/usr/bin/env node
// The main job on the demo home: validate the data, preview November 2024's invoices,
// write the Xero and Sage exports, forecast the care funds and prepare advice referrals
// (a dry run: nothing is sent), all into out/.
import { spawnSync } from 'node:child_process';

const steps = [
  ['validate', '--data', 'fixtures/demo'],
  ['preview', '--data', 'fixtures/demo', '--month', '2024-11', '--out', 'out'],
  [
    'export',
    '--data',
    'fixtures/demo',
    '--month',
    '2024-11',
    '--format',
    'xero',
    '--out',
    'out/exports',
  ],
];
for (const args of steps) {
  process.stdout.write(`\n$ carebill ${args.join(' ')}\n`);
  const result = spawnSync('pnpm', ['-s', 'carebill', ...args], { stdio: 'inherit' });
  // 3 = completed with parked records: the run went on, so the demo goes on too.
  if (result.status !== 0 && result.status !== 3) process.exit(result.status ?? 1);
}
process.stdout.write(
  '\nOpen out/preview.xlsx, out/invoices/*.pdf, out/runway.pdf and out/exports/ to see the results.\n',
);
