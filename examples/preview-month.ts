/**
 * Previews one month's invoices from a dataset folder and proves every penny is accounted
 * for. Run: `tsx preview-month.ts <folder> [YYYY-MM]`.
 */
import assert from 'node:assert/strict';
import { buildPreview, formatPounds, monthPeriod } from '@carebill/core';
import { loadFolder } from './read-folder.js';

const [folder = 'data', month = '2024-11'] = process.argv.slice(2);
const [year, monthNumber] = month.split('-').map(Number);
const loaded = await loadFolder(folder);

// Options are checked before anything is computed: a bad one throws a CarebillError.
const preview = buildPreview(loaded, {
  period: monthPeriod(year ?? Number.NaN, monthNumber ?? Number.NaN),
  prefix: 'INV',
  dueDays: 28,
});

for (const invoice of preview.invoices) {
  console.log(
    `${invoice.number}  ${invoice.payer.name.padEnd(32)} ${formatPounds(invoice.totalPence).padStart(12)}`,
  );
}
const { feesPence, invoicedPence, unbilledPence, unallocatedPence } = preview.totals;
console.log(
  `fees ${formatPounds(feesPence)} = invoiced ${formatPounds(invoicedPence)} + unbilled ` +
    `${formatPounds(unbilledPence)} + unallocated ${formatPounds(unallocatedPence)}`,
);
assert.equal(feesPence, invoicedPence + unbilledPence + unallocatedPence);
// Parked residents (record errors) get no invoice lines; each says why.
for (const entry of preview.parked) {
  console.log(`parked ${entry.serviceUser ?? '(no resident)'}: ${entry.problems[0]?.message}`);
}
