/**
 * `pnpm bench`'s queue rows: the same invoice PDFs rendered by one process of their own
 * (`render-child.ts`: the flags of a worker's rendering process, no queue) and on the queue
 * by 1 and then 2 `carebill worker` processes (the built CLI, one rendering process each),
 * against a redis-server started here, timed turn about in one run so the machine's load
 * moves all of them alike:
 *
 * - queue overhead per invoice: (1 worker − the process of its own) / invoices;
 * - speed-up: 1 worker / 2 workers;
 * - the coordinator's cost: its CPU while it waits (events, bookkeeping), per chunk;
 * - Redis memory per queued invoice: `INFO memory` before and after queueing every chunk
 *   with no worker running.
 *
 * Skipped, with a note, when redis-server is not installed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { DayRange, Invoice } from '@carebill/core';
import {
  openWorkFolder,
  parseQueueUrl,
  planChunks,
  QUEUE_NAME,
  QUEUE_PREFIX,
  queuedJobOf,
  queueRunId,
  RENDER_EXEC_ARGV,
  renderOnQueue,
} from '@carebill/queue';
import { Queue } from 'bullmq';

// The test helper is exported for the source condition only; the bench runs built code.
const helper = '../../queue/test/redis-server.ts';
const { redisServerMissing, startRedisServer } = (await import(
  helper
)) as typeof import('@carebill/queue/test-redis');

const BIN = resolve(import.meta.dirname, '../dist/bin.js');
const CHILD = resolve(import.meta.dirname, 'render-child.ts');

/** A bench row, as `run.ts` prints it. */
export interface QueueRow {
  readonly stage: string;
  readonly ms: number[];
  readonly floor?: string;
  readonly floorMs?: number[];
  readonly note?: string;
  /** A value that is not a time (printed with this unit). */
  readonly unit?: string;
}

function startWorkers(url: string, count: number): ChildProcess[] {
  return Array.from({ length: count }, () =>
    spawn(process.execPath, [BIN, 'worker', '--queue', url, '--concurrency', '1'], {
      stdio: ['ignore', 'ignore', 'ignore'],
    }),
  );
}

async function stopWorkers(workers: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((done) => {
          if (worker.exitCode !== null) return done();
          worker.once('exit', () => done());
          worker.kill('SIGTERM');
        }),
    ),
  );
}

/**
 * The queue rows for `invoices` (the bench's sample), written under `outDir`; `scale`
 * extrapolates a sample's times to the whole month as the other PDF rows do.
 *
 * @example rows.push(...(await benchQueue(sample, MONTH, join(out, 'queue'), label, scale)))
 */
export async function benchQueue(
  invoices: readonly Invoice[],
  period: DayRange,
  outDir: string,
  label: string,
  scale: number,
): Promise<QueueRow[]> {
  const missing = redisServerMissing();
  if (missing !== undefined) return [{ stage: 'queue', ms: [], note: `skipped: ${missing}` }];
  const redis = await startRedisServer();
  const connection = parseQueueUrl(redis.url);
  const files = invoices.map((invoice) => ({
    path: `invoices/${invoice.number}.pdf`,
    kind: 'invoice' as const,
    invoices: [invoice],
  }));
  const chunks = planChunks(files);
  const n = invoices.length;
  let attempt = 0;
  /** One queue run of every chunk into a fresh work folder: wall ms and coordinator CPU ms. */
  const queueRun = async () => {
    attempt += 1;
    const controlDir = join(outDir, String(attempt), '.carebill');
    await mkdir(controlDir, { recursive: true });
    const run = queueRunId({ bench: attempt, at: Date.now() });
    const { folder } = await openWorkFolder(controlDir, run, chunks);
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await renderOnQueue({ connection, run, folder, chunks, period });
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    return { wall, cpuMs: (used.user + used.system) / 1000 };
  };
  // The same invoices in one process of their own, with a rendering process's flags.
  const input = join(outDir, 'invoices.json');
  await mkdir(join(outDir, 'alone'), { recursive: true });
  await writeFile(input, JSON.stringify({ invoices, period }));
  const alone = async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...RENDER_EXEC_ARGV,
        '--import',
        import.meta.resolve('tsx'),
        CHILD,
        input,
        join(outDir, 'alone'),
      ],
      { cwd: import.meta.dirname },
    );
    return Number(stdout.trim());
  };
  try {
    // Redis memory per queued invoice: every chunk queued, no worker yet.
    const memory = () => Number(/used_memory:(\d+)/.exec(redis.cli('INFO', 'memory'))?.[1]);
    const queue = new Queue(QUEUE_NAME, {
      connection: { host: '127.0.0.1', port: redis.port },
      prefix: QUEUE_PREFIX,
    });
    const before = memory();
    const folder = join(outDir, 'memory', '.carebill', 'queue.0000000000000000');
    await queue.addBulk(
      chunks.map((chunk) => queuedJobOf({ run: '0000000000000000', folder, period }, chunk)),
    );
    const perInvoice = (memory() - before) / n;
    await queue.obliterate({ force: true });
    await queue.close();

    // Warm: the workers' rendering processes started before each timed run.
    const here1 = await alone();
    const one = startWorkers(redis.url, 1);
    await queueRun();
    const q1 = await queueRun();
    await stopWorkers(one);
    const two = startWorkers(redis.url, 2);
    await queueRun();
    const q2 = await queueRun();
    await stopWorkers(two);
    const here2 = await alone();
    const here = (here1 + here2) / 2;
    return [
      {
        stage: `invoice PDFs, queue, 1 worker (${label})`,
        ms: [q1.wall * scale],
        floor: 'one process of its own, no queue',
        floorMs: [here * scale],
        note: `queue overhead ${((q1.wall - here) / n).toFixed(1)} ms/invoice (${chunks.length} chunks of ≤50); coordinator CPU ${q1.cpuMs.toFixed(0)} ms = ${(q1.cpuMs / chunks.length).toFixed(1)} ms/chunk`,
      },
      {
        stage: `invoice PDFs, queue, 2 workers (${label})`,
        ms: [q2.wall * scale],
        floor: 'queue, 1 worker',
        floorMs: [q1.wall * scale],
        note: `${(q1.wall / q2.wall).toFixed(2)}× faster than 1 worker, ${(here / q2.wall).toFixed(2)}× faster than one process of its own`,
      },
      {
        stage: 'Redis memory per queued invoice',
        ms: [perInvoice],
        unit: 'bytes',
        note: `INFO used_memory, ${chunks.length} chunks queued (${n} invoices), no worker`,
      },
    ];
  } finally {
    await redis.stop();
    await rm(outDir, { recursive: true, force: true });
  }
}
