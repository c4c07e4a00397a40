/**
 * `pnpm bench`'s queue rows: the same invoice PDFs rendered by one process of their own
 * (`render-child.ts`: the flags of a worker's rendering process, no queue) and on the queue
 * by 1 and then 2 `carebill worker` processes (the built CLI, one rendering process each),
 * against a redis-server started here, timed turn about in one run so the machine's load
 * moves all of them alike:
 *
 * - queue overhead per invoice: (1 worker − the process of its own) / invoices, in wall
 *   time and in CPU time (the workers' processes and their rendering processes, read from
 *   /proc, plus the coordinator's and redis-server's CPU): CPU time is what a busy shared
 *   machine disturbs least, so the model in docs/scale.md is built on it;
 * - speed-up: 1 worker / 2 workers;
 * - the coordinator's cost: its CPU while it waits (events, bookkeeping), per chunk;
 * - Redis memory per queued invoice: `INFO memory` before and after queueing every chunk
 *   with no worker running.
 *
 * Skipped, with a note, when redis-server is not installed.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
  renderOnQueue,
} from '@carebill/queue';
import { PDF_PROCESS_EXEC_ARGV } from '@carebill/reports/pdf';
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
  readonly unit?: 'bytes';
}

/** Clock ticks a second in /proc's CPU times (USER_HZ: 100 on Linux). */
const TICKS = 100;

/** CPU milliseconds so far of `pids` and every process below them (Linux /proc), or NaN. */
async function treeCpuMs(pids: readonly number[]): Promise<number> {
  const stats = new Map<number, { parent: number; ms: number }>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const text = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // After "pid (comm) ": state ppid … utime stime are fields 4 and 14, 15 (1-based).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 13) continue;
    stats.set(Number(entry), {
      parent: Number(fields[1]),
      ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS,
    });
  }
  if (stats.size === 0) return Number.NaN;
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (pids.includes(p)) return true;
      p = stats.get(p)?.parent ?? 0;
    }
    return false;
  };
  let ms = 0;
  for (const [pid, stat] of stats) if (inTree(pid)) ms += stat.ms;
  return ms;
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
  /**
   * One queue run of every chunk into a fresh work folder: wall ms, the coordinator's CPU
   * ms, and the CPU ms of the workers (with their rendering processes) and of redis-server.
   */
  const queueRun = async (workers: readonly ChildProcess[]) => {
    attempt += 1;
    const controlDir = join(outDir, String(attempt), '.carebill');
    await mkdir(controlDir, { recursive: true });
    const run = queueRunId({ bench: attempt, at: Date.now() });
    const { folder } = await openWorkFolder(controlDir, run, chunks);
    const pids = workers.map((worker) => worker.pid ?? 0);
    const redisPid = [redis.process.pid ?? 0];
    const [workersBefore, redisBefore] = [await treeCpuMs(pids), await treeCpuMs(redisPid)];
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await renderOnQueue({ connection, run, folder, chunks, period });
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    return {
      wall,
      cpuMs: (used.user + used.system) / 1000,
      workersCpuMs: (await treeCpuMs(pids)) - workersBefore,
      redisCpuMs: (await treeCpuMs(redisPid)) - redisBefore,
    };
  };
  // The same invoices in one process of their own, with a rendering process's flags.
  const input = join(outDir, 'invoices.json');
  await mkdir(join(outDir, 'alone'), { recursive: true });
  await writeFile(input, JSON.stringify({ invoices, period }));
  const alone = async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...PDF_PROCESS_EXEC_ARGV,
        '--import',
        import.meta.resolve('tsx'),
        CHILD,
        input,
        join(outDir, 'alone'),
      ],
      { cwd: import.meta.dirname },
    );
    const [wall, cpu] = stdout.trim().split(' ').map(Number) as [number, number];
    return { wall, cpu };
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
    const memoryPerInvoice = (memory() - before) / n;
    await queue.obliterate({ force: true });
    await queue.close();

    // Warm: the workers' rendering processes started before each timed run.
    const here1 = await alone();
    const one = startWorkers(redis.url, 1);
    await queueRun(one);
    const q1 = await queueRun(one);
    await stopWorkers(one);
    const two = startWorkers(redis.url, 2);
    await queueRun(two);
    const q2 = await queueRun(two);
    await stopWorkers(two);
    const here2 = await alone();
    const here = (here1.wall + here2.wall) / 2;
    const hereCpu = (here1.cpu + here2.cpu) / 2;
    const msPerInvoice = (ms: number) => `${(ms / n).toFixed(1)} ms/invoice`;
    const queueCpu = (q: typeof q1) => q.workersCpuMs + q.cpuMs + q.redisCpuMs;
    return [
      {
        stage: `invoice PDFs, one process of its own, no queue (${label})`,
        ms: [here * scale],
        note: `CPU ${msPerInvoice(hereCpu)}, wall ${msPerInvoice(here)}`,
      },
      {
        stage: `invoice PDFs, queue, 1 worker (${label})`,
        ms: [q1.wall * scale],
        floor: 'one process of its own, no queue',
        floorMs: [here * scale],
        note: `CPU ${msPerInvoice(queueCpu(q1))} (worker ${msPerInvoice(q1.workersCpuMs)}, coordinator ${msPerInvoice(q1.cpuMs)} = ${(q1.cpuMs / chunks.length).toFixed(1)} ms/chunk, redis ${msPerInvoice(q1.redisCpuMs)}): overhead ${msPerInvoice(queueCpu(q1) - hereCpu)} CPU, ${msPerInvoice(q1.wall - here)} wall (${chunks.length} chunks of ≤50)`,
      },
      {
        stage: `invoice PDFs, queue, 2 workers (${label})`,
        ms: [q2.wall * scale],
        floor: 'queue, 1 worker',
        floorMs: [q1.wall * scale],
        note: `${(q1.wall / q2.wall).toFixed(2)}× faster than 1 worker, ${(here / q2.wall).toFixed(2)}× than one process of its own; CPU ${msPerInvoice(queueCpu(q2))} (workers ${msPerInvoice(q2.workersCpuMs)})`,
      },
      {
        stage: 'Redis memory per queued invoice',
        ms: [memoryPerInvoice],
        unit: 'bytes',
        note: `INFO used_memory, ${chunks.length} chunks queued (${n} invoices), no worker`,
      },
    ];
  } finally {
    await redis.stop();
    await rm(outDir, { recursive: true, force: true });
  }
}
