/**
 * What one PDF job of the pool makes: an invoice's PDF, or a print pack — merged from its
 * invoices' PDFs once those are written (`sources`), else laid out from its invoices.
 */
import { readFile } from 'node:fs/promises';
import type { Invoice } from '@carebill/core';
import {
  mergeInvoicePdfs,
  renderInvoicePdf,
  renderInvoicePdfs,
  renderPrintPack,
} from '@carebill/reports/pdf';
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

/**
 * Invoices laid out together in one batch ({@link renderPdfBatch}): a pass over 25 costs
 * ~0.75× the CPU of 25 alone, and holds about what a 25-invoice pack does.
 */
export const INVOICE_BATCH = 25;

/**
 * The jobs from `jobs[from]` that render as one batch: the invoice jobs that follow it of
 * the same period, up to {@link INVOICE_BATCH} (or `max`, if fewer); a pack job alone.
 *
 * @example const batch = nextBatch(jobs, 0); // jobs[0 … batch.length - 1]
 */
export function nextBatch(jobs: readonly PdfJob[], from: number, max = INVOICE_BATCH): PdfJob[] {
  const first = jobs[from];
  if (first === undefined) return [];
  if (first.kind !== 'invoice') return [first];
  const batch = [first];
  for (let i = from + 1; i < jobs.length && batch.length < Math.min(max, INVOICE_BATCH); i++) {
    const job = jobs[i] as PdfJob;
    if (job.kind !== 'invoice' || !samePeriod(job, first)) break;
    batch.push(job);
  }
  return batch;
}

function samePeriod(a: PdfJob, b: PdfJob): boolean {
  return a.period?.from === b.period?.from && a.period?.to === b.period?.to;
}

/**
 * The bytes of each job's file, in order: a batch of invoice jobs ({@link nextBatch}) laid
 * out together (`renderInvoicePdfs`, the bytes each gives alone), any other job alone.
 *
 * @example const [first, second] = await renderPdfBatch(nextBatch(jobs, 0));
 */
export async function renderPdfBatch(jobs: readonly PdfJob[]): Promise<Uint8Array[]> {
  const first = jobs[0];
  if (first === undefined) return [];
  if (jobs.length === 1 || jobs.some((job) => job.kind !== 'invoice' || !samePeriod(job, first))) {
    const pdfs: Uint8Array[] = [];
    for (const job of jobs) pdfs.push(await renderPdfJob(job));
    return pdfs;
  }
  const options = first.period === undefined ? {} : { period: first.period };
  return renderInvoicePdfs(
    jobs.map((job) => job.invoices[0] as Invoice),
    options,
  );
}

/** The files' bytes one at a time, each read when the merge is ready for it. */
async function* readEach(paths: readonly string[]): AsyncGenerator<Uint8Array> {
  for (const path of paths) yield await readFile(path);
}
