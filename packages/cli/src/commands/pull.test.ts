import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { type Emulator, loadEmulatorData, startEmulator } from '@carebill/carehq/test-emulator';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../main.js';
import { UsageError } from '../usage-error.js';
import { type PullIo, runPull } from './pull.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/carehq-emulator/', import.meta.url));
const CREDS = {
  accountId: '6750a1c24f73a2ce0000aaaa',
  apiKey: 'ck_live_cli_5e1f2a3b',
  apiSecret: 'cs_cli_0f9e8d7c6b5a49382716',
};

let api: Emulator;
let dir: string;
beforeEach(async () => {
  api = await startEmulator({ data: await loadEmulatorData(FIXTURE), ...CREDS });
  dir = await mkdtemp(join(tmpdir(), 'carebill-cli-pull-'));
});
afterEach(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

function capture(isTTY = false) {
  const stderr = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let err = '';
  stderr.on('data', (chunk) => {
    err += String(chunk);
  });
  let out = '';
  const io = (env: Record<string, string | undefined>): PullIo => ({
    env,
    stdout: { write: (text: string) => (out += text) },
    stderr,
    clientOptions: { sleep: async () => {}, timeoutMs: 2_000, backoff: { baseMs: 1, maxMs: 2 } },
  });
  return { io, out: () => out, err: () => err };
}

const env = () => ({
  CAREHQ_ACCOUNT_ID: CREDS.accountId,
  CAREHQ_API_KEY: CREDS.apiKey,
  CAREHQ_API_SECRET: CREDS.apiSecret,
  CAREHQ_API_BASE: api.url,
});

describe('carebill pull', () => {
  it('pulls the dataset, prints a summary, and draws no bar when stderr is not a terminal', async () => {
    const c = capture(false);
    const out = join(dir, 'data');
    expect(await runPull({ out }, c.io(env()))).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      '.carebill',
      'billing-contracts.json',
      'bookings.json',
      'care-fund-types.json',
      'care-funds.json',
      'location-contacts.json',
      'locations.json',
      'rooms.json',
      'service-user-contacts.json',
      'service-users.json',
    ]);
    const bookings = JSON.parse(await readFile(join(out, 'bookings.json'), 'utf8'));
    expect(bookings).toHaveLength(8);
    expect(c.out()).toContain(`Pulled from ${api.url} into ${out}:`);
    expect(c.out()).toMatch(/bookings\.json\s+8\n/);
    expect(c.err()).toBe('');
    for (const name of (await readdir(out)).filter((n) => n !== '.carebill')) {
      const text = await readFile(join(out, name), 'utf8');
      expect(text).not.toContain(CREDS.apiKey);
      expect(text).not.toContain(CREDS.apiSecret);
    }
  });

  it('draws a bar per resource on a terminal', async () => {
    const c = capture(true);
    expect(await runPull({ out: dir }, c.io(env()))).toBe(0);
    expect(c.err()).toContain('care-fund-types');
    expect(c.err()).toMatch(/bookings\s+\[[^\]]+\] 8\/8/);
  });

  it('names every missing variable as a usage error', async () => {
    const c = capture();
    await expect(runPull({ out: dir }, c.io({ CAREHQ_ACCOUNT_ID: 'x' }))).rejects.toThrow(
      new UsageError(
        'set CAREHQ_API_KEY, CAREHQ_API_SECRET in the environment (the account id and an API key ' +
          'and secret from CareHQ; CAREHQ_API_BASE or --base-url for the sandbox)',
      ),
    );
    await expect(runPull({ out: dir, location: 'home-1' }, c.io(env()))).rejects.toThrow(
      /--location must be a CareHQ location id/,
    );
  });

  it('exits 2 through the command line when credentials are missing', async () => {
    for (const name of ['CAREHQ_ACCOUNT_ID', 'CAREHQ_API_KEY', 'CAREHQ_API_SECRET']) {
      vi.stubEnv(name, '');
    }
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runCli(['pull', '--out', dir])).toBe(2);
    expect(stderr.mock.calls.map(([t]) => String(t)).join('')).toContain(
      'set CAREHQ_ACCOUNT_ID, CAREHQ_API_KEY, CAREHQ_API_SECRET in the environment',
    );
    vi.unstubAllEnvs();
  });

  it('exits 1 with a plain message, no stack and no secret, and keeps the old dataset', async () => {
    const out = join(dir, 'data');
    expect(await runPull({ out }, capture().io(env()))).toBe(0);
    const before = await readFile(join(out, 'bookings.json'), 'utf8');
    const c = capture();
    const code = await runPull(
      { out, baseUrl: api.url },
      c.io({ ...env(), CAREHQ_API_BASE: undefined, CAREHQ_API_SECRET: 'not-the-secret' }),
    );
    expect(code).toBe(1);
    expect(c.err()).toBe(
      'carebill pull: CareHQ refused the credentials (401) on GET /v1/bookings: The request ' +
        'signature is not valid. Check CAREHQ_ACCOUNT_ID, CAREHQ_API_KEY and CAREHQ_API_SECRET, ' +
        'that the key is for this environment (live or sandbox), and that this computer’s clock ' +
        `is right.\nNothing was written; ${out} is as it was.\n`,
    );
    expect(c.err()).not.toContain('not-the-secret');
    expect(c.err()).not.toContain(CREDS.apiKey);
    expect(await readFile(join(out, 'bookings.json'), 'utf8')).toBe(before);
    expect(await readdir(join(out, '.carebill'))).toEqual(['manifest.pull.json']);
  });

  it('refuses a folder of files it did not write (a dataset from elsewhere) before any request', async () => {
    await writeFile(join(dir, 'bookings.json'), '[]\n');
    await expect(runPull({ out: dir }, capture().io(env()))).rejects.toThrow(
      `refusing to write into ${dir}: it holds files carebill did not write (bookings.json)`,
    );
    expect(await readdir(dir)).toEqual(['bookings.json']);
  });

  it('exits 1 with a plain message when the folder cannot be written', async () => {
    const c = capture();
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    expect(await runPull({ out: join(file, 'data') }, c.io(env()))).toBe(1);
    expect(c.err()).toMatch(
      /^carebill pull: a part of the path is not a folder while looking at .*not-a-folder\/data\n$/,
    );
  });

  it('serialises two pulls into one folder with the folder lock', async () => {
    const out = join(dir, 'data');
    const [a, b] = await Promise.allSettled([
      runPull({ out }, capture().io(env())),
      runPull({ out }, capture().io(env())),
    ]);
    // in one process the second finds the lock held by a live process: this one
    expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
    const refused = [a, b].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/is in use by carebill pull \(pid \d+/);
    const waited = await Promise.all([
      runPull({ out, waitLock: true }, capture().io(env())),
      runPull({ out, waitLock: true }, capture().io(env())),
    ]);
    expect(waited).toEqual([0, 0]);
    expect(await readdir(join(out, '.carebill'))).toEqual(['manifest.pull.json']);
  });

  it('reports retries on stderr and still completes', async () => {
    const c = capture();
    api.inject('server-error', { resource: 'rooms' });
    expect(await runPull({ out: dir }, c.io(env()))).toBe(0);
    expect(c.err()).toMatch(
      /^carebill pull: GET \/v1\/rooms failed \(SERVER 500\), attempt 1; retrying in 0\.0 s\n$/,
    );
  });

  it('pulls one home with --location, with its residents’ records wherever they are filed', async () => {
    const c = capture();
    const home = '6750a1c24f73a2ce00000102';
    expect(await runPull({ out: dir, location: home }, c.io(env()))).toBe(0);
    expect(c.out()).toContain(`Pulled from ${api.url} (location ${home}) into ${dir}:`);
    expect(c.out()).toMatch(/billing-contracts\.json\s+3\n/);
    expect(c.out()).toMatch(/bookings\.json\s+4\n/);
  });

  it('stops an endless answer at the size limit: exit 1, one line, the old dataset kept', async () => {
    const out = join(dir, 'data');
    expect(await runPull({ out }, capture().io(env()))).toBe(0);
    const before = await readFile(join(out, 'care-funds.json'), 'utf8');
    const c = capture();
    api.inject('endless', { resource: 'care-funds', times: Number.POSITIVE_INFINITY });
    expect(await runPull({ out }, c.io(env()))).toBe(1);
    expect(c.err()).toBe(
      'carebill pull: CareHQ sent more than this client accepts on GET /v1/care-funds: The ' +
        "answer is larger than 16 MiB, this client's limit for one answer. Check that the base " +
        'URL (--base-url / CAREHQ_API_BASE) is CareHQ’s; if it is, report it (the limits are in ' +
        `docs/carehq.md).\nNothing was written; ${out} is as it was.\n`,
    );
    expect(api.log.filter((r) => r.resource === 'care-funds')).toHaveLength(2);
    expect(await readFile(join(out, 'care-funds.json'), 'utf8')).toBe(before);
    expect(await readdir(join(out, '.carebill'))).toEqual(['manifest.pull.json']);
  });
});
