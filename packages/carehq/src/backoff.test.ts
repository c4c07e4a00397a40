import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';
import { readRateLimit, retryAfterMs, waitBeforeNextMs } from './rate-limit.js';

describe('backoffDelay', () => {
  const options = { baseMs: 500, maxMs: 30_000 };

  it('doubles its ceiling each retry, from base to the cap', () => {
    expect([1, 2, 3, 4, 7, 8, 50].map((n) => backoffDelay(n, () => 1, options))).toEqual([
      500, 1000, 2000, 4000, 30_000, 30_000, 30_000,
    ]);
    expect([1, 2, 3].map((n) => backoffDelay(n, () => 0, options))).toEqual([250, 500, 1000]);
  });

  it('stays within [ceiling/2, ceiling] and never exceeds the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(n, () => r, options);
          const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(n - 1, 30));
          expect(d).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(d).toBeLessThanOrEqual(ceiling);
          expect(d).toBeLessThanOrEqual(options.maxMs);
        },
      ),
    );
  });
});

describe('rate-limit headers', () => {
  it('reads fractional reset seconds and waits only when none remain', () => {
    const state = readRateLimit(
      new Headers({
        'X-CareHQ-RateLimit-Limit': '10',
        'X-CareHQ-RateLimit-Remaining': '0',
        'X-CareHQ-RateLimit-Reset': '1700000001.25',
      }),
    );
    expect(state).toEqual({ limit: 10, remaining: 0, resetMs: 1_700_000_001_250 });
    expect(waitBeforeNextMs(state, 1_700_000_000_000)).toBe(1250);
    expect(waitBeforeNextMs(state, 1_700_000_002_000)).toBe(0);
    expect(waitBeforeNextMs({ ...state, remaining: 1 }, 1_700_000_000_000)).toBe(0);
    expect(readRateLimit(new Headers())).toEqual({ limit: null, remaining: null, resetMs: null });
    expect(retryAfterMs(new Headers({ 'Retry-After': '3' }))).toBe(3000);
  });
});
