/**
 * What a worker does with one job: checks it, renders each file with the same renderer
 * and options as `carebill preview` on one machine (`@carebill/reports/pdf`), writes it
 * atomically into the run's work folder, then writes the chunk's record, and answers with
 * every file's size and SHA-256. Doing a chunk again (a job handed on after a stall)
 * writes the same bytes under the same names.
 */
import { constants } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Invoice } from '@carebill/core';
import { type InvoicePdfOptions, mergeInvoicePdfs, renderInvoicePdf } from '@carebill/reports/pdf';
import { UnrecoverableError } from 'bullmq';
import {
  isRenderFilePath,
  problemWithJob,
  type RenderedFile,
  type RenderFile,
  type RenderJobData,
  type RenderJobResult,
} from './protocol.js';
import { writeChunkRecord, writeFileAtomic } from './work-folder.js';

/** The longest failure reason a job carries back (it is stored in Redis and printed). */
const MAX_REASON = 300;

/**
 * Renders and writes a chunk's files and its record. A job that fails the protocol's
 * checks fails at once, without retries; a work folder this machine cannot see is a
 * failure another worker may not have (its mount), so it is retried.
 *
 * @example const result = await renderChunk(job.data)
 */
export async function renderChunk(data: RenderJobData): Promise<RenderJobResult> {
  const problem = problemWithJob(data);
  if (problem !== undefined) throw new UnrecoverableError(`not a carebill render job: ${problem}`);
  const info = await lstat(data.folder).catch(() => null);
  if (info === null || !info.isDirectory())
    throw new Error(
      `the work folder ${data.folder} is not there on this machine: mount the shared output folder at the same path as on the machine running carebill preview (or the run was given up)`,
    );
  const files: RenderedFile[] = [];
  for (const file of data.files) {
    try {
      testFaults(file);
      const bytes = await renderFile(file, data);
      files.push({
        path: file.path,
        ...(await writeFileAtomic(join(data.folder, file.path), bytes)),
      });
    } catch (error) {
      throw new Error(reasonOf(error, file.path));
    }
  }
  const record: RenderJobResult = { run: data.run, chunk: data.chunk, files };
  await writeChunkRecord(data.folder, record);
  return record;
}

async function renderFile(file: RenderFile, data: RenderJobData): Promise<Uint8Array> {
  const options = data.period === null ? {} : { period: data.period };
  if (file.kind === 'invoice') return renderInvoicePdf(file.invoices[0] as Invoice, options);
  // A print pack is merged from its invoices' PDFs, as on one machine (the CLI's
  // preview-pdfs.ts): each read from the work folder when another chunk has written it
  // (packs are queued last), else rendered here — the same bytes either way. The merge
  // asks for them one at a time, so a pack's PDFs are never all held at once.
  return mergeInvoicePdfs(packSources(file.invoices, data.folder, options));
}

/** A pack's invoice PDFs in order, each read (or rendered) when the merge asks for it. */
async function* packSources(
  invoices: readonly Invoice[],
  folder: string,
  options: InvoicePdfOptions,
): AsyncGenerator<Uint8Array> {
  for (const invoice of invoices) {
    const path = `invoices/${invoice.number}.pdf`;
    const written = isRenderFilePath(path)
      ? await readFile(join(folder, path), { flag: READ_NO_FOLLOW }).catch(() => null)
      : null;
    yield written ?? (await renderInvoicePdf(invoice, options));
  }
}

const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** One line saying which file failed and why; never the invoice's text. */
function reasonOf(error: unknown, path: string): string {
  const { code, message } = error as { code?: unknown; message?: unknown };
  const why = typeof message === 'string' ? message : String(error);
  const text = `${path}: ${typeof code === 'string' && !why.includes(code) ? `${code} ` : ''}${why}`;
  return text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
}

/**
 * The test suite's poisoned chunk and hanging worker (`CAREBILL_TEST_POISON`,
 * `CAREBILL_TEST_HANG`: an invoice number). Unset, this does nothing.
 */
function testFaults(file: RenderFile): void {
  const poison = process.env['CAREBILL_TEST_POISON'];
  const hang = process.env['CAREBILL_TEST_HANG'];
  if (poison === undefined && hang === undefined) return;
  const numbers = new Set(file.invoices.map((invoice) => invoice.number));
  if (poison !== undefined && numbers.has(poison))
    throw new Error(`test poison: cannot render invoice ${poison}`);
  if (hang !== undefined && numbers.has(hang)) {
    process.stderr.write(`carebill worker: test: hanging on invoice ${hang}\n`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); // until killed
  }
}
