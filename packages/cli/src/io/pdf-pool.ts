/**
 * Renders PDFs over every core: a small pool of child processes, each with its own V8 heap
 * and a single-threaded GC (a worker thread shares the process's GC helpers, and one
 * rendering thread already keeps ~1.2 cores busy, so threads gave only 1.25–1.5× here).
 * Jobs are handed out in order, in batches (invoices laid out together, `pdf-job.ts`), at
 * most two batches in flight per child; each child writes its file
 * itself (atomically, never through a link: `write.ts`) and `onWritten` is told as each
 * file lands, with its size and SHA-256, so a progress bar counts files really written and
 * an output run need not read them again. A file's bytes depend only on its invoices,
 * never on which child rendered it, so the output is identical to rendering in one process
 * (tested). The folders of the jobs' paths are made here, before any child starts, so a
 * child never creates a folder (and never re-creates a staging folder removed under it).
 *
 * A child's failure comes back as plain data, never a stack trace (`environment-error.ts`):
 * a full disk in a child is told like one in the parent. On a failure or an interrupt the
 * other children are killed at once, so none writes on into a folder being removed.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DayRange, Invoice } from '@carebill/core';
import { PDF_PROCESS_EXEC_ARGV } from '@carebill/reports/pdf';
import { compactHeap } from '../v8-flags.js';
import { deserializeError, type SerializedError } from './environment-error.js';
import { faultPoint } from './fault-points.js';
import { onInterrupt } from './interrupt.js';
import { INVOICE_BATCH, nextBatch, renderPdfBatch } from './pdf-job.js';
import { type FileDigest, writeFileAtomic } from './write.js';

/** One file to render: a single invoice, or a print pack of several. */
export interface PdfJob {
  readonly seq: number;
  readonly kind: 'invoice' | 'pack';
  readonly invoices: readonly Invoice[];
  readonly path: string;
  readonly period?: DayRange | undefined;
  /**
   * A pack's invoice files, written by earlier jobs: the pack is merged from them (and
   * handed out only once they are all written), not laid out again.
   */
  readonly sources?: readonly string[];
}

/** A child's answer: the job's number, and what it wrote or the error if it failed. */
export interface PdfReply {
  readonly seq: number;
  readonly digest?: FileDigest;
  readonly error?: SerializedError;
  /** The child's peak resident memory so far, in MB. */
  readonly peakRssMb?: number;
}

/** What the pool did: how many children, and the peak memory of each. */
export interface PdfPoolStats {
  readonly workers: number;
  readonly childPeakRssMb: readonly number[];
}

export interface PdfPoolOptions {
  /** Child processes; 1 renders in this process. Default: by the work ({@link renderPdfJobs}). */
  readonly workers?: number;
  /** With `workers` left out, less work than this renders here. Default {@link MIN_WORK_FOR_POOL}. */
  readonly minWork?: number;
  /** Told once per file written, in completion order, with the job and what was written. */
  readonly onWritten?: (job: PdfJob, digest: FileDigest) => void;
}

/**
 * Less work than this (invoices laid out; a pack merged from its invoices' files counts a
 * third of an invoice) is rendered in this process by {@link renderPdfJobs} unless told
 * how many processes to use: each
 * child started for the run first pays ~1.5–2 s of CPU (loading pdfmake and the fonts,
 * compiling the renderer's code) before it renders at full speed, and on two cores two
 * renderers each run slower than one alone. Measured with the built CLI, --jobs 1 against
 * --jobs 2 on this 2-core machine under load (docs/performance.md): 263 invoices (~320
 * here) 0.55–0.87× as fast over two, 543 (~660) 0.96×, 1,287 (~1,570) 1.08×.
 */
export const MIN_WORK_FOR_POOL = 1000;

/** The work in `jobs`, in invoices laid out (see {@link MIN_WORK_FOR_POOL}). */
export function workOf(jobs: readonly PdfJob[]): number {
  let work = 0;
  for (const job of jobs)
    work += job.sources === undefined ? job.invoices.length : job.invoices.length / 3;
  return work;
}

/**
 * How many PDF processes to run: `requested` (`--jobs`), or one per core, and never more
 * than the cores — more renderers than cores only add memory and switching. `capped`
 * says a request was cut to the cores (the CLI says so on stderr).
 *
 * @example pdfWorkers(64, 2) // { workers: 2, capped: true }
 */
