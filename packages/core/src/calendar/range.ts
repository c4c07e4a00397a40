/**
 * Inclusive day ranges. This module owns "both ends included", so no other file has to.
 */
import { addDays, type Day, firstOfMonth, lastOfMonth } from './day.js';

/** Every day from `from` through `to`, both included. Empty when `to < from`. */
export interface DayRange {
  readonly from: Day;
  readonly to: Day;
}

/** A range from its first and last day. @example dayRange(d, d) covers one day */
export function dayRange(from: Day, to: Day): DayRange {
  return { from, to };
}

/** How many days a range covers (0 when empty). @example countDays(dayRange(d, addDays(d, 6))) === 7 */
export function countDays(range: DayRange): number {
  return range.to >= range.from ? range.to - range.from + 1 : 0;
}

/** Whether the range covers no day. */
export function isEmptyRange(range: DayRange): boolean {
  return range.to < range.from;
}

/** Whether `d` lies in the range. */
export function rangeContains(range: DayRange, d: Day): boolean {
  return d >= range.from && d <= range.to;
}

/** The days two ranges share (possibly empty). */
export function intersectRanges(a: DayRange, b: DayRange): DayRange {
  return { from: Math.max(a.from, b.from) as Day, to: Math.min(a.to, b.to) as Day };
}

/** Whether two ranges share at least one day. */
export function rangesOverlap(a: DayRange, b: DayRange): boolean {
  return !isEmptyRange(intersectRanges(a, b));
}

/**
 * The range ending the day before a given exclusive end — for rules such as the "night"
 * day count, where the last covered day is not billed.
 */
export function endBefore(from: Day, exclusiveEnd: Day): DayRange {
  return { from, to: addDays(exclusiveEnd, -1) };
}

/**
 * The billing period of one calendar month, first day through last. `month` is 1–12 and
 * `year` 1–9999; anything else throws a `CarebillError` (`OUT_OF_RANGE`).
 *
 * @example const november = monthPeriod(2024, 11); // { from: 1 Nov 2024, to: 30 Nov 2024 }
 * buildPreview(loaded, { period: november })
 */
export function monthPeriod(year: number, month: number): DayRange {
  return { from: firstOfMonth(year, month), to: lastOfMonth(year, month) };
}
