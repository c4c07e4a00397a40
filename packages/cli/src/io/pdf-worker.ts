/**
 * A child process of the PDF pool (`pdf-pool.ts`): renders the invoices or print packs it
 * is sent, writes each file atomically (into a folder the parent made) and answers with
 * the job's sequence number and the file's size and SHA-256 — or the error, as plain data
 * with no stack trace: the parent tells it (`environment-error.ts`).
 */
import type { Invoice } from '@carebill/core';
import { renderInvoicePdf, renderPrintPack } from '@carebill/reports/pdf';
import { serializeError } from './environment-error.js';
import { faultPoint } from './fault-points.js';
import type { PdfJob, PdfReply } from './pdf-pool.js';
import { type FileDigest, writeFileAtomic } from './write.js';

async function run(job: PdfJob): Promise<FileDigest> {
  faultPoint('pdf-child', job.path);
  const options = job.period === undefined ? {} : { period: job.period };
  const bytes =
    job.kind === 'invoice'
      ? await renderInvoicePdf(job.invoices[0] as Invoice, options)
      : await renderPrintPack(job.invoices, options);
  return writeFileAtomic(job.path, bytes);
}

function reply(message: PdfReply): void {
  if (process.connected) process.send?.(message);
}

process.on('message', (job: PdfJob) => {
  run(job).then(
    (digest) => reply({ seq: job.seq, digest, peakRssMb: process.resourceUsage().maxRSS / 1024 }),
    (error: unknown) => reply({ seq: job.seq, error: serializeError(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
