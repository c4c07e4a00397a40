/**
 * The coordinator side: puts a run's chunks on the queue and waits for the workers to
 * render them, learning of each from the queue's events (`QueueEvents`).
 *
 * - **Resuming.** Chunks whose record is already in the work folder (an earlier attempt at
 *   the same run) are not queued again. A chunk still queued by that attempt keeps its job:
 *   adding the same job id adds nothing, and its completion is awaited like the others'.
 * - **Bounded Redis.** Chunks holding at most `window` invoices are in Redis at once; more
 *   are added as chunks finish, so Redis holds tens of megabytes whatever the group's size.
 * - **Failing loudly.** A chunk that fails all its attempts fails the run, naming its
 *   invoices; Redis lost for more than a few seconds fails it too (a resumable failure:
 *   run again). Every few seconds the coordinator checks that its jobs still exist, so a
 *   job removed or expired under it is an error, never an endless wait.
 * - **Leaving nothing personal.** Each job's key gets a TTL as it is added; jobs go when
 *   done (see `protocol.ts`); a failed run removes its jobs still waiting; and the queue's
 *   own keys get the TTL once the queue is idle.
 */
import type { DayRange } from '@carebill/core';
import { type JobsOptions, Queue, QueueEvents } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { type QueueConnection, redisOptions } from './connection.js';
import { QueueError } from './errors.js';
import type { RenderChunk } from './plan.js';
import {
  chunkOfJobId,
  JOB_NAME,
  JOB_OPTIONS,
  JOB_TTL_SECONDS,
  jobIdOf,
  PROTOCOL,
  QUEUE_NAME,
  QUEUE_PREFIX,
  type RenderedFile,
  type RenderJobData,
  type RenderJobResult,
} from './protocol.js';
import { readChunkRecords } from './work-folder.js';

/**
 * Invoices in Redis at once, by default (256 chunks of 50): about 57 MB of payload at the
 * measured ~4.5 kB an invoice, and enough queued work for ~50 rendering processes even
 * while the 250-invoice print packs go first. docs/scale.md has the sum for more machines.
 */
export const DEFAULT_WINDOW = 12_800;
/** How often the coordinator checks Redis, its jobs and the workers. */
const CHECK_EVERY_MS = 5_000;
/** Reconnection attempts (~3 s in all) before Redis counts as lost. */
const RECONNECT_TRIES = 5;
/** How long closing the connections may take when Redis is gone. */
const CLOSE_WITHIN_MS = 2_000;

export interface QueueRunOptions {
  readonly connection: QueueConnection;
  /** The run's id (`queueRunId`). */
  readonly run: string;
  /** The run's work folder, absolute, as the workers see it (`openWorkFolder`). */
  readonly folder: string;
  readonly chunks: readonly RenderChunk[];
  readonly period: DayRange | null;
  /** Told once for each chunk whose files are written; `resumed` when an earlier attempt wrote them. */
  readonly onChunk?: (chunk: RenderChunk, resumed: boolean) => void;
  /** Told what the user should know while waiting (no worker connected). */
  readonly onNotice?: (text: string) => void;
  /** The most invoices queued at once (see {@link DEFAULT_WINDOW}). */
  readonly window?: number;
}

/** What a run rendered. */
export interface QueueRunResult {
  /** Every file by path, with its size and SHA-256 as the worker wrote it. */
  readonly files: ReadonlyMap<string, Omit<RenderedFile, 'path'>>;
  /** Chunks an earlier attempt at the run had already rendered. */
  readonly resumed: number;
}

/**
 * Renders a run's chunks on the queue's workers and resolves once every file is in the
 * work folder. Rejects with a {@link QueueError} (`REDIS_UNREACHABLE`, `REDIS_AUTH`,
 * `REDIS_LOST`, `CHUNK_FAILED`, `JOB_LOST`, `BAD_RESULT`).
 *
 * @example
 * const { folder } = await openWorkFolder(controlDir, run, chunks)
 * const { files } = await renderOnQueue({ connection, run, folder, chunks, period })
 */
