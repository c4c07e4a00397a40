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

/**
 * Renders a batch of jobs (`nextBatch`) and writes each file, answering for each as it
 * lands; a failure is answered for the job it stopped at (the batch's first while it is
 * laid out, the file's own while written), so the parent names the right file.
 */
async function run(batch: readonly PdfJob[]): Promise<void> {
  let current = batch[0];
  try {
    for (const job of batch) {
      current = job;
      faultPoint('pdf-child', job.path);
    }
    current = batch[0]; // laid out together, the batch fails as one
    const pdfs = await renderPdfBatch(batch);
    for (const [i, job] of batch.entries()) {
      current = job;
      const digest: FileDigest = await writeFileAtomic(job.path, pdfs[i] as Uint8Array);
      reply({ seq: job.seq, digest, peakRssMb: process.resourceUsage().maxRSS / 1024 });
    }
  } catch (error) {
    reply({ seq: current?.seq ?? -1, error: serializeError(error) });
  }
}

function reply(message: PdfReply): void {
  if (process.connected) process.send?.(message);
}

process.on('message', (batch: readonly PdfJob[]) => {
  void run(batch);
});
process.on('disconnect', () => process.exit(0));
