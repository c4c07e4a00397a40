/**
 * `carebill worker --queue redis://…`: renders the PDFs of `carebill preview --queue` runs
 * (`@carebill/queue`), on this machine, until stopped. SIGTERM, SIGINT (Ctrl-C) or SIGHUP:
 * it takes no more jobs, lets the ones being rendered finish, and exits 0; a second signal
 * stops it at once (its jobs are then handed to another worker once their locks lapse).
 *
 * It logs one line per job to stderr — the job's id, how many files, how long — and never
 * a job's data (names, addresses).
 */
import { availableParallelism } from 'node:os';
import { QueueError, startRenderWorker, type WorkerEvent } from '@carebill/queue';
import { defineCommand } from 'citty';
import { runInterruptCleanups } from '../io/interrupt.js';
import { parseIntegerOption } from '../io/period.js';
import { complain } from '../io/terminal.js';
import { EXIT, RunFailure, UsageError } from '../usage-error.js';
import { queueConnectionOf } from './preview-queue.js';
import { queueArg } from './queue-args.js';

const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNALS;

export const workerCommand = defineCommand({
  meta: {
    name: 'worker',
    description:
      'Render the PDFs of carebill preview --queue runs until stopped (SIGTERM: the jobs being rendered finish first).',
  },
  args: {
    ...queueArg,
    concurrency: {
      type: 'string',
      description: 'Chunks rendered at once, each in its own process (default: one per core)',
    },
    'lock-seconds': {
      type: 'string',
      description:
        "Seconds a silent worker's job is held before another worker takes it (default 30)",
    },
  },
  async run({ args }) {
    if (args.queue === undefined)
      throw new UsageError('--queue redis://HOST:PORT[/DB] is required');
    const connection = queueConnectionOf(args.queue);
    if (connection === undefined) throw new UsageError('--queue is required');
    const concurrency = parseIntegerOption('--concurrency', args.concurrency, {
      min: 1,
      max: 64,
      fallback: availableParallelism(),
    });
    const lockSeconds = parseIntegerOption('--lock-seconds', args['lock-seconds'], {
      min: 5,
      max: 3_600,
      fallback: 30,
    });
    const log = (text: string) => complain(`${new Date().toISOString()} ${text}\n`);
    const worker = startRenderWorker({
      connection,
      concurrency,
      lockSeconds,
      onEvent: (event) => log(describeEvent(event, connection.display)),
    });
    log(
      `carebill worker (pid ${process.pid}): rendering for ${connection.display} with ${concurrency} process${concurrency === 1 ? '' : 'es'}; stop with SIGTERM or Ctrl-C (the jobs being rendered finish first)`,
    );
    let stopping: StopSignal | undefined;
    const stopped = new Promise<number>((resolve, reject) => {
      const onSignal = (signal: StopSignal) => {
        if (stopping === undefined) {
          stopping = signal;
          log(`${signal}: finishing the jobs being rendered, then stopping`);
          worker.close().then(() => resolve(EXIT.ok), reject);
          return;
        }
        log(`${signal} again: stopping now; the jobs being rendered go to another worker`);
        worker.close(true).then(() => resolve(128 + SIGNALS[signal]), reject);
      };
      for (const signal of Object.keys(SIGNALS) as StopSignal[]) process.on(signal, onSignal);
      worker.failed.catch((error: unknown) => {
        worker.close(true).finally(() => {
          reject(error instanceof QueueError ? new RunFailure(error.message) : (error as Error));
        });
      });
    });
    try {
      const code = await stopped;
      log('stopped');
      return code;
    } finally {
      for (const signal of Object.keys(SIGNALS) as StopSignal[]) process.removeAllListeners(signal);
      runInterruptCleanups(stopping ?? 'SIGTERM');
    }
  },
});

function describeEvent(event: WorkerEvent, display: string): string {
  switch (event.type) {
    case 'ready':
      return `connected to ${display}`;
    case 'rendered':
      return `rendered job ${event.jobId}: ${event.files} file${event.files === 1 ? '' : 's'} in ${(event.ms / 1000).toFixed(1)} s`;
    case 'failed':
      return `job ${event.jobId} failed (attempt ${event.attempt} of ${event.attempts}): ${event.reason}`;
    case 'stalled':
      return `job ${event.jobId} stalled (its worker stopped answering): handed on`;
    case 'redis-lost':
      return `lost Redis at ${display} (${event.reason}); reconnecting`;
    case 'redis-back':
      return `reconnected to ${display}`;
  }
}
