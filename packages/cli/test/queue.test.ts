/**
 * `carebill preview --queue` with `carebill worker`s, against a real redis-server started
 * here (127.0.0.1, a free port, a temporary folder; stopped after). Every run's files are
 * compared byte for byte with `carebill preview` on one machine (the workbook, whose zip
 * entries carry a time, by its cells).
 *
 * One Redis serves the story of a month: a poisoned chunk fails the run naming its
 * invoices; a worker is SIGKILLed holding a job and the run still completes; the failed
 * run, run again, renders only what it had not; three workers render a fresh run. A
 * second Redis is stopped under a waiting run; a third speaks TLS with a password.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QUEUE_NAME, QUEUE_PREFIX } from '@carebill/queue';
import { type RedisServer, redisServerMissing, startRedisServer } from '@carebill/queue/test-redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { type CliResult, DEMO, snapshot, spawnCli, until, visibleFiles } from './cli-process.js';
import { runCliCaptured } from './run-cli.js';

const missing = redisServerMissing();
/** A key of the queue in Redis. */
const key = (name: string) => `${QUEUE_PREFIX}:${QUEUE_NAME}:${name}`;
/** Real processes on a machine that may be busy: minutes, not the suite's default minute. */
const SLOW = { timeout: 240_000 };
if (missing !== undefined) process.stderr.write(`queue.test.ts: ${missing}\n`);

/** A `carebill worker` process (its own process group: its rendering processes with it). */
interface WorkerProcess {
  readonly pid: number;
  readonly log: () => string;
  readonly ended: Promise<CliResult>;
}

const workers: WorkerProcess[] = [];
function startWorker(url: string, args: string[] = [], env: Record<string, string> = {}) {
  let pid = 0;
  let log = '';
  const ended = spawnCli(['worker', '--queue', url, '--lock-seconds', '5', ...args], {
    group: true,
    env,
    onStart: (p) => {
      pid = p;
    },
    onStderr: (soFar) => {
      log = soFar;
    },
  });
  const worker = { pid, log: () => log, ended };
  workers.push(worker);
  return worker;
}
function killGroup(worker: WorkerProcess): void {
  try {
    process.kill(-worker.pid, 'SIGKILL');
  } catch {
    // gone already
  }
}

/** The visible files of a folder by SHA-256, the workbook by its cells. */
async function contents(folder: string): Promise<Record<string, string>> {
  const files = visibleFiles(await snapshot(folder));
  const workbook = XLSX.read(await readFile(join(folder, 'preview.xlsx')));
  files['preview.xlsx'] = JSON.stringify(
    workbook.SheetNames.map((name) =>
      XLSX.utils.sheet_to_json(workbook.Sheets[name] as XLSX.WorkSheet, { header: 1 }),
    ),
  );
  return files;
}

let root = '';
let data = '';
let reference: Record<string, string> = {};
/** An invoice sent by email only (its PDF in no print pack), the last of them. */
let lastInvoice = '';
let firstInvoice = '';
const month = ['--month', '2024-11'];
const preview = (out: string, url: string, extra: string[] = []) =>
  spawnCli(['preview', '--data', data, ...month, '--out', out, '--queue', url, ...extra]);

beforeAll(async () => {
  if (missing !== undefined) return;
  root = await mkdtemp(join(tmpdir(), 'carebill-queue-'));
  data = join(root, 'data');
  // A five-home month, kept small for the suite (6 residents a home, a year of history).
  const generated = await runCliCaptured([
    'generate',
    '--homes',
    '5',
    '--residents-per-home',
    '6',
    '--years',
    '1',
    '--out',
    data,
  ]);
  expect(generated.code).toBe(0);
  const single = join(root, 'single');
  const made = await runCliCaptured(['preview', '--data', data, ...month, '--out', single]);
  expect(made.code, made.stderr).toBe(0);
  reference = await contents(single);
  const { invoices } = JSON.parse(await readFile(join(single, 'preview.json'), 'utf8')) as {
    invoices: { number: string; delivery: { post: boolean } }[];
  };
  firstInvoice = invoices[0]?.number as string;
  // Poisoned: the last invoice in no print pack, so its chunk is the last one queued.
  lastInvoice = invoices.filter((invoice) => !invoice.delivery.post).at(-1)?.number as string;
}, SLOW.timeout);

afterAll(async () => {
  for (const worker of workers) killGroup(worker);
  await Promise.all(workers.map((worker) => worker.ended));
  if (root !== '') await rm(root, { recursive: true, force: true });
});