export async function renderOnQueue(options: QueueRunOptions): Promise<QueueRunResult> {
  const { connection, run, chunks } = options;
  const control = await connectControl(connection);
  const files = new Map<string, Omit<RenderedFile, 'path'>>();
  const done = new Set<number>();
  const accept = (chunk: RenderChunk, result: RenderJobResult, resumed: boolean) => {
    if (done.has(chunk.index)) return;
    for (const file of result.files) files.set(file.path, { size: file.size, sha256: file.sha256 });
    done.add(chunk.index);
    options.onChunk?.(chunk, resumed);
  };
  const records = await readChunkRecords(options.folder, run);
  for (const chunk of chunks) {
    const record = records.get(chunk.index);
    if (record !== undefined && matchesPlan(chunk, record)) accept(chunk, record, true);
  }
  const resumed = done.size;
  if (done.size === chunks.length) {
    await expireIdleQueue(control).catch(() => {});
    control.disconnect();
    return { files, resumed };
  }

  const base = redisOptions(connection);
  const eventsKey = `${QUEUE_PREFIX}:${QUEUE_NAME}:events`;
  // Events from this moment on: read the stream's last id before anything is added.
  const last = (await control.xrevrange(eventsKey, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
  const events = new QueueEvents(QUEUE_NAME, {
    connection: base,
    prefix: QUEUE_PREFIX,
    lastEventId: last,
  });
  const queue = new Queue<RenderJobData, RenderJobResult, typeof JOB_NAME>(QUEUE_NAME, {
    connection: { ...base, enableOfflineQueue: false },
    prefix: QUEUE_PREFIX,
  });
  // Both reconnect on their own; whether Redis is lost is decided by `control`.
  events.on('error', () => {});
  queue.on('error', () => {});

  const byIndex = new Map(chunks.map((chunk) => [chunk.index, chunk]));
  const todo = chunks.filter((chunk) => !done.has(chunk.index));
  const inRedis = new Set<number>();
  let invoicesInRedis = 0;
  const window = options.window ?? DEFAULT_WINDOW;
  let stop: (error?: QueueError) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    stop = (error) => (error === undefined ? resolve() : reject(error));
  });
  finished.catch(() => {}); // awaited below; a failure before then is not unhandled
  let failure: QueueError | undefined;
  const fail = (error: QueueError) => {
    failure ??= error;
    stop(error);
  };
  const complete = (chunk: RenderChunk, result: RenderJobResult) => {
    if (inRedis.delete(chunk.index)) invoicesInRedis -= chunk.invoices;
    accept(chunk, result, false);
    if (done.size === chunks.length) stop();
    else void topUp();
  };

  events.on('completed', ({ jobId, returnvalue }) => {
    const chunk = byIndex.get(chunkOfJobId(run, jobId) ?? -1);
    if (chunk === undefined || done.has(chunk.index)) return;
    const result = returnvalue as unknown as RenderJobResult;
    if (!matchesPlan(chunk, result)) {
      fail(
        new QueueError(
          'BAD_RESULT',
          `a worker's answer for ${describeChunk(chunk, chunks.length)} does not list the files it was asked for (a worker of another carebill?)`,
        ),
      );
      return;
    }
    complete(chunk, result);
  });
  events.on('failed', ({ jobId, failedReason }) => {
    const chunk = byIndex.get(chunkOfJobId(run, jobId) ?? -1);
    if (chunk === undefined || done.has(chunk.index)) return;
    fail(
      new QueueError(
        'CHUNK_FAILED',
        `${describeChunk(chunk, chunks.length)} could not be rendered: ${failedReason}`,
      ),
    );
  });

  let lastError = '';
  control.on('error', (error: Error) => {
    lastError = error.message;
  });
  control.on('end', () =>
    fail(
      new QueueError(
        'REDIS_LOST',
        `lost the connection to Redis at ${connection.display}${lastError === '' ? '' : ` (${lastError})`}`,
      ),
    ),
  );

  let filling = false;
  let next = 0;
  const topUp = async () => {
    if (filling) return;
    filling = true;
    try {
      while (failure === undefined && next < todo.length && invoicesInRedis < window) {
        // The next chunks up to the window (always at least one: a pack may exceed it alone).
        const batch: RenderChunk[] = [];
        while (next < todo.length && (batch.length === 0 || invoicesInRedis < window)) {
          const chunk = todo[next] as RenderChunk;
          next += 1;
          batch.push(chunk);
          inRedis.add(chunk.index);
          invoicesInRedis += chunk.invoices;
        }
        await queue.addBulk(batch.map((chunk) => queuedJobOf(options, chunk)));
        // A TTL on each job's key: its payload goes even if every process of the run dies.
        const expiring = control.pipeline();
        for (const chunk of batch)
          expiring.expire(
            `${QUEUE_PREFIX}:${QUEUE_NAME}:${jobIdOf(run, chunk.index)}`,
            JOB_TTL_SECONDS,
          );
        await expiring.exec();
      }
    } catch (error) {
      if (control.status === 'ready')
        fail(
          new QueueError(
            'REDIS_LOST',
            `Redis at ${connection.display} refused the run's jobs: ${(error as Error).message}`,
          ),
        );
    } finally {
      filling = false;
    }
  };

  const missingBefore = new Set<number>();
  let toldNoWorkers = false;
  const check = async () => {
    if (control.status !== 'ready' || failure !== undefined) return;
    const waiting = [...inRedis];
    const exists = control.pipeline();
    for (const index of waiting)
      exists.exists(`${QUEUE_PREFIX}:${QUEUE_NAME}:${jobIdOf(run, index)}`);
    const answers = (await exists.exec()) ?? [];
    const missing = waiting.filter((_, i) => answers[i]?.[1] === 0);
    if (missing.length > 0) {
      const recorded = await readChunkRecords(options.folder, run);
      for (const index of missing) {
        const chunk = byIndex.get(index) as RenderChunk;
        const record = recorded.get(index);
        if (record !== undefined && matchesPlan(chunk, record)) complete(chunk, record);
        else if (missingBefore.has(index))
          fail(
            new QueueError(
              'JOB_LOST',
              `the job of ${describeChunk(chunk, chunks.length)} is no longer in Redis at ${connection.display} (removed, expired, or Redis restarted without its data); run the command again to queue it again`,
            ),
          );
      }
    }
    missingBefore.clear();
    for (const index of missing) if (!done.has(index)) missingBefore.add(index);
    const workers = await queue.getWorkersCount().catch(() => -1);
    if (workers === 0 && !toldNoWorkers)
      options.onNotice?.(
        `no worker is connected to the queue at ${connection.display}; start one with: carebill worker --queue ${connection.display}`,
      );
    toldNoWorkers = workers === 0;
  };
  const timer = setInterval(() => {
    check().catch(() => {});
  }, CHECK_EVERY_MS);

  try {
    await topUp();
    await check().catch(() => {});
    await finished;
    return { files, resumed };
  } catch (error) {
    if (control.status === 'ready') await removeJobs(queue, run, [...inRedis]);
    throw error;
  } finally {
    clearInterval(timer);
    if (control.status === 'ready') {
      await closeWithin([events.close(), queue.close()]);
      // Stop their reconnecting too, whether or not they closed: nothing may keep the process up.
      await closeWithin([events.disconnect(), queue.disconnect()]);
    } else {
      // Redis is gone: stop their reconnecting first. Closing first would take their error
      // listeners away while ioredis kept retrying, and it would print each failed attempt.
      await closeWithin([events.disconnect(), queue.disconnect()]);
      await closeWithin([events.close(), queue.close()]);
    }
    if (control.status === 'ready') {
      await expireRunKeys(control, run).catch(() => {});
      await expireIdleQueue(control).catch(() => {});
    }
    control.disconnect();
  }
}