export function pdfWorkers(
  requested: number | undefined,
  cores = availableParallelism(),
): { workers: number; capped: boolean } {
  const workers = Math.max(1, Math.min(requested ?? cores, cores));
  return { workers, capped: requested !== undefined && requested > workers };
}

/**
 * Renders each job to its file over child processes, or in this process when that is
 * quicker. `workers` given: that many children (one renders here). Left out: one per
 * core ({@link pdfWorkers}) when the work reaches `minWork` ({@link MIN_WORK_FOR_POOL}),
 * else this process alone, so a small month never pays for children it cannot use.
 *
 * @example await renderPdfJobs([{ seq: 0, kind: 'invoice', invoices: [invoice], path: 'out/invoices/X.pdf' }], { workers: 2 })
 */
export async function renderPdfJobs(
  jobs: readonly PdfJob[],
  options: PdfPoolOptions = {},
): Promise<PdfPoolStats> {
  const chosen =
    options.workers ??
    (workOf(jobs) < (options.minWork ?? MIN_WORK_FOR_POOL) ? 1 : pdfWorkers(undefined).workers);
  const workers = Math.min(chosen, jobs.length);
  if (workers <= 1) {
    await makeFolders(jobs);
    const onWritten = options.onWritten ?? (() => {});
    for (let next = 0; next < jobs.length; ) {
      const batch = nextBatch(jobs, next);
      next += batch.length;
      const pdfs = await renderPdfBatch(batch);
      for (const [i, job] of batch.entries()) {
        const digest = await writeFileAtomic(job.path, pdfs[i] as Uint8Array);
        onWritten(job, digest);
        faultPoint('pdf-written', job.path);
      }
    }
    return { workers: 1, childPeakRssMb: [] };
  }
  // What this process has let go (the dataset, the charges' garbage) goes back to the
  // system before two renderers start beside it, not ~40 s later (v8-flags.ts).
  compactHeap();
  const pool = startPdfPool(workers);
  try {
    return await pool.render(jobs, options);
  } finally {
    await pool.close();
  }
}

async function makeFolders(jobs: readonly PdfJob[]): Promise<void> {
  for (const folder of new Set(jobs.map((job) => dirname(job.path))))
    await mkdir(folder, { recursive: true });
}

/** Child processes that render PDF jobs, started before there are any. */
export interface PdfPool {
  readonly workers: number;
  /**
   * Renders each job to its file over the children (the folders are made first, so a
   * child never creates one). On a failure the children are killed and it rejects.
   */
  render(jobs: readonly PdfJob[], options?: PdfPoolOptions): Promise<PdfPoolStats>;
  /** Ends the children: they exit once their work is done (at once, if it failed). */
  close(): Promise<void>;
}

/**
 * Starts `workers` PDF processes (exactly that many: the caller chooses, see
 * {@link pdfWorkers}) to render any number of batches of jobs in turn. End them with
 * {@link PdfPool.close}; an interrupt kills them.
 *
 * @example const pool = startPdfPool(2); …; await pool.render(jobs); await pool.close();
 */
export function startPdfPool(workers: number): PdfPool {
  const children = Array.from({ length: workers }, () => startChild());
  const peaks = children.map(() => 0);
  const killAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  };
  const offInterrupt = onInterrupt(killAll);
  let failed = false;
  let closed = false;
  // A child that stops while no jobs are out (say, while the dataset loads) fails the next render.
  let stopped: Error | undefined;
  for (const child of children) {
    child.on('error', (error) => {
      stopped ??= error;
    });
    child.once('exit', (code, signal) => {
      if (!closed) stopped ??= childStopped(code, signal);
    });
  }
  return {
    workers,
    async render(jobs, options = {}) {
      if (stopped !== undefined || failed) throw stopped ?? new Error('the PDF pool has failed');
      await makeFolders(jobs);
      const onWritten = options.onWritten ?? (() => {});
      try {
        await dispatch(jobs, children, peaks, onWritten);
      } catch (error) {
        failed = true;
        // Stop the others now: none may write on into a folder about to be removed.
        killAll();
        await Promise.all(children.map(exited));
        throw error;
      }
      return { workers, childPeakRssMb: [...peaks] };
    },
    async close() {
      if (closed) return;
      closed = true;
      offInterrupt();
      if (failed || stopped !== undefined) killAll();
      else for (const child of children) if (child.connected) child.disconnect();
      await Promise.all(children.map(exited));
    },
  };
}

