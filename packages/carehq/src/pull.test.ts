import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { RESOURCES } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import type { Fault } from '../test/emulator.js';
import {
  CREDENTIALS,
  expectedRecords,
  harnessPerTest,
  rejection,
  snapshotDir,
} from '../test/harness.js';
import { CareHqClient } from './client.js';
import { pullDataset } from './pull.js';
import { formatRecords, isPullTempFile } from './write-dataset.js';

const setup = harnessPerTest();

function expectNoSecrets(text: string) {
  expect(text).not.toContain(CREDENTIALS.apiKey);
  expect(text).not.toContain(CREDENTIALS.apiSecret);
}

const L2 = '6750a1c24f73a2ce00000102';

describe('pullDataset against the emulator', () => {
  it('pulls every resource, equal to the fixture, into nine stable files', async () => {
    const h = await setup();
    const out = join(await h.tempDir(), 'data');
    const progress: string[] = [];
    const data = await pullDataset({
      client: h.client,
      outDir: out,
      onProgress: (p) =>
        progress.push(`${p.resource} ${p.received}/${p.total}${p.done ? ' done' : ''}`),
    });
    const files = await snapshotDir(out);
    expect(Object.keys(files)).toEqual(RESOURCES.map((r) => `${r}.json`).sort());
    for (const resource of RESOURCES) {
      const expected = expectedRecords(h.data, resource);
      expect(expected.length).toBeGreaterThan(0);
      expect(data[resource]).toEqual(expected);
      expect(JSON.parse(files[`${resource}.json`] ?? '')).toEqual(expected);
      expect(files[`${resource}.json`]).toBe(formatRecords(expected as never));
      expectNoSecrets(files[`${resource}.json`] ?? '');
    }
    // One request per resource (everything fits a page of 100), each asking for 100.
    expect(h.api.log.map((r) => r.resource)).toEqual([...RESOURCES]);
    expect(h.api.log.every((r) => r.params.get('per_page') === '100' && r.status === 200)).toBe(
      true,
    );
    expect(h.api.log[0]?.params.getAll('attributes')).toContain('rate_period');
    expect(progress).toContain('bookings 8/8 done');
    expect(h.retries).toEqual([]);
  });

  it('follows page_count through every page', async () => {
    const h = await setup({}, { perPage: 2 });
    const data = await pullDataset({ client: h.client });
    expect(data.bookings).toEqual(expectedRecords(h.data, 'bookings'));
    const pages = h.api.log
      .filter((r) => r.resource === 'bookings')
      .map((r) => r.params.get('page'));
    expect(pages).toEqual(['1', '2', '3', '4']);
  });

  it('pulls one home with --location: its stays and all of its residents’ records', async () => {
    // The rule and its proof against whole-group previews are in one-home.test.ts.
    const h = await setup();
    const data = await pullDataset({ client: h.client, location: L2 });
    const id = (n: string) => `6750a1c24f73a2ce00000${n}`;
    // Meadow View's three stays, and Walter's earlier stay at Rectory Gardens.
    expect(data.bookings.map((r) => r._id)).toEqual([id('604'), id('606'), id('607'), id('608')]);
    expect(data.locations.map((r) => r._id)).toEqual([id('101'), L2]);
    expect(data.rooms.map((r) => r['name'])).toEqual([
      'Room 2',
      'Willow 1',
      'Willow 2',
      'Willow 3',
    ]);
    // The council that covers both homes, and one registered at the other home only that
    // pays for a resident here; not the ICB, which pays only at the other home.
    expect(data['location-contacts'].map((r) => r['company_name'])).toEqual([
      'Oxfordshire County Council',
      'Buckinghamshire Council',
    ]);
    expect(data['billing-contracts'].map((r) => r._id)).toEqual([id('705'), id('706'), id('707')]);
    expect(data['care-funds'].map((r) => r['service_user'])).toEqual([id('304'), id('306')]);
    expect(data['care-fund-types']).toHaveLength(2);
    expect(h.api.log.find((r) => r.resource === 'locations')?.params.getAll('filters-ids')).toEqual(
      [L2],
    );
  });

  it.each<[Fault, string]>([
    ['server-error', 'SERVER'],
    ['rate-limited', 'RATE_LIMITED'],
    ['reset', 'NETWORK'],
    ['truncate', 'NETWORK'],
    ['bad-json', 'BAD_RESPONSE'],
    ['stall', 'TIMEOUT'],
  ])('survives %s twice on a page and retries it with backoff', async (fault, code) => {
    // Only the stall needs a short timeout; a generous one elsewhere keeps a busy machine's
    // slow answers from counting as extra failures.
    const h = await setup({}, { perPage: 2, timeoutMs: fault === 'stall' ? 300 : 5000 });
    h.api.inject(fault, { resource: 'bookings', page: 2, times: 2 });
    const out = await h.tempDir();
    const data = await pullDataset({ client: h.client, outDir: out });
    expect(data.bookings).toEqual(expectedRecords(h.data, 'bookings'));
    expect(h.retries.map((r) => [r.request, r.failedAttempt, r.code])).toEqual([
      ['GET /v1/bookings', 1, code],
      ['GET /v1/bookings', 2, code],
    ]);
    // Backoff doubles: 100 then 200 ceilings, jitter 0.5 ⇒ 75 and 150 ms.
    expect(h.retries.map((r) => r.delayMs)).toEqual([75, 150]);
    const tries = h.api.log.filter(
      (r) => r.resource === 'bookings' && r.params.get('page') === '2',
    );
    expect(tries.map((r) => r.status).at(-1)).toBe(200);
    expect(new Set(tries.map((r) => r.nonce)).size).toBe(3); // each attempt signed afresh
    expect((await snapshotDir(out))['bookings.json']).toBe(
      formatRecords(expectedRecords(h.data, 'bookings') as never),
    );
  });

  it.each<[Fault, string, RegExp]>([
    [
      'server-error',
      'SERVER',
      /An unexpected error occurred on the server\. Gave up after 4 attempts/,
    ],
    ['stall', 'TIMEOUT', /No complete answer within 0\.2 s\. Gave up after 4 attempts/],
    ['bad-json', 'BAD_RESPONSE', /not complete JSON/],
    ['reset', 'NETWORK', /Gave up after 4 attempts/],
  ])(
    'reports a lasting %s clearly and leaves the earlier dataset untouched',
    async (fault, code, message) => {
      const h = await setup({}, { timeoutMs: 200 });
      const out = await h.tempDir();
      await pullDataset({ client: h.client, outDir: out });
      const before = await snapshotDir(out);
      // Later resources fail for good, after earlier ones were fetched.
      h.api.inject(fault, { resource: 'care-funds', times: Number.POSITIVE_INFINITY });
      const error = await rejection(pullDataset({ client: h.client, outDir: out }));
      expect(error.code).toBe(code);
      expect(error.request).toBe('GET /v1/care-funds');
      expect(error.attempts).toBe(4);
      expect(error.message).toMatch(/^[^:]*CareHQ[^:]* on GET \/v1\/care-funds: /);
      expect(error.message).toMatch(message);
      expectNoSecrets(error.message);
      expect(await snapshotDir(out)).toEqual(before);
      expect(Object.keys(await snapshotDir(out)).some(isPullTempFile)).toBe(false);
    },
  );

  it('paces itself by the rate-limit headers instead of running into 429s', async () => {
    const h = await setup({ rateLimit: { limit: 3, windowMs: 10_000 } });
    const start = h.now();
    const data = await pullDataset({ client: h.client });
    expect(data.rooms).toEqual(expectedRecords(h.data, 'rooms'));
    expect(h.api.log.map((r) => r.status)).toEqual(Array(9).fill(200));
    // Nine requests at three per window: two waits, each up to the window's reset.
    expect(h.sleeps).toEqual([10_000, 10_000]);
    expect(h.now() - start).toBe(20_000);
    expect(h.client.rateLimit).toMatchObject({ limit: 3, remaining: 0 });
  });

  it('waits for the reset after a 429 that carries the headers', async () => {
    const h = await setup({ rateLimit: { limit: 100, windowMs: 4_000 } });
    h.api.inject('rate-limited', { resource: 'rooms' });
    await pullDataset({ client: h.client });
    expect(h.retries).toEqual([
      {
        request: 'GET /v1/rooms',
        failedAttempt: 1,
        code: 'RATE_LIMITED',
        status: 429,
        delayMs: 4_000,
      },
    ]);
  });

  it('gives up when the rate-limit reset is further away than it may wait', async () => {
    const h = await setup(
      { rateLimit: { limit: 1, windowMs: 3_600_000 } },
      { maxRateLimitWaitMs: 60_000 },
    );
    const error = await rejection(pullDataset({ client: h.client }));
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/resets in 3600 s/);
  });
});