/**
 * A chunk's job as the coordinator queues it: name, data (the files' invoices, the run,
 * the work folder) and options (its id, attempts, removal).
 *
 * @example await queue.addBulk(chunks.map((chunk) => queuedJobOf({ run, folder, period }, chunk)))
 */
export function queuedJobOf(
  run: Pick<QueueRunOptions, 'run' | 'folder' | 'period'>,
  chunk: RenderChunk,
): { name: typeof JOB_NAME; data: RenderJobData; opts: JobsOptions } {
  return {
    name: JOB_NAME,
    data: {
      protocol: PROTOCOL,
      run: run.run,
      chunk: chunk.index,
      folder: run.folder,
      period: run.period,
      files: chunk.files,
    },
    opts: { ...JOB_OPTIONS, jobId: jobIdOf(run.run, chunk.index) },
  };
}

/** The connection that decides whether Redis is there: it gives up after a few seconds. */
async function connectControl(connection: QueueConnection): Promise<Redis> {
  const control = new Redis({
    ...(redisOptions(connection) as RedisOptions),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
    retryStrategy: (times) => (times > RECONNECT_TRIES ? null : Math.min(times * 200, 1_000)),
  });
  let lastError: Error | undefined;
  control.on('error', (error: Error) => {
    lastError = error;
  });
  try {
    await control.connect();
    await control.ping();
    return control;
  } catch (error) {
    control.disconnect();
    const message = (lastError ?? (error as Error)).message;
    if (/WRONGPASS|NOAUTH|NOPERM|invalid password|invalid username/i.test(message))
      throw new QueueError(
        'REDIS_AUTH',
        `Redis at ${connection.display} refused carebill's credentials: ${message}`,
      );
    throw new QueueError(
      'REDIS_UNREACHABLE',
      `cannot reach Redis at ${connection.display}: ${message}`,
      { cause: error },
    );
  }
}

/** Does a worker's answer (or record) list exactly the chunk's files, in order? */
function matchesPlan(chunk: RenderChunk, result: RenderJobResult | null | undefined): boolean {
  const files = result?.files;
  return (
    Array.isArray(files) &&
    files.length === chunk.files.length &&
    files.every(
      (file, i) =>
        file?.path === chunk.files[i]?.path &&
        Number.isInteger(file.size) &&
        typeof file.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(file.sha256),
    )
  );
}