/**
 * Hands out `jobs` in order, in batches ({@link nextBatch}), at most two batches in flight
 * per child; a job that reads files (a
 * pack merged from its invoices) waits until they are written. Resolves once every file
 * is written; rejects on the first failure.
 */
function dispatch(
  jobs: readonly PdfJob[],
  children: readonly ChildProcess[],
  peaks: number[],
  onWritten: (job: PdfJob, digest: FileDigest) => void,
): Promise<void> {
  if (jobs.length === 0) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let failed = false;
    const inFlight = new Map<number, PdfJob>();
    const unwritten = new Set(jobs.map((job) => job.path));
    const sent = new Map<ChildProcess, number>();
    const listeners: (() => void)[] = [];
    const finish = (error?: Error) => {
      if (failed) return;
      for (const off of listeners) off();
      if (error === undefined) resolve();
      else {
        failed = true;
        reject(error);
      }
    };
    const feed = () => {
      // The least busy child first, up to two batches out each (it starts the next as soon
      // as it sends the last file), a batch no larger than an even share of what is left.
      for (;;) {
        const child = children.reduce((a, b) => ((sent.get(b) ?? 0) < (sent.get(a) ?? 0) ? b : a));
        if (failed || (sent.get(child) ?? 0) >= INVOICE_BATCH) return;
        const job = jobs[next];
        if (job === undefined || job.sources?.some((path) => unwritten.has(path))) return;
        const batch = nextBatch(jobs, next, Math.ceil((jobs.length - next) / children.length));
        next += batch.length;
        for (const each of batch) inFlight.set(each.seq, each);
        sent.set(child, (sent.get(child) ?? 0) + batch.length);
        child.send(batch);
      }
    };
    children.forEach((child, index) => {
      const onMessage = (reply: PdfReply) => {
        peaks[index] = Math.max(peaks[index] ?? 0, reply.peakRssMb ?? 0);
        if (failed) return;
        const job = jobs[reply.seq];
        inFlight.delete(reply.seq);
        if (reply.error !== undefined || reply.digest === undefined) {
          finish(
            deserializeError(
              reply.error ?? { message: 'no file written' },
              `rendering ${job?.path}`,
            ),
          );
          return;
        }
        done += 1;
        sent.set(child, (sent.get(child) ?? 1) - 1);
        if (job !== undefined) {
          unwritten.delete(job.path);
          onWritten(job, reply.digest);
        }
        faultPoint('pdf-written', job?.path);
        if (done === jobs.length) finish();
        else feed();
      };
      const onError = (error: Error) => finish(error);
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(childStopped(code, signal, [...inFlight.values()][0]?.path));
      child.on('message', onMessage);
      child.on('error', onError);
      child.on('exit', onExit);
      listeners.push(() => {
        child.off('message', onMessage);
        child.off('error', onError);
        child.off('exit', onExit);
      });
    });
    feed();
  });
}

/**
 * A child that stopped with work left. Killed by a signal (the out-of-memory killer, a
 * user, a shutdown) it is an environment failure; any other exit is a fault in carebill.
 */
function childStopped(code: number | null, signal: NodeJS.Signals | null, path?: string): Error {
  if (signal === null)
    return new Error(`a PDF process stopped (exit code ${code}) with files left to render`);
  return Object.assign(new Error(`a PDF process was stopped by ${signal}`), {
    code: 'ERR_PDF_PROCESS_KILLED',
    syscall: 'render',
    ...(path !== undefined && { path }),
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

function startChild(): ChildProcess {
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const script = fileURLToPath(new URL(`./pdf-worker.${fromSource ? 'ts' : 'js'}`, here));
  // Run from source (tests, bench) the child needs the TypeScript loader and the `source`
  // export condition of the workspace packages; the built CLI needs neither.
  // (resolved from here, so the child starts whatever the working folder).
  const loader = fromSource ? ['--conditions=source', '--import', import.meta.resolve('tsx')] : [];
  return fork(script, [], {
    execArgv: [...PDF_PROCESS_EXEC_ARGV, ...loader],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
