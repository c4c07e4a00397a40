/**
 * Renders PDFs over every core: a small pool of child processes, each with its own V8 heap
 * and a single-threaded GC (a worker thread shares the process's GC helpers, and one
 * rendering thread already keeps ~1.2 cores busy, so threads gave only 1.25–1.5× here).
 * Jobs are handed out in order, at most two in flight per child; each child writes its file
 * itself (atomically) and `onWritten` is told as each file lands, so a progress bar counts
 * files really written. A file's bytes depend only on its invoices, never on which child
 * rendered it, so the output is identical to rendering in one process (tested).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DayRange, Invoice } from '@carebill/core';
import { renderPdfJob } from './pdf-job.js';
import { writeFileAtomic } from './write.js';

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

/** A child's answer: the job's number, and the error if it failed. */
export interface PdfReply {
  readonly seq: number;
  readonly error?: string;
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
  /** Told once per file written, in completion order, with the job. */
  readonly onWritten?: (job: PdfJob) => void;
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
  if (workers <= 1 || jobs.length < MIN_JOBS_FOR_POOL) {
    for (const job of jobs) {
      await writeFileAtomic(job.path, await renderPdfJob(job));
      onWritten(job);
    }
    return { workers: 1, childPeakRssMb: [] };
  }
  const peaks = Array.from({ length: workers }, () => 0);
  const children = Array.from({ length: workers }, () => startChild());
  try {
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const unwritten = new Set(jobs.map((job) => job.path));
      const inFlight = new Map<ChildProcess, number>();
      // Hands out jobs in order, at most two in flight per child; a job that reads files
      // waits until they are written.
      const feed = () => {
        for (const child of children) {
          while (!failed && (inFlight.get(child) ?? 0) < 2) {
            const job = jobs[next];
            if (job === undefined || job.sources?.some((path) => unwritten.has(path))) return;
            next += 1;
            inFlight.set(child, (inFlight.get(child) ?? 0) + 1);
            child.send(job);
          }
        }
      };
      children.forEach((child, index) => {
        child.on('message', (reply: PdfReply) => {
          peaks[index] = Math.max(peaks[index] ?? 0, reply.peakRssMb ?? 0);
          if (failed) return;
          if (reply.error !== undefined) {
            failed = true;
            reject(new Error(`rendering ${jobs[reply.seq]?.path}: ${reply.error}`));
            return;
          }
          done += 1;
          inFlight.set(child, (inFlight.get(child) ?? 1) - 1);
          const job = jobs[reply.seq];
          if (job !== undefined) {
            unwritten.delete(job.path);
            onWritten(job);
          }
          if (done === jobs.length) resolve();
          else feed();
        });
        child.on('exit', (code) => {
          if (done < jobs.length && !failed) {
            failed = true;
            reject(new Error(`a PDF worker stopped (exit ${code}) with files left to render`));
          }
        });
      });
      feed();
    });
  } finally {
    for (const child of children) if (child.connected) child.disconnect();
  }
  return { workers, childPeakRssMb: peaks };
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
  const loader = fromSource ? ['--conditions=source', '--import', 'tsx'] : [];
  return fork(script, [], {
    execArgv: [...WORKER_EXEC_ARGV, ...loader],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
