/**
 * The CareHQ API client: signed `GET`s with rate-limit pacing, retries with backoff,
 * per-attempt timeouts and readable errors, and list paging.
 *
 * Every attempt is signed afresh (new timestamp, new nonce), so a retry is never refused as
 * a replay. Clock, randomness, sleep and fetch are injectable so tests run fast and exactly.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import { type CareHqErrorCode, careHqError, codeForStatus } from './errors.js';
import {
  type RateLimitState,
  readRateLimit,
  retryAfterMs,
  waitBeforeNextMs,
} from './rate-limit.js';
import { type CareHqCredentials, nonceFromBytes, type Params, signRequest } from './sign.js';

export const DEFAULT_BASE_URL = 'https://api.carehq.co.uk';

/** The largest answer read, in bytes (after decompression): 16 MiB, ~50× a full page. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** The most records of one resource a list may claim (`item_count`): one million. */
export const DEFAULT_MAX_ITEMS = 1_000_000;

/** A record as CareHQ sends it: `_id` plus the attributes asked for. */
export interface CareHqRecord {
  readonly _id: string;
  readonly [field: string]: unknown;
}

/** A list answer: `{ item_count, items, page, page_count, per_page }`. */
export interface ListPage {
  readonly itemCount: number;
  readonly items: readonly CareHqRecord[];
  readonly page: number;
  readonly pageCount: number;
}

/** Told before each retry: which request, which attempt failed, why, and the wait. */
export interface RetryEvent {
  readonly request: string;
  readonly failedAttempt: number;
  readonly code: CareHqErrorCode;
  readonly status?: number;
  readonly delayMs: number;
}

export interface CareHqClientOptions {
  readonly credentials: CareHqCredentials;
  /** Default `https://api.carehq.co.uk`; the sandbox is `https://api.carehq.dev`. */
  readonly baseUrl?: string;
  /** One attempt (answer and body) may take this long before it is aborted. Default 30 s. */
  readonly timeoutMs?: number;
  /** Attempts per request, the first included. Default 5. */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  /** Longest wait for a rate-limit reset before giving up with `RATE_LIMITED`. Default 15 min. */
  readonly maxRateLimitWaitMs?: number;
  /** Records per list page (1–100). Default 100. */
  readonly perPage?: number;
  /** An answer larger than this many bytes is abandoned (`TOO_LARGE`). Default 16 MiB. */
  readonly maxResponseBytes?: number;
  /**
   * A list claiming more records than this (`item_count`), or more pages than these make
   * at `perPage` (`page_count`), is refused (`TOO_LARGE`) before any further page is asked
   * for. Default 1,000,000 (10,000 pages of 100).
   */
  readonly maxItems?: number;
  /** Epoch milliseconds. Default `Date.now`. */
  readonly now?: () => number;
  /** A number in [0, 1) for backoff jitter. Default `Math.random`. */
  readonly random?: () => number;
  /** Random bytes for nonces. Default `crypto.randomBytes`. */
  readonly randomBytes?: (size: number) => Uint8Array;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly fetch?: typeof fetch;
  readonly onRetry?: (event: RetryEvent) => void;
}

interface Failure {
  readonly ok: false;
  readonly code: CareHqErrorCode;
  readonly retryable: boolean;
  readonly status?: number;
  readonly hint?: string;
  readonly argErrors?: Record<string, string[]>;
  readonly reason?: string;
  /** The least wait the server asked for (Retry-After, rate-limit reset). */
  readonly waitMs?: number;
  readonly cause?: unknown;
}
type Outcome = { readonly ok: true; readonly body: unknown } | Failure;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A CareHQ API client for one account.
 *
 * @example
 * const client = new CareHqClient({ credentials: { accountId, apiKey, apiSecret } })
 * const rooms = await client.listAll('rooms', { attributes: ['name'] })
 */
export class CareHqClient {
  readonly #credentials: CareHqCredentials;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoff: BackoffOptions;
  readonly #maxRateLimitWaitMs: number;
  readonly #perPage: number;
  readonly #maxResponseBytes: number;
  readonly #maxItems: number;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #randomBytes: (size: number) => Uint8Array;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #fetch: typeof fetch;
  readonly #onRetry: ((event: RetryEvent) => void) | undefined;
  #rateLimit: RateLimitState = { limit: null, remaining: null, resetMs: null };

