/**
 * Sending one referral: `PUT` of the form body to the Charitylog endpoint, retrying server
 * errors (5xx), 429 and network failures with bounded exponential backoff. Other answers
 * (a 4xx such as 422) are final: sending the same body again would fail the same way.
 */
import { REFERRAL_CONTENT_TYPE } from '@carebill/core';
import { type Credentials, redact } from './credentials.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Wait before the second attempt; doubled each time after. */
  readonly baseMs: number;
  /** No wait is longer than this (nor a server's Retry-After). */
  readonly maxMs: number;
  /** Each attempt is abandoned (and counts as a network failure) after this long. */
  readonly timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 5,
  baseMs: 1_000,
  maxMs: 30_000,
  timeoutMs: 30_000,
};

export interface SendContext {
  readonly endpoint: string;
  readonly credentials: Credentials;
  readonly fetch: typeof fetch;
  readonly sleep: (ms: number) => Promise<void>;
  readonly retry?: Partial<RetryPolicy>;
}

export type SendResult =
  | { readonly ok: true; readonly status: number; readonly attempts: number }
  | {
      readonly ok: false;
      readonly status: number | null;
      readonly attempts: number;
      readonly error: string;
    };

/** An error reply is shown cut to this many characters (after redaction). */
const MAX_ERROR_TEXT = 300;
/** No more than this much of a reply is read: the shown text needs far less. */
const MAX_REPLY_BYTES = 64 * 1024;

function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * The wait before attempt `failed + 1`: `baseMs × 2^(failed − 1)`, or the server's
 * `Retry-After` seconds, never more than `maxMs`.
 *
 * @example backoffMs(3, null, { baseMs: 1000, maxMs: 30000 }) === 4000
 */
export function backoffMs(
  failed: number,
  retryAfter: string | null,
  policy: Pick<RetryPolicy, 'baseMs' | 'maxMs'>,
): number {
  const seconds =
    retryAfter !== null && /^\d+$/.test(retryAfter.trim()) ? Number(retryAfter) : null;
  const wait = seconds === null ? policy.baseMs * 2 ** (failed - 1) : seconds * 1000;
  return Math.min(policy.maxMs, wait);
}

/** The start of a reply as text, at most `maxBytes` of it; the rest is never read. */
async function readReplyStart(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  while (length < maxBytes) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.byteLength;
  }
  if (length >= maxBytes) await reader.cancel().catch(() => {});
  return new TextDecoder().decode(Buffer.concat(chunks, length).subarray(0, maxBytes));
}

/** Text cut to `max` characters (whole code points), an ellipsis marking a cut. */
function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message;
    return `network error: ${error.name === 'TimeoutError' ? 'no answer in time' : error.message}${detail ? ` (${detail})` : ''}`;
  }
  return `network error: ${String(error)}`;
}

/**
 * Sends one referral body and reports how it went; never throws for a failed send, and
 * no error text it returns holds a credential.
 *
 * @example const result = await sendReferral(body, { endpoint, credentials, fetch, sleep })
 * // { ok: true, status: 200, attempts: 1 }
 */
export async function sendReferral(body: string, context: SendContext): Promise<SendResult> {
  const policy = { ...DEFAULT_RETRY, ...context.retry };
  let lastError = '';
  let lastStatus: number | null = null;
  let made = 0;
  for (let attempt = 1; attempt <= policy.attempts; attempt += 1) {
    made = attempt;
    let retryAfter: string | null = null;
    try {
      const response = await context.fetch(context.endpoint, {
        method: 'PUT',
        headers: {
          ...context.credentials.headers,
          'Content-Type': REFERRAL_CONTENT_TYPE,
          Accept: 'application/json',
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      const text = await readReplyStart(response, MAX_REPLY_BYTES).catch(() => '');
      if (response.ok) return { ok: true, status: response.status, attempts: attempt };
      lastStatus = response.status;
      // Redact first, then cut: a cut through a key would leave a piece redaction cannot see.
      const shown = shorten(redact(text, context.credentials.secrets).trim(), MAX_ERROR_TEXT);
      lastError = `Charitylog answered ${response.status}${shown === '' ? '' : `: ${shown}`}`;
      if (!isRetryable(response.status)) break;
      retryAfter = response.headers.get('retry-after');
    } catch (error) {
      lastStatus = null;
      lastError = describeNetworkError(error);
    }
    if (attempt < policy.attempts) await context.sleep(backoffMs(attempt, retryAfter, policy));
  }
  return {
    ok: false,
    status: lastStatus,
    attempts: made,
    error: redact(lastError, context.credentials.secrets),
  };
}
