/**
 * A local CareHQ for tests (not shipped): a real HTTP server on 127.0.0.1 that serves a
 * dataset folder the way the API serves lists, checks every signature (written here from
 * the protocol description, independently of `src/sign.ts`), limits the request rate with
 * CareHQ's headers, and injects faults on request.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { RESOURCES } from '@carebill/core';

export type EmulatorRecord = Record<string, unknown> & { _id: string };
export type EmulatorData = Record<string, EmulatorRecord[]>;

/**
 * - `server-error`: a 500 with a hint;
 * - `rate-limited`: a 429 as if the window were used up;
 * - `stall`: the request is read and never answered;
 * - `reset`: the connection is destroyed without an answer;
 * - `truncate`: a 200 whose body stops halfway and the connection closes;
 * - `bad-json`: a complete 200 answer whose body is half a JSON document;
 * - `endless`: a 200 whose chunked body never ends (64 KiB chunks until the client hangs up);
 * - `page-count`: the right page, claiming `page_count` 10^15;
 * - `item-count`: the right page, claiming 10^15 records (and the pages they would make);
 * - `not-allowed`: a 405 with a hint.
 */
export type Fault =
  | 'server-error'
  | 'rate-limited'
  | 'stall'
  | 'reset'
  | 'truncate'
  | 'bad-json'
  | 'endless'
  | 'page-count'
  | 'item-count'
  | 'not-allowed';

export interface FaultRule {
  readonly fault: Fault;
  /** How many matching requests get it (default 1; `Infinity` for all). */
  times: number;
  readonly resource?: string;
  readonly page?: number;
}

export interface EmulatorOptions {
  readonly data: EmulatorData;
  readonly accountId: string;
  readonly apiKey: string;
  readonly apiSecret: string;
  /** Epoch milliseconds; share a fake clock with the client to test pacing without waiting. */
  readonly now?: () => number;
  /** Requests allowed per window (default: no limit). */
  readonly rateLimit?: { readonly limit: number; readonly windowMs: number };
  readonly maxSkewSeconds?: number;
}

export interface LoggedRequest {
  readonly resource: string;
  readonly params: URLSearchParams;
  readonly status: number | 'stalled' | 'reset' | 'truncated' | 'endless';
  readonly nonce: string | undefined;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Every request seen, in order. */
  readonly log: LoggedRequest[];
  inject(fault: Fault, rule?: { times?: number; resource?: string; page?: number }): void;
  close(): Promise<void>;
}

const FILTERS = new Set(['filters-ids', 'filters-location', 'filters-service_user']);

/**
 * Reads a dataset folder (one `<resource>.json` array per resource).
 *
 * @example const data = await loadEmulatorData('fixtures/carehq-emulator')
 */
export async function loadEmulatorData(dir: string): Promise<EmulatorData> {
  const data: EmulatorData = {};
  for (const resource of RESOURCES) {
    data[resource] = JSON.parse(await readFile(join(dir, `${resource}.json`), 'utf8'));
  }
  return data;
}

/** Python's string order: code point by code point (not JavaScript's UTF-16 code units). */
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) ?? 0);
  const y = Array.from(b, (c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  }
  return x.length - y.length;
}

/**
 * The canonical parameter string, per the protocol and as CareHQ's official Python client
 * builds it: keys sorted, each key's values sorted (both by code point), key=value lines.
 */
