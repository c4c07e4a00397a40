/**
 * CareHQ's rate-limit headers: how many requests are left in the window and when it resets.
 */

export interface RateLimitState {
  readonly limit: number | null;
  readonly remaining: number | null;
  /** When the window resets, in epoch milliseconds. */
  readonly resetMs: number | null;
}

/** Minimal view of a response's headers. */
export interface HeaderSource {
  get(name: string): string | null;
}

function parseNumber(text: string | null): number | null {
  if (text === null || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/**
 * Reads `X-CareHQ-RateLimit-Limit`, `-Remaining` and `-Reset` (epoch seconds, possibly
 * fractional); absent or unreadable ones are null.
 *
 * @example
 * readRateLimit(new Headers({ 'X-CareHQ-RateLimit-Remaining': '0',
 *   'X-CareHQ-RateLimit-Reset': '1700000001.5' }))
 * // { limit: null, remaining: 0, resetMs: 1700000001500 }
 */
export function readRateLimit(headers: HeaderSource): RateLimitState {
  const reset = parseNumber(headers.get('X-CareHQ-RateLimit-Reset'));
  return {
    limit: parseNumber(headers.get('X-CareHQ-RateLimit-Limit')),
    remaining: parseNumber(headers.get('X-CareHQ-RateLimit-Remaining')),
    resetMs: reset === null ? null : Math.ceil(reset * 1000),
  };
}

/**
 * How long to wait before the next request: until the reset when none remain, else 0.
 *
 * @example waitBeforeNextMs({ limit: 10, remaining: 0, resetMs: 5_000 }, 3_000) // 2000
 * @example waitBeforeNextMs({ limit: 10, remaining: 3, resetMs: 5_000 }, 3_000) // 0
 */
export function waitBeforeNextMs(state: RateLimitState, nowMs: number): number {
  if (state.remaining === null || state.remaining > 0 || state.resetMs === null) return 0;
  return Math.max(0, state.resetMs - nowMs);
}

/**
 * The `Retry-After` header in milliseconds (seconds form only), or null.
 *
 * @example retryAfterMs(new Headers({ 'Retry-After': '2' })) // 2000
 */
export function retryAfterMs(headers: HeaderSource): number | null {
  const seconds = parseNumber(headers.get('Retry-After'));
  return seconds === null || seconds < 0 ? null : seconds * 1000;
}