describe.skipIf(missing !== undefined)('preview --queue with carebill workers', SLOW, () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  const chunked = ['--chunk-size', '4'];
  let poisoned = '';
  let runOfPoisoned = '';
  const resumedFiles = new Map<string, number>();

  it('fails a run whose chunk fails every attempt, naming its invoices, and writes no manifest', async () => {
    poisoned = join(root, 'poisoned');
    const worker = startWorker(redis.url, ['--concurrency', '2'], {
      CAREBILL_TEST_POISON: lastInvoice,
    });
    const result = await preview(poisoned, redis.url, chunked);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^carebill preview: chunk \\d+ of \\d+ \\(.*${lastInvoice}.*\\) could not be rendered: .*test poison`,
      ),
    );
    expect(result.stderr).toContain('run the same command again to resume');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const control = await readdir(join(poisoned, '.carebill'));
    expect(control.filter((name) => name.startsWith('manifest.'))).toEqual([]);
    expect(await readdir(poisoned)).toEqual(['.carebill']);
    runOfPoisoned = (control.find((name) => name.startsWith('queue.')) ?? '').slice(6);
    expect(runOfPoisoned).toMatch(/^[0-9a-f]{16}$/);
    // Each failed attempt is logged by the worker, with the reason and no invoice text.
    expect(worker.log()).toMatch(/failed \(attempt 1 of 3\): .*test poison/);
    // SIGTERM: the worker finishes what it renders and exits 0.
    process.kill(worker.pid, 'SIGTERM');
    expect((await worker.ended).code).toBe(0);
    // What was rendered stays for the next attempt: note the files and their inodes.
    const work = join(poisoned, '.carebill', `queue.${runOfPoisoned}`);
    const records = await readdir(join(work, 'chunks'));
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) {
      const { files } = JSON.parse(await readFile(join(work, 'chunks', record), 'utf8')) as {
        files: { path: string }[];
      };
      for (const file of files)
        resumedFiles.set(file.path, (await stat(join(work, file.path))).ino);
    }
  });

  let three: WorkerProcess[] = [];
  it('completes a run whose worker is SIGKILLed holding a job, identical to one machine', async () => {
    const out = join(root, 'killed');
    const doomed = startWorker(redis.url, ['--concurrency', '1'], {
      CAREBILL_TEST_HANG: firstInvoice,
    });
    const run = preview(out, redis.url, chunked);
    await until(() => doomed.log().includes('hanging on invoice'), 120_000);
    const active = redis.cli('LLEN', key('active')).trim();
    expect(active).toBe('1'); // the job the worker holds as it dies
    killGroup(doomed);
    three = [1, 2, 3].map(() => startWorker(redis.url, ['--concurrency', '1']));
    const result = await run;
    expect(result.code, result.stderr).toBe(0);
    expect(await contents(out)).toEqual(reference);
    const logs = three.map((worker) => worker.log()).join('');
    expect(logs).toMatch(/stalled \(its worker stopped answering\): handed on|rendered job/);
    // `carebill verify` agrees with the manifest the coordinator wrote from the workers' hashes.
    const verified = await runCliCaptured(['verify', out]);
    expect(verified.code, verified.stdout).toBe(0);
  });

  it('resumes the failed run: renders only the chunks it had not, identical to one machine', async () => {
    const result = await preview(poisoned, redis.url, chunked);
    expect(result.code, result.stderr).toBe(0);
    const resumed = /(\d+) already rendered by an earlier attempt/.exec(result.stdout);
    expect(resumed?.[1]).toBeDefined();
    const total = Number(/: (\d+) chunks/.exec(result.stdout)?.[1]);
    // The workers rendered the rest and no more: one log line per chunk of this run.
    const rendered = three
      .map(
        (worker) =>
          worker.log().match(new RegExp(`rendered job ${runOfPoisoned}-`, 'g'))?.length ?? 0,
      )
      .reduce((a, b) => a + b, 0);
    expect(rendered).toBe(total - Number(resumed?.[1]));
    expect(await contents(poisoned)).toEqual(reference);
    // The files rendered before are the very files now in place (moved, never rewritten).
    for (const [path, ino] of resumedFiles)
      expect((await stat(join(poisoned, path))).ino).toBe(ino);
    expect(await readdir(join(poisoned, '.carebill'))).not.toContainEqual(
      expect.stringMatching(/^queue\./),
    );
  });

  it('renders a fresh run on three workers identical to one machine, leaving nothing personal in Redis', async () => {
    const out = join(root, 'three');
    const result = await preview(out, redis.url);
    expect(result.code, result.stderr).toBe(0);
    expect(await contents(out)).toEqual(reference);
    const manifest = JSON.parse(
      await readFile(join(out, '.carebill', 'manifest.preview.json'), 'utf8'),
    ) as { options: Record<string, unknown> };
    expect(manifest.options['queue']).toBe(redis.url);
    // Every key the runs left has a TTL; no job (and so no payload) is left.
    const keys = redis.cli('--scan').trim().split('\n').filter(Boolean);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(Number(redis.cli('PTTL', key)), key).not.toBe(-1);
    expect(keys.filter((key) => /:[0-9a-f]{16}-\d+$/.test(key))).toEqual([]);
    const names = (
      JSON.parse(await readFile(join(out, 'preview.json'), 'utf8')) as {
        invoices: { payer: { name: string } }[];
      }
    ).invoices.map((invoice) => invoice.payer.name);
    const everything = redis.cli('XRANGE', key('events'), '-', '+');
    for (const name of names.slice(0, 10)) expect(everything).not.toContain(name);
  });

  it('stops its workers gracefully', async () => {
    for (const worker of three) process.kill(worker.pid, 'SIGTERM');
    for (const worker of three) {
      const ended = await worker.ended;
      expect(ended.code, ended.stderr).toBe(0);
      expect(ended.stderr).toContain('SIGTERM: finishing the jobs being rendered, then stopping');
    }
  });
});

describe.skipIf(missing !== undefined)('preview --queue when Redis goes', SLOW, () => {
  it('exits 1 with no manifest when Redis is stopped while the run waits', async () => {
    const redis = await startRedisServer();
    try {
      const out = join(root, 'redis-lost');
      // A process of its own, so all it prints is seen: the run's jobs wait, no worker takes them.
      const run = preview(out, redis.url);
      await until(() => Number(redis.cli('LLEN', key('wait'))) > 0, 120_000);
      await redis.kill();
      const result = await run;
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(
        /(^|\n)carebill preview: lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(.*\)\. .* was left as it was\n$/,
      );
      // One line (beside the notice that no worker is connected, if the wait was long
      // enough for it): no client library's own complaint, no stack trace.
      const lines = result.stderr
        .split('\n')
        .filter((line) => line !== '' && !line.includes('no worker is connected'));
      expect(lines).toHaveLength(1);
      expect(result.stderr).not.toContain('[ioredis]');
      await expect(stat(out)).rejects.toThrow(); // a folder the run made is gone again
    } finally {
      await redis.stop();
    }
  });

  it('exits 1 at once when Redis is not there, and 2 for a URL it cannot use', async () => {
    const redis = await startRedisServer();
    await redis.stop(); // its port, now free
    const out = join(root, 'no-redis');
    const result = await runCliCaptured([
      'preview',
      '--data',
      data,
      ...month,
      '--out',
      out,
      '--queue',
      `redis://:pw@127.0.0.1:${redis.port}`,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach Redis at redis://:***@127.0.0.1:${redis.port}/0`);
    expect(result.stderr).not.toContain('pw@');
    const bad = await runCliCaptured(['preview', '--data', data, ...month, '--queue', 'http://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--queue must start redis:// or rediss://');
  });
});

