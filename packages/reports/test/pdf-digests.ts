/**
 * Prints the SHA-256 of the sample invoices' PDFs and of the print pack merged from them,
 * as JSON: run under different time zones by a test, which compares the digests.
 */
import { createHash } from 'node:crypto';
import { mergeInvoicePdfs, renderInvoicePdf, renderPrintPack } from '../src/pdf.js';
import { NOV_FROM, NOV_TO, SAMPLE_INVOICES } from './sample-preview.js';

const period = { from: NOV_FROM, to: NOV_TO };
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const invoices = Object.values(SAMPLE_INVOICES);
const pdfs = [];
for (const invoice of invoices) pdfs.push(await renderInvoicePdf(invoice, { period }));
process.stdout.write(
  JSON.stringify({
    invoices: pdfs.map(sha),
    merged: sha(await mergeInvoicePdfs(pdfs)),
    laidOut: sha(await renderPrintPack(invoices, { period })),
  }),
);
