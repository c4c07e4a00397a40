/**
 * `carebill preview --queue redis://…`: this process loads, computes and writes
 * preview.json and preview.xlsx as always, then hands the PDFs to `carebill worker`s on
 * any number of machines (`@carebill/queue`) instead of rendering them itself.
 *
 * The output run (lock, staging, commit, manifest) stays this process's alone: workers on
 * other hosts never take the folder's lock (its stale-lock check works by pid on one host
 * only). They write into the run's work folder, `<out>/.carebill/queue.<run>/`, on the
 * shared storage, and answer with each file's size and SHA-256; once every chunk is in,
 * this process moves the files into its staging folder (a rename per top-level entry:
 * `invoices/` moves whole) and commits, manifest last. docs/scale.md has the whole story.
 */
import { createHash } from 'node:crypto';
import { readdir, realpath, rename, rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { DayRange } from '@carebill/core';
import {
  CHUNKS_FOLDER,
  openWorkFolder,
  parseQueueUrl,
  planChunks,
  QUEUE_NAME,
  type QueueConnection,
  QueueError,
  queueRunId,
  readChunkRecords,
  renderOnQueue,
} from '@carebill/queue';
import type { OutputRun } from '../io/output-run.js';
import type { PdfJob } from '../io/pdf-pool.js';
import { parseIntegerOption } from '../io/period.js';
import type { Progress } from '../io/progress.js';
import { complain } from '../io/terminal.js';
import { RunFailure, UsageError } from '../usage-error.js';
import { PRINT_PACK_SIZE } from './preview-pdfs.js';
import { QUEUE_PASSWORD_VARIABLE } from './queue-args.js';

/**
 * The queue's connection from `--queue` (and the password variable), or undefined without
 * `--queue`. A bad URL is a usage error that never repeats a password.
 *
 * @example queueConnectionOf('redis://127.0.0.1:6379')?.display
 */
export function queueConnectionOf(url: unknown): QueueConnection | undefined {
  if (url === undefined) return undefined;
  try {
    return parseQueueUrl(String(url), { password: process.env[QUEUE_PASSWORD_VARIABLE] });
  } catch (error) {
    if (error instanceof QueueError) throw new UsageError(error.message);
    throw error;
  }
}

/** What decides the PDFs' bytes and names, for the run's id. */
export interface QueueRunKey {
  readonly period: DayRange | undefined;
  readonly dayRule: string;
  readonly monthly52: boolean;
  readonly dueDays: number;
  readonly prefix: string;
  /** The issued previews the run adjusts against (`--invoiced`): they change the invoices. */
  readonly invoiced?: readonly unknown[] | undefined;
}

export interface QueuePdfOptions {
  readonly connection: QueueConnection;
  readonly jobs: readonly PdfJob[];
  readonly key: QueueRunKey;
  /** `--chunk-size` as typed. */
  readonly chunkSize: unknown;
  readonly progress: Progress;
}

/**
 * Renders the preview's PDFs (`jobs`, planned into `run.staging`) on the queue's workers
 * and puts them into the run's staging folder, each file recorded with the size and
 * SHA-256 its worker wrote. Resolves to the number of chunks and how many an earlier
 * attempt at the same run had already rendered.
 *
 * @example await renderPdfsOnQueue(run, { connection, jobs, key, chunkSize: args['chunk-size'], progress })
 */
export async function renderPdfsOnQueue(
  run: OutputRun,
  options: QueuePdfOptions,
): Promise<{ chunks: number; resumed: number }> {
  const perChunk = parseIntegerOption('--chunk-size', options.chunkSize as string | undefined, {
    min: 1,
    max: 1_000,
    fallback: 50,
  });
  const files = options.jobs.map((job) => ({
    path: relative(run.staging, job.path).split(sep).join('/'),
    kind: job.kind,
    invoices: job.invoices,
  }));
  const chunks = planChunks(files, perChunk);
  const folder = await realpath(run.folder);
  const { key } = options;
  const id = queueRunId({
    dataset: run.datasetSha256 ?? null,
    folder,
    from: key.period?.from ?? null,
    to: key.period?.to ?? null,
    dayRule: key.dayRule,
    monthly52: key.monthly52,
    dueDays: key.dueDays,
    prefix: key.prefix,
    invoiced:
      key.invoiced === undefined || key.invoiced.length === 0
        ? null
        : createHash('sha256').update(JSON.stringify(key.invoiced)).digest('hex'),
    perChunk,
    packSize: PRINT_PACK_SIZE,
    queue: QUEUE_NAME,
  });
  const controlDir = join(folder, '.carebill');
  const work = await openWorkFolder(controlDir, id, chunks);
  for (const name of work.removed)
    complain(
      `carebill preview: removed ${join(run.folder, '.carebill', name)}, left by another run\n`,
    );
  options.progress.start(
    'PDFs (queue)',
    chunks.reduce((n, chunk) => n + chunk.invoices, 0),
  );
  let result: Awaited<ReturnType<typeof renderOnQueue>>;
  try {
    result = await renderOnQueue({
      connection: options.connection,
      run: id,
      folder: work.folder,
      chunks,
      period: key.period ?? null,
      onChunk: (chunk) => options.progress.tick(chunk.invoices),
      onNotice: (text) => complain(`\ncarebill preview: ${text}\n`),
    });
  } catch (error) {
    if (!(error instanceof QueueError)) throw error;
    // What was rendered is kept for the next attempt; a work folder with nothing in it is not.
    const rendered = (await readChunkRecords(work.folder, id)).size;
    if (rendered === 0) await rm(work.folder, { recursive: true, force: true, maxRetries: 3 });
    const kept =
      rendered === 0
        ? ''
        : `; the ${rendered} chunk${rendered === 1 ? '' : 's'} already rendered ${rendered === 1 ? 'is' : 'are'} kept in ${join(run.folder, '.carebill', `queue.${id}`)}: run the same command again to resume`;
    throw new RunFailure(`${error.message}. ${run.folder} was left as it was${kept}`);
  } finally {
    options.progress.stop();
  }
  await adoptWorkFolder(run, work.folder, files, result.files);
  return { chunks: chunks.length, resumed: result.resumed };
}

/**
 * Moves the rendered files from the work folder into the run's staging folder and records
 * each one's digest, having checked every planned file is there; then removes the work
 * folder (only the chunks' records are left in it).
 */
async function adoptWorkFolder(
  run: OutputRun,
  folder: string,
  planned: readonly { readonly path: string }[],
  digests: ReadonlyMap<string, { readonly size: number; readonly sha256: string }>,
): Promise<void> {
  const present = new Set<string>();
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name === CHUNKS_FOLDER || entry.name.startsWith('.carebill-tmp.')) continue;
    if (entry.isDirectory())
      for (const name of await readdir(join(folder, entry.name)))
        present.add(`${entry.name}/${name}`);
    else present.add(entry.name);
  }
  const missing = planned.filter((file) => !present.has(file.path) || !digests.has(file.path));
  if (missing.length > 0)
    throw new RunFailure(
      `the workers reported ${missing.length} file${missing.length === 1 ? '' : 's'} that ${missing.length === 1 ? 'is' : 'are'} not in ${folder} (${missing
        .slice(0, 3)
        .map((f) => f.path)
        .join(
          ', ',
        )}${missing.length > 3 ? ', …' : ''}): is the shared folder the same on every machine? ${run.folder} was left as it was`,
    );
  const tops = new Set(planned.map((file) => file.path.split('/')[0] as string));
  for (const top of tops) await rename(join(folder, top), join(run.staging, top));
  for (const file of planned) {
    const digest = digests.get(file.path);
    if (digest !== undefined) run.record(join(run.staging, ...file.path.split('/')), digest);
  }
  await rm(folder, { recursive: true, force: true, maxRetries: 3 });
}
