/**
 * The capital limits against a resident's total (SPEC §5 "Results per resident"), and the
 * tariff income while the total is between the limits.
 */
import { addMonths, type Day } from '../calendar/day.js';
import type { CapitalLimits } from './options.js';

/**
 * The first day in `asOf`..`horizon` whose closing total is below `limitPence`, found by
 * binary search (a total never rises), or null.
 *
 * @example firstDayBelow((d) => total(d), 2325000, asOf, horizon)
 */
export function firstDayBelow(
  totalAt: (day: Day) => number,
  limitPence: number,
  asOf: Day,
  horizon: Day,
): Day | null {
  if (totalAt(horizon) >= limitPence) return null;
  let lo = asOf as number;
  let hi = horizon as number;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (totalAt(mid as Day) < limitPence) hi = mid;
    else lo = mid + 1;
  }
  return lo as Day;
}

/**
 * When to tell the council: the upper-limit date less the lead time (month arithmetic,
 * clamped to the month's end), or T with `overdue` when that is already past.
 *
 * @example notifyCouncilBy(parseDay('2026-03-14')!, 3, asOf) // { day: 14 Dec 2025, overdue: false }
 */
export function notifyCouncilBy(
  upperLimitDate: Day,
  leadMonths: number,
  asOf: Day,
): { day: Day; overdue: boolean } {
  const day = addMonths(upperLimitDate, -leadMonths);
  return day < asOf ? { day: asOf, overdue: true } : { day, overdue: false };
}

const TARIFF_STEP_PENCE = 25000;
const TARIFF_PER_STEP_PENCE = 100;

/**
 * Weekly tariff income: £1 a week for every £250, or part of £250, of capital above the lower
 * limit, while the total is between the limits (above the lower, not above the upper).
 * 0 at or below the lower limit; null above the upper limit (the resident pays in full) and
 * under a single limit (Wales: no tariff band).
 *
 * @example weeklyTariffPence(1425001, england) === 100; weeklyTariffPence(2300000, england) === 3500
 */
export function weeklyTariffPence(totalPence: number, limits: CapitalLimits): number | null {
  if (limits.upperPence === limits.lowerPence) return null;
  if (totalPence > limits.upperPence) return null;
  const steps = Math.ceil((totalPence - limits.lowerPence) / TARIFF_STEP_PENCE);
  return Math.max(steps, 0) * TARIFF_PER_STEP_PENCE;
}
