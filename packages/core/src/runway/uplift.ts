/**
 * The yearly fee uplift (SPEC §5): on each anniversary after T every booking rate and
 * contract `fee_contribution` becomes `roundHalfUp(old × (100 + p) / 100)`, compounding, and
 * cumulative rounding starts again from that day.
 */
import { Decimal } from 'decimal.js';
import { type Day, dayFromYmd, daysInMonth, ymdOfDay } from '../calendar/day.js';
import { internalError } from '../errors/carebill-error.js';
import type { Uplift } from './options.js';

/** decimal.js configured for money: never the global instance. */
const Exact = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });

const PERCENT = /^\d{1,3}(\.\d{1,6})?$/;

/**
 * Whether a percentage is decimal text this product accepts ("3.5", "0", "10.25").
 *
 * @example isUpliftPercent('3.5') === true; isUpliftPercent('3,5') === false
 */
export function isUpliftPercent(text: string): boolean {
  return PERCENT.test(text);
}

/**
 * One uplift of an amount: `roundHalfUp(old × (100 + p) / 100)`, multiplied before dividing.
 *
 * @example upliftPence(138554, '3.5') === 143403 // 138554 × 1.035 = 143403.39
 */
export function upliftPence(oldPence: number, percent: string): number {
  if (!isUpliftPercent(percent)) throw internalError(`not an uplift percentage: "${percent}"`);
  const value = new Exact(oldPence)
    .mul(new Exact(100).plus(percent))
    .div(100)
    .toDecimalPlaces(0, Exact.ROUND_HALF_UP);
  return value.toNumber();
}

/**
 * `times` compounding uplifts of an amount.
 *
 * @example upliftTimes(100000, '10', 2) === 121000
 */
export function upliftTimes(oldPence: number, percent: string, times: number): number {
  const key = `${oldPence}/${percent}/${times}`;
  const known = upliftMemo.get(key);
  if (known !== undefined) return known;
  let amount = oldPence;
  for (let i = 0; i < times; i++) amount = upliftPence(amount, percent);
  // Stryker disable next-line ConditionalExpression,EqualityOperator: the memo's size cap; clearing it costs only time
  if (upliftMemo.size > 100_000) upliftMemo.clear();
  upliftMemo.set(key, amount);
  return amount;
}

/** Rates repeat across bookings and contracts: decimal.js is kept off the hot path. */
const upliftMemo = new Map<string, number>();

/**
 * The uplift days strictly after `asOf` and no later than `horizon`, in order.
 *
 * @example upliftDays(parseDay('2024-11-22')!, parseDay('2027-11-30')!, { percent: '3' })
 *   // 1 Apr 2025, 1 Apr 2026, 1 Apr 2027
 */
export function upliftDays(asOf: Day, horizon: Day, uplift: Uplift | undefined): Day[] {
  if (uplift === undefined) return [];
  const month = uplift.month ?? 4;
  const dayOfMonth = uplift.day ?? 1;
  const days: Day[] = [];
  for (let year = ymdOfDay(asOf).year; ; year++) {
    const day = dayFromYmd(year, month, Math.min(dayOfMonth, daysInMonth(year, month)));
    if (day > horizon) break;
    if (day > asOf) days.push(day);
  }
  return days;
}

/**
 * How many uplifts have happened by the end of `day` (the index of its fee year).
 *
 * @example upliftIndex([apr2025, apr2026], parseDay('2025-04-01')!) === 1
 */
export function upliftIndex(days: readonly Day[], day: Day): number {
  let count = 0;
  for (const u of days) if (u <= day) count++;
  return count;
}
