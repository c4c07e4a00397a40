/**
 * A child process of the PDF pool (`pdf-pool.ts`): renders the invoices or print packs it
 * is sent, writes each file atomically and answers with the job's sequence number.
 */
import { renderPdfJob } from './pdf-job.js';
import type { PdfJob, PdfReply } from './pdf-pool.js';
import { writeFileAtomic } from './write.js';

async function run(job: PdfJob): Promise<void> {
  await writeFileAtomic(job.path, await renderPdfJob(job));
}

process.on('message', (job: PdfJob) => {
  run(job).then(
    () =>
      process.send?.({
        seq: job.seq,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      } satisfies PdfReply),
    (error: unknown) =>
      process.send?.({
        seq: job.seq,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies PdfReply),
  );
});
process.on('disconnect', () => process.exit(0));
