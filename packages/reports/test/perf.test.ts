/**
 * Timings for the report (not assertions): run with `CAREBILL_PERF=1 pnpm exec vitest run
 * packages/reports/test/perf.test.ts`. Skipped in the normal suite.
 */
import { PassThrough } from 'node:stream';
import { describe, it } from 'vitest';
import { renderInvoicePdf, renderPrintPack, writePreviewWorkbook } from '../src/index.js';
import { manyInvoices } from './sample-preview.js';

describe.runIf(process.env.CAREBILL_PERF === '1')('timings', () => {
  it('renders 200 invoice PDFs', async () => {
    const preview = manyInvoices(200);
    await renderInvoicePdf(preview.invoices[0]!); // load pdfmake and the font once
    const start = performance.now();
    for (const invoice of preview.invoices) await renderInvoicePdf(invoice);
    const ms = performance.now() - start;
    console.log(`separate PDFs: ${(ms / 200).toFixed(1)} ms per invoice (200 invoices)`);
    const packStart = performance.now();
    const pack = await renderPrintPack(preview.invoices);
    const packMs = performance.now() - packStart;
    console.log(
      `one print pack of 200 invoices: ${packMs.toFixed(0)} ms, ${(pack.length / 1024).toFixed(0)} KiB`,
    );
  });

  it('streams a workbook of 20,000 invoices', async () => {
    const preview = manyInvoices(20_000);
    const stream = new PassThrough();
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    const before = process.memoryUsage().heapUsed;
    const start = performance.now();
    await writePreviewWorkbook(preview, stream);
    const ms = performance.now() - start;
    const lines = preview.invoices.reduce((n, i) => n + i.lines.length, 0);
    console.log(
      `workbook: 20,000 invoices, ${lines} lines in ${ms.toFixed(0)} ms, ${(bytes / 1e6).toFixed(1)} MB, heap +${((process.memoryUsage().heapUsed - before) / 1e6).toFixed(0)} MB`,
    );
  });
});
