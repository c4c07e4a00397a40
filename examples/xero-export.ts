/**
 * A month's invoices as a Xero sales-invoice import, as text. Run:
 * `tsx xero-export.ts <folder> [YYYY-MM]`.
 */
import { buildPreview, monthPeriod } from '@carebill/core';
import { renderExport } from '@carebill/reports/csv';
import { loadFolder } from './read-folder.js';

const [folder = 'data', month = '2024-11'] = process.argv.slice(2);
const [year, monthNumber] = month.split('-').map(Number);
const preview = buildPreview(await loadFolder(folder), {
  period: monthPeriod(year ?? Number.NaN, monthNumber ?? Number.NaN),
});

// Care fees are VAT-exempt: "Exempt Income" is the default tax type.
const { files, warnings } = renderExport('xero', preview, { accountCode: '200' });
for (const file of files) {
  // Write file.bytes to disk (they are in the file's encoding); file.text is the same text.
  const [header, firstRow] = file.text.split(/\r?\n/);
  console.log(
    `${file.fileName} (${file.encoding}, ${file.bytes.byteLength} bytes)\n${header}\n${firstRow}`,
  );
}
for (const warning of warnings)
  console.log(`${warning.code} ${warning.invoice}: ${warning.message}`);
