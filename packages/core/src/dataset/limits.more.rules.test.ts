/**
 * docs/input.md "Limits": the numbers the table states, and the dates written as text
 * naming the same days as the day numbers the readers compare with.
 */
import { describe, expect, it } from 'vitest';
import { formatDay } from '../calendar/day.js';
import {
  FIRST_DATE,
  FIRST_DAY,
  LAST_DATE,
  LAST_DAY,
  MAX_CAPITAL_LIMIT_PENCE,
  MAX_FILE_BYTES,
  MAX_RATE_PENCE,
} from './limits.js';

describe('docs/input.md "Limits"', () => {
  it('a rate: £10,000 a day, £70,000 a week', () => {
    expect(MAX_RATE_PENCE).toEqual({ daily: 1_000_000, weekly: 7_000_000 });
  });

  it('a file: 256 MiB', () => {
    expect(MAX_FILE_BYTES).toBe(268_435_456);
  });

  it('the capital limits: up to £10,000,000, as a fund balance', () => {
    expect(MAX_CAPITAL_LIMIT_PENCE).toBe(1_000_000_000);
  });

  it('dates from 1900-01-01 to 2199-12-31, as text and as days', () => {
    expect([FIRST_DATE, LAST_DATE]).toEqual(['1900-01-01', '2199-12-31']);
    expect([formatDay(FIRST_DAY), formatDay(LAST_DAY)]).toEqual([FIRST_DATE, LAST_DATE]);
  });
});
