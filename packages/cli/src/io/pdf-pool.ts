/**
 * Renders PDFs over every core: a small pool of child processes, each with its own V8 heap
 * and a single-threaded GC (a worker thread shares the process's GC helpers, and one
 * rendering thread already keeps ~1.2 cores busy, so threads gave only 1.25–1.5× here).
 * Jobs are handed out in order, at most two in flight per child; each child writes its file
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
import { renderInvoicePdf, renderPrintPack } from '@carebill/reports/pdf';
import { deserializeError, type SerializedError } from './environment-error.js';
import { faultPoint } from './fault-points.js';
import { onInterrupt } from './interrupt.js';
import { type FileDigest, writeFileAtomic } from './write.js';

/** One file to render: a single invoice, or a print pack of several. */
export interface PdfJob {
  readonly seq: number;
  readonly kind: 'invoice' | 'pack';
  readonly invoices: readonly Invoice[];
  readonly path: string;
  readonly period?: DayRange | undefined;
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
  /** Child processes; 1 renders in this process. Default: the machine's cores. */
  readonly workers?: number;
  /** Told once per file written, in completion order, with the job and what was written. */
  readonly onWritten?: (job: PdfJob, digest: FileDigest) => void;
}

/**
 * V8 flags of each child: one GC thread, a young generation big enough for a page, and an
 * old generation collected before it grows past what a 500-invoice print pack needs (left
 * alone V8 let each child grow past 350 MB at group size, lazily).
 */
export const WORKER_EXEC_ARGV = [
  '--single-threaded-gc',
  '--max-semi-space-size=32',
  '--max-old-space-size=384',
] as const;

/** Fewer jobs than this are rendered in this process: starting children costs more. */
const MIN_JOBS_FOR_POOL = 8;

/**
 * Renders each job to its file, over `workers` child processes.
 *
 * @example await renderPdfJobs([{ seq: 0, kind: 'invoice', invoices: [invoice], path: 'out/invoices/X.pdf' }], { workers: 2 })
 */
export async function renderPdfJobs(
  jobs: readonly PdfJob[],
  options: PdfPoolOptions = {},
): Promise<PdfPoolStats> {
  const workers = Math.min(options.workers ?? availableParallelism(), jobs.length);
  const onWritten = options.onWritten ?? (() => {});
  for (const folder of new Set(jobs.map((job) => dirname(job.path))))
    await mkdir(folder, { recursive: true });
  if (workers <= 1 || jobs.length < MIN_JOBS_FOR_POOL) {
    for (const job of jobs) {
      const digest = await writeFileAtomic(job.path, await renderJob(job));
      onWritten(job, digest);
      faultPoint('pdf-written', job.path);
    }
    return { workers: 1, childPeakRssMb: [] };
  }
  const peaks = Array.from({ length: workers }, () => 0);
  const children = Array.from({ length: workers }, () => startChild());
  const killAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  };
  const offInterrupt = onInterrupt(killAll);
  let failed = false;
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      const inFlight = new Map<number, PdfJob>();
      const fail = (error: Error) => {
        if (failed) return;
        failed = true;
        reject(error);
      };
      const feed = (child: ChildProcess) => {
        const job = jobs[next];
        if (job === undefined || failed) return;
        next += 1;
        inFlight.set(job.seq, job);
        child.send(job);
      };
      children.forEach((child, index) => {
        child.on('message', (reply: PdfReply) => {
          peaks[index] = Math.max(peaks[index] ?? 0, reply.peakRssMb ?? 0);
          if (failed) return;
          const job = jobs[reply.seq];
          inFlight.delete(reply.seq);
          if (reply.error !== undefined || reply.digest === undefined) {
            fail(
              deserializeError(
                reply.error ?? { message: 'no file written' },
                `rendering ${job?.path}`,
              ),
            );
            return;
          }
          done += 1;
          if (job !== undefined) onWritten(job, reply.digest);
          faultPoint('pdf-written', job?.path);
          if (done === jobs.length) resolve();
          else feed(child);
        });
        child.on('error', (error) => fail(error));
        child.on('exit', (code, signal) => {
          if (done < jobs.length) fail(childStopped(code, signal, [...inFlight.values()][0]?.path));
        });
        feed(child);
        feed(child);
      });
    });
  } finally {
    offInterrupt();
    if (failed) {
      // Stop the others now: none may write on into a folder about to be removed.
      killAll();
      await Promise.all(children.map(exited));
    } else for (const child of children) if (child.connected) child.disconnect();
  }
  return { workers, childPeakRssMb: peaks };
}

function renderJob(job: PdfJob): Promise<Uint8Array> {
  const options = job.period === undefined ? {} : { period: job.period };
  return job.kind === 'invoice'
    ? renderInvoicePdf(job.invoices[0] as Invoice, options)
    : renderPrintPack(job.invoices, options);
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

/**
 * Every invoice as `<outDir>/invoices/<number>.pdf`, over the pool.
 *
 * @example await renderInvoicePdfsInPool(preview.invoices, { outDir: 'out', period })
 */
export function renderInvoicePdfsInPool(
  invoices: readonly Invoice[],
  options: PdfPoolOptions & { readonly outDir: string; readonly period?: DayRange },
): Promise<PdfPoolStats> {
  return renderPdfJobs(
    invoices.map((invoice, seq) => ({
      seq,
      kind: 'invoice',
      invoices: [invoice],
      path: `${options.outDir}/invoices/${invoice.number}.pdf`,
      period: options.period,
    })),
    options,
  );
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
    execArgv: [...WORKER_EXEC_ARGV, ...loader],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
