/**
 * What one PDF job of the pool makes: an invoice's PDF, or a print pack — merged from its
 * invoices' PDFs once those are written (`sources`), else laid out from its invoices.
 */
import { readFile } from 'node:fs/promises';
import type { Invoice } from '@carebill/core';
import { mergeInvoicePdfs, renderInvoicePdf, renderPrintPack } from '@carebill/reports/pdf';
import type { PdfJob } from './pdf-pool.js';

/**
 * The bytes of a job's file. The same job gives the same bytes in any process.
 *
 * @example const bytes = await renderPdfJob(job);
 */
export async function renderPdfJob(job: PdfJob): Promise<Uint8Array> {
  const options = job.period === undefined ? {} : { period: job.period };
  if (job.kind === 'invoice') return renderInvoicePdf(job.invoices[0] as Invoice, options);
  if (job.sources === undefined) return renderPrintPack(job.invoices, options);
  return mergeInvoicePdfs(readEach(job.sources));
}

/** The files' bytes one at a time, each read when the merge is ready for it. */
async function* readEach(paths: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const path of paths) yield await readFile(path);
}
