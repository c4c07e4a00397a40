/**
 * Stays cut at each 1 April: a rate change in CareHQ is a new booking that starts the day
 * after the previous one ends, so every April uplift makes consecutive bookings.
 */
import type { Day } from '@carebill/core';
import { addDays, dayFromYmd, ymdOfDay } from '@carebill/core/internal';

export interface Segment {
  readonly start: Day;
  /** Last day; null for the open end of an ongoing stay. */
  readonly end: Day | null;
  /** The financial year the segment lies in, by its starting calendar year (2024 = 2024/25). */
  readonly financialYear: number;
}

/**
 * The financial year (April to March) of a day, named by its first calendar year.
 *
 * @example financialYearOf(parseDay('2024-03-31')!) === 2023
 */
export function financialYearOf(day: Day): number {
  const { year, month } = ymdOfDay(day);
  return month >= 4 ? year : year - 1;
}

/**
 * Cuts a stay from `start` to `last` (null = still open at `horizon`) at every 1 April
 * after `start` and on or before `last ?? horizon`.
 *
 * @example splitAtApril(d('2023-11-01'), null, d('2024-11-30')) // [2023-11-01..2024-03-31], [2024-04-01..open]
 */
export function splitAtApril(start: Day, last: Day | null, horizon: Day): Segment[] {
  const stop = last ?? horizon;
  const segments: Segment[] = [];
  let from = start;
  for (let year = ymdOfDay(start).year; ; year += 1) {
    const april = dayFromYmd(year, 4, 1);
    if (april <= from) continue;
    if (april > stop) break;
    segments.push({ start: from, end: addDays(april, -1), financialYear: financialYearOf(from) });
    from = april;
  }
  segments.push({ start: from, end: last, financialYear: financialYearOf(from) });
  return segments;
}