describe('authentication and errors', () => {
  it('reports a wrong secret once, without retrying and without the credentials', async () => {
    const h = await setup();
    const out = await h.tempDir();
    await writeFile(join(out, 'bookings.json'), '[]\n');
    const client = h.makeClient({
      credentials: { ...CREDENTIALS, apiSecret: 'wrong-secret-value' },
    });
    const error = await rejection(pullDataset({ client, outDir: out }));
    expect(error.code).toBe('UNAUTHORISED');
    expect(error.status).toBe(401);
    expect(error.attempts).toBe(1);
    expect(error.message).toContain('The request signature is not valid.');
    expect(error.message).toContain('CAREHQ_API_SECRET');
    expectNoSecrets(error.message);
    expect(error.message).not.toContain('wrong-secret-value');
    expectNoSecrets(inspect(error, { depth: 5 }));
    expect(await snapshotDir(out)).toEqual({ 'bookings.json': '[]\n' });
  });

  it('is refused with a clock more than five minutes out', async () => {
    const h = await setup();
    const client = h.makeClient({ now: () => h.now() - 6 * 60_000 });
    const error = await rejection(pullDataset({ client }));
    expect(error.code).toBe('UNAUTHORISED');
    expect(error.message).toContain('timestamp is too far from the server time');
  });

  it('is refused when a nonce is used twice', async () => {
    const h = await setup();
    const client = h.makeClient({ randomBytes: () => new Uint8Array(16).fill(7) });
    const error = await rejection(pullDataset({ client }));
    expect(error.code).toBe('UNAUTHORISED');
    expect(error.message).toContain('nonce has already been used');
    expect(h.api.log.map((r) => r.status)).toEqual([200, 401]);
  });

  it("turns CareHQ's hint and arg_errors into the message", async () => {
    const h = await setup();
    const error = await rejection(h.client.listAll('rooms', { attributes: ['name', 'colour'] }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.status).toBe(422);
    expect(error.argErrors).toEqual({ attributes: ['Not a valid attribute: colour.'] });
    expect(error.message).toBe(
      'CareHQ rejected the request (422) on GET /v1/rooms: The request contains invalid arguments. ' +
        'attributes: Not a valid attribute: colour. ' +
        'This is a fault in carebill or an API change; please report it.',
    );
  });

  it('redacts the key and secret should an answer ever echo them', async () => {
    const client = new CareHqClient({
      credentials: CREDENTIALS,
      fetch: async () =>
        new Response(
          JSON.stringify({
            hint: `Key ${CREDENTIALS.apiKey} with secret ${CREDENTIALS.apiSecret} refused`,
            arg_errors: { key: [CREDENTIALS.apiKey] },
          }),
          { status: 403 },
        ),
    });
    const error = await rejection(client.get('rooms'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('Key [redacted] with secret [redacted] refused');
    expectNoSecrets(error.message);
    expectNoSecrets(JSON.stringify(error.argErrors));
    expectNoSecrets(inspect(client, { depth: 5 }));
    expectNoSecrets(JSON.stringify(client));
  });

  it('does not follow a redirect, so the key headers go nowhere else', async () => {
    const seen: string[] = [];
    const client = new CareHqClient({
      credentials: CREDENTIALS,
      fetch: async (url, init) => {
        seen.push(`${String(url).split('?')[0]} ${init?.redirect}`);
        return new Response(null, {
          status: 302,
          headers: { Location: 'https://elsewhere.example/' },
        });
      },
    });
    const error = await rejection(client.get('rooms'));
    expect(error.code).toBe('HTTP');
    expect(error.message).toContain('redirect');
    expect(seen).toEqual(['https://api.carehq.co.uk/v1/rooms manual']);
  });

  it('rejects a list page of the wrong shape without retrying', async () => {
    let calls = 0;
    const client = new CareHqClient({
      credentials: CREDENTIALS,
      fetch: async () => {
        calls += 1;
        return new Response(
          JSON.stringify({ items: [{ name: 'x' }], page_count: 1, item_count: 1 }),
        );
      },
    });
    const error = await rejection(client.listAll('rooms', {}));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain('Page 1: item 0 has no "_id"');
    expect(calls).toBe(1);
  });
});

describe('atomic writing', () => {
  it('removes its temporary files when a rename fails, and old leftovers first', async () => {
    const h = await setup();
    const out = await h.tempDir();
    await writeFile(join(out, '.carebill-pull.rooms.json.123.deadbeef.tmp'), 'half');
    await mkdir(join(out, 'rooms.json', 'blocker'), { recursive: true });
    await expect(pullDataset({ client: h.client, outDir: out })).rejects.toThrow();
    const names = await import('node:fs/promises').then((fs) => fs.readdir(out));
    expect(names.some(isPullTempFile)).toBe(false);
  });
});
