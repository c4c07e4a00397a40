/**
 * A fund's balance over time, in closed form. A fund holds `capacity` (its opening balance,
 * never below 0) until it starts drawing; from then its balance is
 * `capacity − (Cum(d) − offset)`, never below 0, where `Cum` is a draw schedule.
 *
 * Funds of one resident paying the whole fee form a waterfall (SPEC §5): they are taken in
 * order of `opening_balance_date`, then id; the first pays every day's fee from its opening
 * date; when it cannot pay a day in full the next (if open) pays the rest of that same day
 * and goes on from there. A fund that opens later than the previous one runs dry starts on
 * its own opening date; days in between are paid by no fund.
 */
import type { Day } from '../calendar/day.js';
import type { CareFund } from '../dataset/model.js';
import { cumulativeDraw, type DrawSchedule, firstDayAbove } from './schedule.js';

export interface FundPath {
  readonly fund: CareFund;
  /** What the fund can pay: its opening balance, or 0 when that is negative. */
  readonly capacityPence: number;
  /** First day it draws; null when it never draws within the horizon. */
  readonly start: Day | null;
  /** `Cum(start − 1)` plus what earlier funds already paid of the start day. */
  readonly offsetPence: number;
  readonly schedule: DrawSchedule;
  /** First day it cannot pay that day's draw in full (null: not by the horizon). */
  readonly depletion: Day | null;
}

/**
 * The balance of a fund at the end of `day`.
 *
 * @example balanceAt(path, path.fund.openingBalanceDate) // opening balance − the first day's draw
 */
export function balanceAt(path: FundPath, day: Day): number {
  if (path.start === null || day < path.start) return path.capacityPence;
  const drawn = cumulativeDraw(path.schedule, day) - path.offsetPence;
  return drawn >= path.capacityPence ? 0 : path.capacityPence - drawn;
}

/**
 * A fund that draws its own schedule from its opening date (contract shares).
 *
 * @example independentPath(fund, buildSchedule(components), horizon).depletion
 */
export function independentPath(fund: CareFund, schedule: DrawSchedule, horizon: Day): FundPath {
  return pathFrom(fund, schedule, horizon, fund.openingBalanceDate, 0);
}

/**
 * The funds of one resident paying the whole fee schedule, in drawing order.
 *
 * @example waterfallPaths([savings, isa], buildSchedule(fees), horizon)[1].start // savings' depletion day
 */
export function waterfallPaths(
  funds: readonly CareFund[],
  schedule: DrawSchedule,
  horizon: Day,
): FundPath[] {
  const paths: FundPath[] = [];
  let previous: FundPath | null = null;
  let carry = 0;
  for (const fund of funds) {
    let start: Day | null;
    let startCarry = 0;
    if (previous === null) start = fund.openingBalanceDate;
    else if (previous.depletion === null) start = null;
    else if (previous.depletion >= fund.openingBalanceDate) {
      start = previous.depletion;
      startCarry = carry;
    } else start = fund.openingBalanceDate;
    const path: FundPath =
      start === null
        ? { fund, capacityPence: capacity(fund), start, offsetPence: 0, schedule, depletion: null }
        : pathFrom(fund, schedule, horizon, start, startCarry);
    if (path.depletion !== null) {
      // What this fund and the ones before it paid of its depletion day.
      carry =
        path.capacityPence +
        path.offsetPence -
        cumulativeDraw(schedule, (path.depletion - 1) as Day);
    }
    paths.push(path);
    previous = path;
  }
  return paths;
}

function capacity(fund: CareFund): number {
  return Math.max(fund.openingBalancePence, 0);
}

function pathFrom(
  fund: CareFund,
  schedule: DrawSchedule,
  horizon: Day,
  start: Day,
  carry: number,
): FundPath {
  const capacityPence = capacity(fund);
  const offsetPence = cumulativeDraw(schedule, (start - 1) as Day) + carry;
  const depletion = firstDayAbove(schedule, capacityPence + offsetPence, start, horizon);
  return { fund, capacityPence, start, offsetPence, schedule, depletion };
}
