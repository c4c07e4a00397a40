#!/usr/bin/env node
// The main job on the demo home: validate the data, preview November 2024's invoices,
// write the Xero and Sage exports, make the month's management pack (against October),
// forecast the care funds and prepare advice referrals (a dry run: nothing is sent), all
// into out/.
import { spawnSync } from 'node:child_process';

const demo = ['--data', 'fixtures/demo'];
const month = ['--month', '2024-11'];
const steps = [
  ['validate', ...demo],
  ['preview', ...demo, ...month, '--out', 'out'],
  ['export', ...demo, ...month, '--format', 'xero', '--out', 'out/exports'],
  ['export', ...demo, ...month, '--format', 'sage50', '--out', 'out/exports'],
  ['report', ...demo, ...month, '--compare', '2024-10', '--out', 'out'],
  ['runway', ...demo, '--as-of', '2024-11-22', '--out', 'out'],
  [
    'refer',
    ...demo,
    '--as-of',
    '2024-11-22',
    '--consent',
    'fixtures/demo/consent.txt',
    '--out',
    'out/referrals',
  ],
];
for (const args of steps) {
  process.stdout.write(`\n$ carebill ${args.join(' ')}\n`);
  const result = spawnSync('pnpm', ['-s', 'carebill', ...args], { stdio: 'inherit' });
  // 3 = completed with parked records: the run went on, so the demo goes on too.
  if (result.status !== 0 && result.status !== 3) process.exit(result.status ?? 1);
}
process.stdout.write(
  '\nOpen out/preview.xlsx, out/invoices/*.pdf, out/report.pdf, out/runway.pdf and out/exports/ to see the results.\n',
);
