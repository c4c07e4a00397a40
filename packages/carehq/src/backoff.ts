/**
 * Bounded exponential backoff with jitter, for retrying 429s, 5xx, timeouts and dropped
 * connections.
 */

export interface BackoffOptions {
  /** The ceiling of the first retry's delay. */
  readonly baseMs: number;
  /** No delay is longer than this, however many attempts. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * The delay before retry number `retry` (1 for the first retry): "equal jitter" — half of
 * the exponential ceiling `min(maxMs, baseMs × 2^(retry−1))` for certain, plus a random
 * share of the other half, so clients that failed together do not retry together, and no
 * delay is ever zero or above `maxMs`.
 *
 * @example backoffDelay(1, () => 0.5, { baseMs: 500, maxMs: 30_000 }) // 375
 * @example backoffDelay(20, () => 1, { baseMs: 500, maxMs: 30_000 }) // 30000
 */
export function backoffDelay(retry: number, random: () => number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(retry - 1, 0), 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
