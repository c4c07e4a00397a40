/**
 * The fee of a booking and its one rounding (SPEC §3.2).
 *
 *     Cum(B, d) = roundHalfUp(dailyFee(B) × n)   n = billable days from start_date through d
 *     Fee(B; a..b) = Cum(B, b) − Cum(B, a − 1)
 *
 * A daily amount is kept as the exact ratio `numerator / denominator` (a weekly rate is
 * `rate / 7`), so nothing is rounded before the cumulative total.
 */
import { type Day, daysInMonth, ymdOfDay } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import type { Booking } from '../dataset/model.js';
import { mulDivHalfUp } from '../money/round.js';

/** An exact amount per day: `numerator / denominator` pence. */
export interface DailyAmount {
  readonly numerator: number;
  readonly denominator: 1 | 7;
}

/**
 * A booking's exact daily fee. @example dailyFee({ ratePence: 138554, ratePeriod: 'weekly' }) // 138554/7
 */
export function dailyFee(booking: Pick<Booking, 'ratePence' | 'ratePeriod'>): DailyAmount {
  return { numerator: booking.ratePence, denominator: booking.ratePeriod === 'weekly' ? 7 : 1 };
}

/**
 * The rounded total of a daily amount over the days from `anchor` through `through`
 * (0 before the anchor).
 *
 * @example cumulativeAmount({ numerator: 138554, denominator: 7 }, d0, addDays(d0, 2)) === 59380
 */
export function cumulativeAmount(daily: DailyAmount, anchor: Day, through: Day): number {
  const days = through - anchor + 1;
  // Stryker disable next-line EqualityOperator: 0 days cost 0 either way
  return days <= 0 ? 0 : mulDivHalfUp(daily.numerator, days, daily.denominator);
}

/**
 * The amount of a daily amount anchored at `anchor` for the days `range.from`..`range.to`:
 * `Cum(to) − Cum(from − 1)`. Consecutive ranges add up exactly to their union.
 *
 * @example amountForRange(dailyFee(weekly138554), start, { from: start, to: start + 6 }) === 138554
 */
export function amountForRange(daily: DailyAmount, anchor: Day, range: DayRange): number {
  return (
    cumulativeAmount(daily, anchor, range.to) -
    cumulativeAmount(daily, anchor, (range.from - 1) as Day)
  );
}

/**
 * The `monthly52` fee of a weekly rate for one whole calendar month: `roundHalfUp(rate × 52 / 12)`.
 *
 * @example monthly52Fee(138554) === 600401
 */
export function monthly52Fee(weeklyRatePence: number): number {
  return mulDivHalfUp(weeklyRatePence, 52, 12);
}

/**
 * Whether a period is exactly one calendar month (1st through last day).
 *
 * @example isCalendarMonth({ from: 1 Nov 2024, to: 30 Nov 2024 }) === true
 * @internal
 */
export function isCalendarMonth(period: DayRange): boolean {
  const first = ymdOfDay(period.from);
  const last = ymdOfDay(period.to);
  return (
    first.day === 1 &&
    first.year === last.year &&
    first.month === last.month &&
    last.day === daysInMonth(last.year, last.month)
  );
}
