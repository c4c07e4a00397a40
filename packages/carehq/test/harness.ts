/**
 * Test wiring: the emulator serving `fixtures/carehq-emulator`, a client pointed at it, and a
 * fake clock shared by both, whose `sleep` advances time instead of waiting — so backoff
 * and rate-limit waits cost nothing. Timeouts stay real (they guard real sockets).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';
import { CareHqClient, type CareHqClientOptions, type RetryEvent } from '../src/client.js';
import { CareHqError } from '../src/errors.js';
import { RESOURCE_ATTRIBUTES } from '../src/resources.js';
import {
  type Emulator,
  type EmulatorData,
  type EmulatorOptions,
  loadEmulatorData,
  startEmulator,
} from './emulator.js';

export const FIXTURE_DIR = fileURLToPath(
  new URL('../../../fixtures/carehq-emulator/', import.meta.url),
);

export const CREDENTIALS = {
  accountId: '6750a1c24f73a2ce0000aaaa',
  apiKey: 'ck_live_7f3a9b21e4d84c0f',
  apiSecret: 'cs_9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a',
} as const;

export interface Harness {
  readonly api: Emulator;
  readonly data: EmulatorData;
  readonly client: CareHqClient;
  readonly sleeps: number[];
  readonly retries: RetryEvent[];
  /** Fake epoch milliseconds, moved on by sleeps. */
  now(): number;
  makeClient(overrides?: Partial<CareHqClientOptions>): CareHqClient;
  tempDir(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the emulator on the fixture and a client wired to it with a shared fake clock.
 *
 * @example const h = await startHarness({ rateLimit: { limit: 3, windowMs: 10_000 } }, { perPage: 2 })
 */
export async function startHarness(
  emulator: Partial<EmulatorOptions> = {},
  clientOptions: Partial<CareHqClientOptions> = {},
): Promise<Harness> {
  let time = Date.UTC(2026, 0, 5, 9, 0, 0);
  const now = () => time;
  const sleeps: number[] = [];
  const retries: RetryEvent[] = [];
  const dirs: string[] = [];
  const data = await loadEmulatorData(FIXTURE_DIR);
  const api = await startEmulator({ data, ...CREDENTIALS, now, ...emulator });
  const makeClient = (overrides: Partial<CareHqClientOptions> = {}) =>
    new CareHqClient({
      credentials: CREDENTIALS,
      baseUrl: api.url,
      now,
      random: () => 0.5,
      sleep: async (ms) => {
        sleeps.push(ms);
        time += ms;
      },
      timeoutMs: 2_000,
      maxAttempts: 4,
      backoff: { baseMs: 100, maxMs: 1_000 },
      onRetry: (event) => retries.push(event),
      ...clientOptions,
      ...overrides,
    });
  return {
    api,
    data,
    client: makeClient(),
    sleeps,
    retries,
    now,
    makeClient,
    async tempDir() {
      const dir = await mkdtemp(join(tmpdir(), 'carebill-pull-'));
      dirs.push(dir);
      return dir;
    },
    async close() {
      await api.close();
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What a pull of the fixture must give: `_id` plus the requested attributes, sorted by id.
 *
 * @example expect(data.rooms).toEqual(expectedRecords(h.data, 'rooms'))
 */
export function expectedRecords(data: EmulatorData, resource: keyof typeof RESOURCE_ATTRIBUTES) {
  return (data[resource] ?? [])
    .map((r) => {
      const out: Record<string, unknown> = { _id: r._id };
      for (const a of RESOURCE_ATTRIBUTES[resource]) out[a] = r[a] ?? null;
      return out;
    })
    .sort((a, b) => ((a._id as string) < (b._id as string) ? -1 : 1));
}

/**
 * Every file in a folder with its text, for before/after comparisons.
 *
 * @example expect(await snapshotDir(out)).toEqual(before)
 */
export async function snapshotDir(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort())
    out[name] = await readFile(join(dir, name), 'utf8');
  return out;
}

/**
 * The CareHqError a promise rejects with (failing the test when it resolves or rejects
 * with anything else).
 *
 * @example const error = await rejection(client.get('rooms')); error.code // 'FORBIDDEN'
 */
export async function rejection(promise: Promise<unknown>): Promise<CareHqError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CareHqError);
  return error as CareHqError;
}

/**
 * One harness per test: returns a starter, and closes what it started after each test.
 *
 * @example const setup = harnessPerTest(); it('…', async () => { const h = await setup() })
 */
export function harnessPerTest(): (...args: Parameters<typeof startHarness>) => Promise<Harness> {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  return async (...args) => {
    harness = await startHarness(...args);
    return harness;
  };
}