/**
 * A chunk as a person reads it: which files and which invoices (numbers in ranges).
 *
 * @example describeChunk(chunk, 12) // 'chunk 3 of 12 (invoices PREVIEW-202411-0101 – PREVIEW-202411-0150)'
 */
export function describeChunk(chunk: RenderChunk, of: number): string {
  const numbers = chunk.files.flatMap((file) => file.invoices.map((invoice) => invoice.number));
  const what =
    chunk.files.length === 1 && chunk.files[0]?.kind === 'pack' ? `${chunk.files[0].path}, ` : '';
  return `chunk ${chunk.index + 1} of ${of} (${what}invoice${numbers.length === 1 ? '' : 's'} ${formatNumberRanges(numbers)})`;
}

/**
 * Invoice numbers with runs of consecutive numbers as ranges.
 *
 * @example formatNumberRanges(['P-0001', 'P-0002', 'P-0003', 'P-0007']) === 'P-0001 – P-0003, P-0007'
 */
export function formatNumberRanges(numbers: readonly string[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < numbers.length) {
    let j = i;
    while (j + 1 < numbers.length && follows(numbers[j] as string, numbers[j + 1] as string)) j++;
    parts.push(j === i ? (numbers[i] as string) : `${numbers[i]} – ${numbers[j]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

/** Is `b` the number after `a` (same prefix, trailing digits one more)? */
function follows(a: string, b: string): boolean {
  const ma = /^(.*?)(\d+)$/.exec(a);
  const mb = /^(.*?)(\d+)$/.exec(b);
  return (
    ma !== null &&
    mb !== null &&
    ma[1] === mb[1] &&
    (ma[2] as string).length === (mb[2] as string).length &&
    BigInt(mb[2] as string) === BigInt(ma[2] as string) + 1n
  );
}

/** Removes the run's jobs still waiting (a job being rendered cannot be: it goes when done). */
async function removeJobs(
  queue: Queue<RenderJobData, RenderJobResult, typeof JOB_NAME>,
  run: string,
  chunks: readonly number[],
): Promise<void> {
  await closeWithin(chunks.map((index) => queue.remove(jobIdOf(run, index)).catch(() => 0)));
}

/** Gives every key of the run's jobs that has no TTL one (what a job left: its logs). */
async function expireRunKeys(control: Redis, run: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await control.scan(
      cursor,
      'MATCH',
      `${QUEUE_PREFIX}:${QUEUE_NAME}:${run}-*`,
      'COUNT',
      1000,
    );
    cursor = next;
    for (const key of keys)
      if ((await control.ttl(key)) === -1) await control.expire(key, JOB_TTL_SECONDS);
  } while (cursor !== '0');
}

/** The queue's lists and sets that hold jobs: the queue is idle when all are empty. */
const JOB_HOLDERS = ['wait', 'paused', 'active', 'delayed', 'prioritized', 'waiting-children'];
/** The queue's own keys (counters, events, markers), given a TTL when it is idle. */
const QUEUE_KEYS = [
  'meta',
  'id',
  'pc',
  'events',
  'marker',
  'stalled',
  'stalled-check',
  'limiter',
  'completed',
  'failed',
];
const EXPIRE_IF_IDLE = `
local holders = tonumber(ARGV[2])
for i = 1, holders do
  local kind = redis.call('TYPE', KEYS[i])['ok']
  if kind == 'list' and redis.call('LLEN', KEYS[i]) > 0 then return 0 end
  if kind == 'zset' and redis.call('ZCARD', KEYS[i]) > 0 then return 0 end
end
for i = holders + 1, #KEYS do
  if redis.call('PTTL', KEYS[i]) == -1 then redis.call('PEXPIRE', KEYS[i], ARGV[1]) end
end
return 1`;

/**
 * When no job of any run is queued, gives the queue's own keys (its events stream, which
 * names jobs and files; its counters) the TTL, in one atomic step. A queue in use by
 * another run is left alone: that run does it when it ends.
 *
 * @example await expireIdleQueue(redis) // 1 when the keys were given the TTL
 */
export async function expireIdleQueue(control: Redis): Promise<number> {
  const key = (name: string) => `${QUEUE_PREFIX}:${QUEUE_NAME}:${name}`;
  return (await control.eval(
    EXPIRE_IF_IDLE,
    JOB_HOLDERS.length + QUEUE_KEYS.length,
    ...JOB_HOLDERS.map(key),
    ...QUEUE_KEYS.map(key),
    JOB_TTL_SECONDS * 1000,
    JOB_HOLDERS.length,
  )) as number;
}

/** Waits for `work`, but no longer than {@link CLOSE_WITHIN_MS} (Redis may be gone). */
async function closeWithin(work: readonly Promise<unknown>[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(work),
    new Promise((resolve) => {
      timer = setTimeout(resolve, CLOSE_WITHIN_MS);
    }),
  ]);
  clearTimeout(timer);
}