const openssl = spawnSync('openssl', ['version']).status === 0;

describe.skipIf(missing !== undefined || !openssl)(
  'preview --queue over TLS with a password',
  SLOW,
  () => {
    it('renders the demo through rediss:// and never shows the password', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'carebill-tls-'));
      const sh = (command: string) => {
        const result = spawnSync('sh', ['-c', command], { cwd: dir, encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
      };
      const key = 'openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes';
      sh(`${key} -x509 -days 1 -subj /CN=carebill-test-ca -keyout ca.key -out ca.crt 2>/dev/null`);
      sh(`${key} -subj /CN=localhost -keyout server.key -out server.csr 2>/dev/null`);
      await writeFile(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost\n');
      sh(
        'openssl x509 -req -days 1 -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -extfile san.ext -out server.crt 2>/dev/null',
      );
      const password = 'not-for-logs-7Q';
      const redis = await startRedisServer({
        password,
        tls: {
          cert: join(dir, 'server.crt'),
          key: join(dir, 'server.key'),
          ca: join(dir, 'ca.crt'),
        },
      });
      const env = { NODE_EXTRA_CA_CERTS: join(dir, 'ca.crt'), CAREBILL_QUEUE_PASSWORD: password };
      const url = `rediss://localhost:${redis.port}/3`;
      try {
        const worker = startWorker(url, ['--concurrency', '1'], env);
        const out = join(dir, 'out');
        const single = join(dir, 'single');
        expect(
          (await runCliCaptured(['preview', '--data', DEMO, ...month, '--out', single])).code,
        ).toBe(0);
        const result = await spawnCli(
          ['preview', '--data', DEMO, ...month, '--out', out, '--queue', url],
          { env },
        );
        expect(result.code, result.stderr).toBe(0);
        expect(await contents(out)).toEqual(await contents(single));
        expect(result.stdout).toContain(`workers of rediss://:***@localhost:${redis.port}/3`);
        process.kill(worker.pid, 'SIGTERM');
        const ended = await worker.ended;
        expect(ended.code).toBe(0);
        const manifest = await readFile(join(out, '.carebill', 'manifest.preview.json'), 'utf8');
        for (const text of [result.stdout, result.stderr, ended.stderr, manifest])
          expect(text).not.toContain(password);
      } finally {
        await redis.stop();
        await rm(dir, { recursive: true, force: true });
      }
    });
  },
);
