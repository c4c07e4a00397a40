/**
 * A child process of the PDF pool (`pdf-pool.ts`): renders the batches of invoices or the
 * print packs it is sent, writes each file atomically (into a folder the parent made) and answers with
 * the job's sequence number and the file's size and SHA-256 — or the error, as plain data
 * with no stack trace: the parent tells it (`environment-error.ts`).
 */
import { serializeError } from './environment-error.js';
import { faultPoint } from './fault-points.js';
import { renderPdfBatch } from './pdf-job.js';
import type { PdfJob, PdfReply } from './pdf-pool.js';
import { type FileDigest, writeFileAtomic } from './write.js';

/** Renders a batch of jobs (`nextBatch`) and writes each file, answering for each as it lands. */
async function run(batch: readonly PdfJob[]): Promise<void> {
  for (const job of batch) faultPoint('pdf-child', job.path);
  const pdfs = await renderPdfBatch(batch);
  for (const [i, job] of batch.entries()) {
    const digest: FileDigest = await writeFileAtomic(job.path, pdfs[i] as Uint8Array);
    reply({ seq: job.seq, digest, peakRssMb: process.resourceUsage().maxRSS / 1024 });
  }
}

function reply(message: PdfReply): void {
  if (process.connected) process.send?.(message);
}

process.on('message', (batch: readonly PdfJob[]) => {
  run(batch).catch((error: unknown) =>
    reply({ seq: batch[0]?.seq ?? -1, error: serializeError(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
