import { describe, expect, it } from 'vitest';
import { CREDENTIALS, harnessPerTest, rejection } from '../test/harness.js';
import { CareHqClient, DEFAULT_MAX_RESPONSE_BYTES, parseListPage } from './client.js';
import { pullDataset } from './pull.js';

const setup = harnessPerTest();

const ROOM = '6750a1c24f73a2ce00000201';

describe('requests as CareHQ’s official client makes them (against the emulator)', () => {
  it('signs a value beyond U+FFFF in code-point order, so a Python-style server accepts it', async () => {
    const h = await setup();
    // '～' (U+FF5E) sorts before '😀' (U+1F600) by code point, after it by UTF-16 unit.
    const page = await h.client.listPage('rooms', { 'filters-ids': ['😀', '～', ROOM] }, 1);
    expect(page.items.map((r) => r._id)).toEqual([ROOM]);
    expect(h.api.log.map((r) => r.status)).toEqual([200]);
    expect(h.api.log[0]?.params.getAll('filters-ids')).toEqual([ROOM, '～', '😀']);
  });

  it('sends a null inside a list as None, as the official client does', async () => {
    const h = await setup();
    const page = await h.client.listPage('rooms', { 'filters-ids': [ROOM, null] }, 1);
    expect(page.items.map((r) => r._id)).toEqual([ROOM]);
    expect(h.api.log[0]?.params.getAll('filters-ids')).toEqual([ROOM, 'None']);
  });

  it('maps 405 to FORBIDDEN, as the official client does, without retrying', async () => {
    const h = await setup();
    h.api.inject('not-allowed', { resource: 'rooms' });
    const error = await rejection(h.client.listAll('rooms', {}));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.status).toBe(405);
    expect(error.attempts).toBe(1);
    expect(error.message).toBe(
      'CareHQ does not allow this API key to read this resource (405) on GET /v1/rooms: ' +
        'This API key may not call this endpoint. ' +
        'Give the API key read access to this resource in CareHQ, or use another key.',
    );
  });

  it('takes only 200 (and 204) as a success, like the official client', async () => {
    let calls = 0;
    const client = new CareHqClient({
      credentials: CREDENTIALS,
      fetch: async () => {
        calls += 1;
        return new Response(JSON.stringify({ item_count: 0, items: [], page_count: 0 }), {
          status: 201,
        });
      },
    });
    const error = await rejection(client.get('rooms'));
    expect(error.code).toBe('HTTP');
    expect(error.status).toBe(201);
    expect(calls).toBe(1);
  });
});

describe('bounded reads', () => {
  it('abandons an endless body at the size limit, once, naming the resource and the limit', async () => {
    // A generous timeout: on a busy machine 16 MiB may take longer than the harness's 2 s,
    // and a timeout would be retried (the test is about the size limit).
    const h = await setup({}, { timeoutMs: 30_000 });
    h.api.inject('endless', { resource: 'bookings', times: Number.POSITIVE_INFINITY });
    const error = await rejection(pullDataset({ client: h.client }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.request).toBe('GET /v1/bookings');
    expect(error.attempts).toBe(1);
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16 * 1024 * 1024);
    expect(error.message).toBe(
      'CareHQ sent more than this client accepts on GET /v1/bookings: The answer is larger ' +
        "than 16 MiB, this client's limit for one answer. Check that the base URL " +
        '(--base-url / CAREHQ_API_BASE) is CareHQ’s; if it is, report it (the limits are in ' +
        'docs/carehq.md).',
    );
    expect(h.api.log.map((r) => r.status)).toEqual(['endless']);
  });

  it('takes a smaller limit, and refuses a declared Content-Length beyond it unread', async () => {
    const h = await setup({}, { maxResponseBytes: 2048 });
    h.api.inject('endless', { resource: 'rooms' });
    const error = await rejection(h.client.listAll('rooms', {}));
    expect(error.message).toContain('larger than 2 KiB');

    let pulled = 0;
    const client = new CareHqClient({
      credentials: CREDENTIALS,
      maxResponseBytes: 1000,
      fetch: async () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              pulled += 1;
              controller.enqueue(new Uint8Array(10));
            },
          }),
          { status: 200, headers: { 'Content-Length': '5000000000' } },
        ),
    });
    expect((await rejection(client.get('rooms'))).code).toBe('TOO_LARGE');
    expect(pulled).toBeLessThanOrEqual(1); // at most the stream's own first pull
  });

  it('refuses a page_count of 10^15 after one request instead of walking it', async () => {
    const h = await setup();
    h.api.inject('page-count', { resource: 'rooms' });
    const error = await rejection(h.client.listAll('rooms', {}));
    expect(error.code).toBe('BAD_RESPONSE');
    expect(error.message).toContain(
      'on GET /v1/rooms: Page 1: "page_count" is 1000000000000000, but 6 records at 100 a page make 1 page.',
    );
    expect(h.api.log).toHaveLength(1);
  });

  it('refuses an item_count beyond the record limit, naming the limit', async () => {
    const h = await setup();
    h.api.inject('item-count', { resource: 'bookings' });
    const error = await rejection(pullDataset({ client: h.client }));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain(
      'on GET /v1/bookings: Page 1: "item_count" is 1000000000000000, more than the ' +
        '1,000,000 records this client fetches of one resource.',
    );
    expect(h.api.log).toHaveLength(1);
  });

  it('applies a lower record limit, and counts pages at the client’s page size', async () => {
    const h = await setup({}, { perPage: 2, maxItems: 6 });
    const error = await rejection(h.client.listAll('bookings', {}));
    expect(error.message).toContain('"item_count" is 8, more than the 6 records');
    expect(h.api.log).toHaveLength(1);
    expect(await h.client.listAll('rooms', {})).toHaveLength(6);
    expect(h.api.log).toHaveLength(4); // three pages of two rooms
  });

  it('checks that page_count, item_count, per_page and the items agree', () => {
    const request = 'GET /v1/rooms';
    const item = { _id: 'a' };
    const limits = { perPage: 100, maxItems: 1_000_000 };
    const page = (body: object) => () => parseListPage(body, request, 1, limits);
    expect(page({ item_count: 0, items: [], page_count: 0 })).not.toThrow();
    expect(page({ item_count: 0, items: [], page_count: 1 })).not.toThrow();
    expect(page({ item_count: 250, items: [item], page_count: 3 })).not.toThrow();
    // A server that pages by 50 although 100 were asked for: its own per_page counts.
    expect(page({ item_count: 250, items: [item], page_count: 5, per_page: 50 })).not.toThrow();
    expect(page({ item_count: 250, items: [item], page_count: 2 })).toThrow(
      /"page_count" is 2, but 250 records at 100 a page make 3 pages/,
    );
    expect(page({ item_count: 1, items: [item, item, item], page_count: 1, per_page: 2 })).toThrow(
      /3 items on one page, more than the 2 a page holds/,
    );
    // 1,000,000 records at 1 a page would be a million requests: more pages than allowed.
    expect(page({ item_count: 20_000, items: [item], page_count: 20_000, per_page: 1 })).toThrow(
      /"page_count" is 20000, more than the 10,000 pages/,
    );
  });
});
