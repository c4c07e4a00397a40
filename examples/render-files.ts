/**
 * Renders one invoice PDF and the preview workbook to bytes in memory — what a web
 * handler sends or an upload takes. Run: `tsx render-files.ts <folder> [YYYY-MM]`.
 */
import assert from 'node:assert/strict';
import { buildPreview, monthPeriod } from '@carebill/core';
import { renderInvoicePdf } from '@carebill/reports/pdf';
import { renderPreviewWorkbook } from '@carebill/reports/xlsx';
import { loadFolder } from './read-folder.js';

const [folder = 'data', month = '2024-11'] = process.argv.slice(2);
const [year, monthNumber] = month.split('-').map(Number);
const period = monthPeriod(year ?? Number.NaN, monthNumber ?? Number.NaN);
const preview = buildPreview(await loadFolder(folder), { period });

const invoice = preview.invoices[0];
if (invoice === undefined) throw new Error('no invoices this month');
const pdf: Uint8Array = await renderInvoicePdf(invoice, { period });
const xlsx: Uint8Array = await renderPreviewWorkbook(preview);

assert.equal(Buffer.from(pdf.subarray(0, 5)).toString('latin1'), '%PDF-');
assert.equal(Buffer.from(xlsx.subarray(0, 2)).toString('latin1'), 'PK'); // an .xlsx is a zip
console.log(
  `${invoice.number}.pdf: ${pdf.byteLength} bytes; preview.xlsx: ${xlsx.byteLength} bytes`,
);