  constructor(options: CareHqClientOptions) {
    const { accountId, apiKey, apiSecret } = options.credentials;
    if (!accountId || !apiKey || !apiSecret) {
      throw new RangeError('CareHQ credentials need an account id, an API key and an API secret');
    }
    this.#credentials = { accountId, apiKey, apiSecret };
    this.#baseUrl = normaliseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.#backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.#maxRateLimitWaitMs = options.maxRateLimitWaitMs ?? 15 * 60_000;
    this.#perPage = options.perPage ?? 100;
    if (!Number.isInteger(this.#perPage) || this.#perPage < 1 || this.#perPage > 100) {
      throw new RangeError(`perPage must be 1–100, got ${this.#perPage}`);
    }
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS;
    for (const [name, value] of [
      ['maxResponseBytes', this.#maxResponseBytes],
      ['maxItems', this.#maxItems],
    ] as const) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new RangeError(`${name} must be a whole number from 1, got ${value}`);
      }
    }
    this.#now = options.now ?? Date.now;
    this.#random = options.random ?? Math.random;
    this.#randomBytes = options.randomBytes ?? ((size) => nodeRandomBytes(size));
    this.#sleep = options.sleep ?? ((ms) => delay(ms));
    this.#fetch = options.fetch ?? fetch;
    this.#onRetry = options.onRetry;
  }

  /** The base URL requests go to (no credentials in it). */
  get baseUrl(): string {
    return this.#baseUrl;
  }

  /** The rate-limit state from the last answer that carried the headers. */
  get rateLimit(): RateLimitState {
    return this.#rateLimit;
  }

  /**
   * Never shows the credentials, whatever inspects the client.
   *
   * @example JSON.stringify(client) // '{"baseUrl":"https://api.carehq.co.uk"}'
   */
  toJSON(): { baseUrl: string } {
    return { baseUrl: this.#baseUrl };
  }

  /**
   * A signed `GET` of `/v1/<resource>` with retries; resolves to the parsed JSON body.
   *
   * @example await client.get('care-fund-types', { attributes: ['name'], page: 1 })
   */
  async get(resource: string, params: Params = {}): Promise<unknown> {
    const path = `/v1/${resource.replace(/^\/+|\/+$/g, '')}`;
    const label = `GET ${path}`;
    for (let attempt = 1; ; attempt += 1) {
      await this.#waitForRateLimit(label);
      const outcome = await this.#attempt(path, params);
      if (outcome.ok) return outcome.body;
      const details = {
        code: outcome.code,
        request: label,
        attempts: attempt,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        ...(outcome.hint === undefined ? {} : { hint: this.#redact(outcome.hint) }),
        ...(outcome.argErrors === undefined
          ? {}
          : { argErrors: this.#redactAll(outcome.argErrors) }),
        ...(outcome.cause === undefined ? {} : { cause: outcome.cause }),
      };
      const reason = outcome.reason === undefined ? undefined : this.#redact(outcome.reason);
      if (!outcome.retryable || attempt >= this.#maxAttempts) throw careHqError(details, reason);
      const delayMs = Math.max(
        backoffDelay(attempt, this.#random, this.#backoff),
        outcome.waitMs ?? 0,
      );
      if (delayMs > this.#maxRateLimitWaitMs) {
        throw careHqError(
          { ...details, code: 'RATE_LIMITED' },
          `CareHQ asked to wait ${Math.ceil(delayMs / 1000)} s, longer than this client waits`,
        );
      }
      this.#onRetry?.({
        request: label,
        failedAttempt: attempt,
        code: outcome.code,
        ...(outcome.status === undefined ? {} : { status: outcome.status }),
        delayMs,
      });
      await this.#sleep(delayMs);
    }
  }

  /**
   * One list page, checked to be a CareHQ list answer.
   *
   * @example const page = await client.listPage('rooms', { attributes: ['name'] }, 1)
   */
  async listPage(resource: string, params: Params, page: number): Promise<ListPage> {
    const body = await this.get(resource, { ...params, page, per_page: this.#perPage });
    return parseListPage(body, `GET /v1/${resource}`, page, {
      perPage: this.#perPage,
      maxItems: this.#maxItems,
    });
  }

  /**
   * Every record of a resource: page 1, then each page up to the last answer's `page_count`.
   * A record that moved between pages while paging is kept once (its latest copy).
   *
   * @example
   * const bookings = await client.listAll('bookings', { attributes: ['rate'] },
   *   (page) => console.log(page.page, '/', page.pageCount))
   */
  async listAll(
    resource: string,
    params: Params,
    onPage?: (page: ListPage) => void,
  ): Promise<CareHqRecord[]> {
    const byId = new Map<string, CareHqRecord>();
    let pageCount = 1;
    for (let page = 1; page <= pageCount; page += 1) {
      const answer = await this.listPage(resource, { sort_by: '_id', ...params }, page);
      for (const item of answer.items) {
        byId.delete(item._id);
        byId.set(item._id, item);
      }
      pageCount = answer.pageCount;
      onPage?.(answer);
    }
    return [...byId.values()];
  }

  async #waitForRateLimit(label: string): Promise<void> {
    const waitMs = waitBeforeNextMs(this.#rateLimit, this.#now());
    if (waitMs <= 0) return;
    if (waitMs > this.#maxRateLimitWaitMs) {
      throw careHqError(
        { code: 'RATE_LIMITED', request: label },
        `The rate limit resets in ${Math.ceil(waitMs / 1000)} s, longer than this client waits`,
      );
    }
    await this.#sleep(waitMs);
    this.#rateLimit = { ...this.#rateLimit, remaining: null };
  }

  async #attempt(path: string, params: Params): Promise<Outcome> {
    const signed = signRequest({
      credentials: this.#credentials,
      method: 'GET',
      path,
      params,
      timestampSeconds: Math.floor(this.#now() / 1000),
      nonce: nonceFromBytes(this.#randomBytes(16)),
    });
    const query = signed.encodedParams === '' ? '' : `?${signed.encodedParams}`;
    const url = `${this.#baseUrl}${path}${query}`;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#timeoutMs);
    try {
      // No redirects: a redirect would carry the API key headers to wherever it points.
      const response = await this.#fetch(url, {
        method: 'GET',
        headers: signed.headers,
        redirect: 'manual',
        signal: controller.signal,
      });
      if (response.headers.get('X-CareHQ-RateLimit-Remaining') !== null) {
        this.#rateLimit = readRateLimit(response.headers);
      }
      const body = await readCapped(response, this.#maxResponseBytes);
      if (body.tooLarge) {
        controller.abort(); // drop the connection rather than drain an endless body
        return {
          ok: false,
          code: 'TOO_LARGE',
          retryable: false,
          ...(response.status === 200 ? {} : { status: response.status }),
          reason: `The answer is larger than ${describeBytes(this.#maxResponseBytes)}, this client's limit for one answer`,
        };
      }
      return this.#outcomeOf(response.status, response.headers, body.text);
    } catch (error) {
      if (timedOut) {
        return {
          ok: false,
          code: 'TIMEOUT',
          retryable: true,
          reason: `No complete answer within ${Math.round(this.#timeoutMs / 100) / 10} s`,
          cause: error,
        };
      }
      return {
        ok: false,
        code: 'NETWORK',
        retryable: true,
        reason: networkReason(error),
        cause: error,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  #outcomeOf(status: number, headers: Headers, text: string): Outcome {
    // Only 200 and 204 are a success, as for CareHQ's official client (client.py).
    if (status === 200 || status === 204) {
      try {
        return { ok: true, body: JSON.parse(text) as unknown };
      } catch (error) {
        return {
          ok: false,
          code: 'BAD_RESPONSE',
          retryable: true,
          reason: `The body is not complete JSON (${text.length} characters)`,
          cause: error,
        };
      }
    }
    if (status >= 200 && status < 400) {
      return {
        ok: false,
        code: 'HTTP',
        retryable: false,
        status,
        reason:
          status < 300
            ? 'CareHQ answers a list with 200; this client, like CareHQ’s own, takes no other success status'
            : 'CareHQ answered with a redirect, which this client does not follow; check the base URL',
      };
    }
    let hint: string | undefined;
    let argErrors: Record<string, string[]> | undefined;
    try {
      const body = JSON.parse(text) as unknown;
      if (isObject(body)) {
        if (typeof body['hint'] === 'string' && body['hint'].trim() !== '') hint = body['hint'];
        argErrors = readArgErrors(body['arg_errors']);
      }
    } catch {
      // An error page that is not JSON: the status says enough.
    }
    const code = codeForStatus(status);
    let waitMs: number | undefined;
    if (status === 429 || status === 503) {
      const fromReset =
        this.#rateLimit.resetMs === null ? 0 : Math.max(0, this.#rateLimit.resetMs - this.#now());
      waitMs = Math.max(retryAfterMs(headers) ?? 0, status === 429 ? fromReset : 0);
    }
    return {
      ok: false,
      code,
      retryable: status === 429 || status >= 500,
      status,
      ...(hint === undefined ? {} : { hint }),
      ...(argErrors === undefined ? {} : { argErrors }),
      ...(waitMs === undefined ? {} : { waitMs }),
    };
  }

  #redact(text: string): string {
    let out = text;
    for (const secret of [this.#credentials.apiSecret, this.#credentials.apiKey]) {
      if (secret.length > 0) out = out.split(secret).join('[redacted]');
    }
    return out;
  }

  #redactAll(argErrors: Record<string, string[]>): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const [field, messages] of Object.entries(argErrors)) {
      out[this.#redact(field)] = messages.map((m) => this.#redact(m));
    }
    return out;
  }
}

function normaliseBaseUrl(base: string): string {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new RangeError(`the CareHQ base URL is not a URL: ${base}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new RangeError(`the CareHQ base URL must be http(s): ${base}`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new RangeError('the CareHQ base URL must not hold credentials, a query or a fragment');
  }
  return url.toString().replace(/\/+$/, '');
}

/**
 * The body as text, read no further than `maxBytes` (a declared `Content-Length` beyond it
 * is refused before reading); `tooLarge` when the body is longer.
 */
async function readCapped(
  response: Response,
  maxBytes: number,
): Promise<{ readonly tooLarge: false; readonly text: string } | { readonly tooLarge: true }> {
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return { tooLarge: true };
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      length += value.byteLength;
      if (length > maxBytes) {
        await reader.cancel().catch(() => {});
        return { tooLarge: true };
      }
      chunks.push(value);
    }
  }
  return { tooLarge: false, text: new TextDecoder().decode(Buffer.concat(chunks, length)) };
}

/** Bytes for a message: `16 MiB`, `512 KiB`, `300 bytes`. */
function describeBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes.toLocaleString('en-GB')} bytes`;
}

function readArgErrors(value: unknown): Record<string, string[]> | undefined {
  if (!isObject(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value)) {
    if (Array.isArray(messages)) out[field] = messages.map((m) => String(m));
    else if (messages !== null && messages !== undefined) out[field] = [String(messages)];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function networkReason(error: unknown): string {
  // fetch says only "fetch failed"; the cause says what happened to the connection.
  const cause =
    error instanceof Error
      ? (error.cause as { code?: unknown; message?: unknown } | undefined)
      : undefined;
  const code = typeof cause?.code === 'string' ? ` (${cause.code})` : '';
  const what =
    typeof cause?.message === 'string'
      ? cause.message
      : error instanceof Error
        ? error.message
        : String(error);
  return `The connection failed: ${what}${code}`;
}

/** What a list answer is checked against: the page size asked for and the record limit. */
export interface ListLimits {
  /** The `per_page` asked for. */
  readonly perPage: number;
  /** The most records (`item_count`) accepted. */
  readonly maxItems: number;
}

/**
 * Checks a list answer: an object with `items` (records with a string `_id`, no more than
 * a page holds), whole-number `item_count` and `page_count` that agree (`page_count` is
 * `item_count` ÷ `per_page` rounded up; 0 or 1 for an empty list), and — with `limits` —
 * no more records or pages than the client will fetch.
 *
 * @example parseListPage({ item_count: 0, items: [], page: 1, page_count: 0, per_page: 100 }, 'GET /v1/rooms', 1)
 */
export function parseListPage(
  body: unknown,
  request: string,
  page: number,
  limits: ListLimits = { perPage: 100, maxItems: DEFAULT_MAX_ITEMS },
): ListPage {
  const bad = (what: string) =>
    careHqError({ code: 'BAD_RESPONSE', request }, `Page ${page}: ${what}`);
  const tooLarge = (what: string) =>
    careHqError({ code: 'TOO_LARGE', request }, `Page ${page}: ${what}`);
  if (!isObject(body)) throw bad('the answer is not a JSON object');
  const { items, page_count: pageCount, item_count: itemCount, per_page: perPage } = body;
  if (!Array.isArray(items)) throw bad('"items" is not a list');
  if (!Number.isSafeInteger(pageCount) || (pageCount as number) < 0) {
    throw bad('"page_count" is not a whole number');
  }
  if (!Number.isSafeInteger(itemCount) || (itemCount as number) < 0) {
    throw bad('"item_count" is not a whole number');
  }
  // CareHQ may page by fewer than asked; its own `per_page` is what `page_count` counts.
  const size =
    Number.isSafeInteger(perPage) && (perPage as number) >= 1
      ? (perPage as number)
      : limits.perPage;
  const pages = Math.ceil((itemCount as number) / size);
  if ((itemCount as number) > limits.maxItems) {
    throw tooLarge(
      `"item_count" is ${itemCount}, more than the ${limits.maxItems.toLocaleString('en-GB')} records this client fetches of one resource`,
    );
  }
  if (pageCount !== pages && !(itemCount === 0 && pageCount === 1)) {
    throw bad(
      `"page_count" is ${pageCount}, but ${itemCount} records at ${size} a page make ${pages} page${pages === 1 ? '' : 's'}`,
    );
  }
  const maxPages = Math.ceil(limits.maxItems / limits.perPage);
  if (pages > maxPages) {
    throw tooLarge(
      `"page_count" is ${pageCount}, more than the ${maxPages.toLocaleString('en-GB')} pages this client fetches of one resource`,
    );
  }
  if (items.length > size) {
    throw bad(`${items.length} items on one page, more than the ${size} a page holds`);
  }
  items.forEach((item, index) => {
    if (!isObject(item) || typeof item['_id'] !== 'string' || item['_id'] === '') {
      throw bad(`item ${index} has no "_id"`);
    }
  });
  return {
    itemCount: itemCount as number,
    items: items as CareHqRecord[],
    page: typeof body['page'] === 'number' ? body['page'] : page,
    pageCount: pageCount as number,
  };
}