function canonicalFromQuery(query: URLSearchParams): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of query) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  const lines: string[] = [];
  for (const key of [...byKey.keys()].sort(byCodePoint)) {
    for (const value of (byKey.get(key) ?? []).sort(byCodePoint)) lines.push(`${key}=${value}`);
  }
  return lines.join('\n');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * Starts the emulator on 127.0.0.1 on a free port.
 *
 * @example
 * const api = await startEmulator({ data, accountId, apiKey, apiSecret })
 * const client = new CareHqClient({ credentials, baseUrl: api.url })
 * await api.close()
 */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const maxSkew = options.maxSkewSeconds ?? 300;
  const faults: FaultRule[] = [];
  const log: LoggedRequest[] = [];
  const seenNonces = new Set<string>();
  let windowStart = now();
  let used = 0;

  function rateHeaders(): Record<string, string> {
    if (!options.rateLimit) return {};
    const { limit, windowMs } = options.rateLimit;
    return {
      'X-CareHQ-RateLimit-Limit': String(limit),
      'X-CareHQ-RateLimit-Remaining': String(Math.max(0, limit - used)),
      'X-CareHQ-RateLimit-Reset': String((windowStart + windowMs) / 1000),
    };
  }

  function takeFault(resource: string, page: number): Fault | undefined {
    const rule = faults.find(
      (r) =>
        r.times > 0 &&
        (r.resource === undefined || r.resource === resource) &&
        (r.page === undefined || r.page === page),
    );
    if (!rule) return undefined;
    rule.times -= 1;
    return rule.fault;
  }

  function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const resource = url.pathname.replace(/^\/v1\//, '');
    const params = url.searchParams;
    const nonce = req.headers['x-carehq-nonce'] as string | undefined;
    const entry = (status: LoggedRequest['status']) =>
      log.push({ resource, params, status, nonce });
    const fail = (status: number, hint: string, extra: Record<string, unknown> = {}) => {
      entry(status);
      send(res, status, { hint, ...extra }, status === 401 ? {} : rateHeaders());
    };

    // Authentication: signature version 2.0.
    const header = (name: string) => {
      const value = req.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    };
    if (
      header('X-CareHQ-AccountId') !== options.accountId ||
      header('X-CareHQ-APIKey') !== options.apiKey
    ) {
      return fail(401, 'The account id or API key is not recognised.');
    }
    if (header('X-CareHQ-Signature-Version') !== '2.0') {
      return fail(401, 'Only signature version 2.0 is supported.');
    }
    const timestamp = header('X-CareHQ-Timestamp') ?? '';
    if (!/^\d+$/.test(timestamp) || Math.abs(Number(timestamp) - now() / 1000) > maxSkew) {
      return fail(401, 'The request timestamp is too far from the server time.');
    }
    const text = [
      timestamp,
      nonce ?? '',
      (req.method ?? '').toUpperCase(),
      url.pathname,
      canonicalFromQuery(params),
    ].join('\n');
    const expected = Buffer.from(
      createHmac('sha256', options.apiSecret).update(text, 'utf8').digest('hex'),
    );
    const given = Buffer.from(header('X-CareHQ-Signature') ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return fail(401, 'The request signature is not valid.');
    }
    if (!nonce || !/^[A-Za-z0-9_-]{22}$/.test(nonce) || seenNonces.has(nonce)) {
      return fail(401, 'The nonce has already been used.');
    }
    seenNonces.add(nonce);

    // Rate limit: a fixed window.
    if (options.rateLimit) {
      if (now() >= windowStart + options.rateLimit.windowMs) {
        windowStart = now();
        used = 0;
      }
      if (used >= options.rateLimit.limit) return fail(429, 'Too many requests, slow down.');
      used += 1;
    }

    const records = options.data[resource];
    if (req.method !== 'GET' || !url.pathname.startsWith('/v1/') || records === undefined) {
      return fail(404, `No resource at ${req.method} ${url.pathname}.`);
    }

    // Arguments.
    const argErrors: Record<string, string[]> = {};
    const known = new Set(records.flatMap((r) => Object.keys(r)));
    const attributes = params.getAll('attributes');
    const badAttributes = attributes.filter((a) => !known.has(a));
    if (badAttributes.length > 0)
      argErrors['attributes'] = badAttributes.map((a) => `Not a valid attribute: ${a}.`);
    const page = Number(params.get('page') ?? '1');
    const perPage = Number(params.get('per_page') ?? '10');
    if (!Number.isInteger(page) || page < 1) argErrors['page'] = ['Must be a whole number from 1.'];
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100)
      argErrors['per_page'] = ['Must be between 1 and 100.'];
    const sortBy = params.get('sort_by');
    if (sortBy !== null && sortBy !== '_id') argErrors['sort_by'] = [`Cannot sort by ${sortBy}.`];
    for (const key of new Set(params.keys())) {
      if (key.startsWith('filters-') && !FILTERS.has(key))
        argErrors[key] = ['Not a filter of this resource.'];
      else if (
        !key.startsWith('filters-') &&
        !['attributes', 'page', 'per_page', 'sort_by'].includes(key)
      )
        argErrors[key] = ['Not a parameter of this list.'];
    }
    if (Object.keys(argErrors).length > 0) {
      return fail(422, 'The request contains invalid arguments.', { arg_errors: argErrors });
    }

    const fault = takeFault(resource, page);
    if (fault === 'server-error') return fail(500, 'An unexpected error occurred on the server.');
    if (fault === 'not-allowed') return fail(405, 'This API key may not call this endpoint.');
    if (fault === 'rate-limited') return fail(429, 'Too many requests, slow down.');
    if (fault === 'stall') return void entry('stalled');
    if (fault === 'reset') {
      entry('reset');
      req.socket.destroy();
      return;
    }
    if (fault === 'endless') {
      entry('endless');
      res.writeHead(200, { 'Content-Type': 'application/json', ...rateHeaders() });
      const chunk = `{"item_count": 1, "items": [{"_id": "${'a'.repeat(64 * 1024)}`;
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      more();
      return;
    }

    // The list.
    const ids = params.getAll('filters-ids');
    const locations = params.getAll('filters-location');
    const residents = params.getAll('filters-service_user');
    const matching = records
      .filter((r) => ids.length === 0 || ids.includes(r._id))
      .filter((r) => {
        if (locations.length === 0) return true;
        const own = Array.isArray(r['locations']) ? (r['locations'] as string[]) : [r['location']];
        return own.some((l) => locations.includes(l as string));
      })
      .filter((r) => residents.length === 0 || residents.includes(r['service_user'] as string))
      .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
    const items = matching.slice((page - 1) * perPage, page * perPage).map((r) => {
      const out: Record<string, unknown> = { _id: r._id };
      for (const a of attributes) out[a] = r[a] ?? null;
      return out;
    });
    const itemCount = fault === 'item-count' ? 10 ** 15 : matching.length;
    const body = JSON.stringify({
      item_count: itemCount,
      items,
      page,
      page_count: fault === 'page-count' ? 10 ** 15 : Math.ceil(itemCount / perPage),
      per_page: perPage,
    });
    const half = body.slice(0, Math.floor(body.length / 2));
    const headers = { 'Content-Type': 'application/json', ...rateHeaders() };
    if (fault === 'truncate') {
      entry('truncated');
      res.writeHead(200, { ...headers, 'Content-Length': Buffer.byteLength(body) });
      res.write(half, () => req.socket.destroy());
      return;
    }
    const sent = fault === 'bad-json' ? half : body;
    entry(200);
    res.writeHead(200, { ...headers, 'Content-Length': Buffer.byteLength(sent) });
    res.end(sent);
  }

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    inject(fault, rule = {}) {
      faults.push({ ...rule, fault, times: rule.times ?? 1 });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
