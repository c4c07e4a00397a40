/**
 * The worker side: takes chunks off the queue and renders them, `concurrency` at a time,
 * each in one of as many rendering processes (a BullMQ sandboxed processor, so the
 * worker's own process is free to renew its jobs' locks however long a render takes).
 *
 * Redis may come and go: the worker keeps reconnecting (BullMQ's back-off, 1–20 s) and
 * says once that it lost Redis and once that it is back. A password Redis refuses stops
 * the worker (it will not come right by waiting).
 */
import { hostname } from 'node:os';
import { PDF_PROCESS_EXEC_ARGV } from '@carebill/reports/pdf';
import { type Job, Worker } from 'bullmq';
import { type QueueConnection, redisOptions } from './connection.js';
import { QueueError } from './errors.js';
import {
  DEFAULT_LOCK_SECONDS,
  MAX_STALLED_COUNT,
  QUEUE_NAME,
  QUEUE_PREFIX,
  type RenderJobData,
  type RenderJobResult,
} from './protocol.js';

/** What a worker tells its caller, for a log line each (never a job's data). */
export type WorkerEvent =
  | { readonly type: 'ready' }
  | {
      readonly type: 'rendered';
      readonly jobId: string;
      readonly files: number;
      readonly ms: number;
    }
  | {
      readonly type: 'failed';
      readonly jobId: string;
      readonly attempt: number;
      readonly attempts: number;
      readonly reason: string;
    }
  | { readonly type: 'stalled'; readonly jobId: string }
  | { readonly type: 'redis-lost'; readonly reason: string }
  | { readonly type: 'redis-back' };

export interface RenderWorkerOptions {
  readonly connection: QueueConnection;
  /** Chunks rendered at once, each in its own process. */
  readonly concurrency: number;
  /** See {@link DEFAULT_LOCK_SECONDS}. */
  readonly lockSeconds?: number;
  readonly onEvent?: (event: WorkerEvent) => void;
}

/** A running worker. */
export interface RenderWorker {
  /**
   * Stops taking jobs; with `force` false (the default) waits for the jobs being rendered
   * to finish first. Resolves once the worker and its processes are gone.
   */
  close(force?: boolean): Promise<void>;
  /** Rejects if the worker stops by itself (Redis refused its password). */
  readonly failed: Promise<never>;
}

/**
 * Starts a worker on the queue at `connection`.
 *
 * @example
 * const worker = startRenderWorker({ connection: parseQueueUrl('redis://127.0.0.1:6379'), concurrency: 2 })
 * process.once('SIGTERM', () => worker.close())
 */
export function startRenderWorker(options: RenderWorkerOptions): RenderWorker {
  const onEvent = options.onEvent ?? (() => {});
  const lockMs = (options.lockSeconds ?? DEFAULT_LOCK_SECONDS) * 1000;
  const here = import.meta.url;
  const fromSource = here.endsWith('.ts');
  const processor = new URL(`./processor.${fromSource ? 'ts' : 'js'}`, here);
  const worker = new Worker<RenderJobData, RenderJobResult>(QUEUE_NAME, processor, {
    connection: redisOptions(options.connection),
    prefix: QUEUE_PREFIX,
    name: `${hostname()}:${process.pid}`,
    concurrency: options.concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: MAX_STALLED_COUNT,
    // Each rendering process gets this process's flags (the TypeScript loader when run
    // from source) and a PDF process's own, the same as `carebill preview`'s PDF processes.
    workerForkOptions: { execArgv: [...process.execArgv, ...PDF_PROCESS_EXEC_ARGV] },
  });
  const started = new Map<string, number>();
  worker.on('active', (job: Job<RenderJobData>) => {
    if (job.id !== undefined) started.set(job.id, performance.now());
  });
  worker.on('completed', (job: Job<RenderJobData, RenderJobResult>, result) => {
    const id = job.id ?? '?';
    const ms = performance.now() - (started.get(id) ?? performance.now());
    started.delete(id);
    onEvent({ type: 'rendered', jobId: id, files: result?.files.length ?? 0, ms });
  });
  worker.on('failed', (job: Job<RenderJobData> | undefined, error: Error) => {
    if (job === undefined) return;
    started.delete(job.id ?? '');
    onEvent({
      type: 'failed',
      jobId: job.id ?? '?',
      attempt: job.attemptsMade,
      attempts: job.opts.attempts ?? 1,
      reason: error.message,
    });
  });
  worker.on('stalled', (jobId: string) => onEvent({ type: 'stalled', jobId }));

  let lost = false;
  let fail: (error: QueueError) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  failed.catch(() => {});
  worker.on('error', (error: Error) => {
    if (/WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username/i.test(error.message)) {
      fail(
        new QueueError(
          'REDIS_AUTH',
          `Redis at ${options.connection.display} refused carebill's credentials: ${error.message}`,
        ),
      );
      return;
    }
    if (!lost) {
      lost = true;
      onEvent({ type: 'redis-lost', reason: error.message });
    }
  });
  worker.on('ready', () => onEvent({ type: 'ready' }));
  // The worker says 'ready' once; its connections say it again after each reconnection.
  (worker.getBackend() as unknown as NodeJS.EventEmitter).on('ready', () => {
    if (!lost) return;
    lost = false;
    onEvent({ type: 'redis-back' });
  });
  return {
    close: (force = false) => worker.close(force),
    failed,
  };
}
