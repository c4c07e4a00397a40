/**
 * A fund's balance over time, in closed form. A fund holds `capacity` (its opening balance,
 * never below 0) until its opening date; from then its balance is
 * `capacity − (Cum(d) − Cum(opening − 1))`, never below 0, where `Cum` is its draw schedule.
 *
 * Funds of one resident paying the whole fee form a waterfall (SPEC §5): they are taken in
 * order of `opening_balance_date`, then id; the first pays every day's fee from its opening
 * date; when it cannot pay a day in full the next (if open) pays the rest of that same day
 * and goes on from there. A fund that opens later than the previous one runs dry starts on
 * its own opening date; days in between are paid by no fund.
 *
 * A fund of the waterfall may also be named by other residents' contracts (a couple's joint
 * savings): it pays those shares from its opening date as well, and on any day it pays them
 * **before** its owner's fee — only it pays them, while the owner's next fund takes the rest
 * of the fee.
 */
import type { Day } from '../calendar/day.js';
import type { CareFund } from '../dataset/model.js';
import {
  buildSchedule,
  cumulativeDraw,
  type DrawComponent,
  type DrawSchedule,
  firstDayAbove,
} from './schedule.js';

export interface FundPath {
  readonly fund: CareFund;
  /** What the fund can pay: its opening balance, or 0 when that is negative. */
  readonly capacityPence: number;
  /** What it draws: `schedule` from its opening date on. */
  readonly schedule: DrawSchedule;
  /** `Cum(opening − 1)`: the schedule's draws before the fund opened, which it never pays. */
  readonly offsetPence: number;
  /** First day it cannot pay that day's draw in full (null: not by the horizon). */
  readonly depletion: Day | null;
}

/**
 * The balance of a fund at the end of `day`.
 *
 * @example balanceAt(path, path.fund.openingBalanceDate) // opening balance − the first day's draw
 */
export function balanceAt(path: FundPath, day: Day): number {
  if (day < path.fund.openingBalanceDate) return path.capacityPence;
  return Math.max(path.capacityPence - (cumulativeDraw(path.schedule, day) - path.offsetPence), 0);
}

/**
 * A fund that draws `schedule` from its opening date (contract shares).
 *
 * @example independentPath(fund, buildSchedule(components), horizon).depletion
 */
export function independentPath(fund: CareFund, schedule: DrawSchedule, horizon: Day): FundPath {
  const opening = fund.openingBalanceDate;
  const capacityPence = Math.max(fund.openingBalancePence, 0);
  const offsetPence = cumulativeDraw(schedule, (opening - 1) as Day);
  const depletion = firstDayAbove(schedule, capacityPence + offsetPence, opening, horizon);
  return { fund, capacityPence, schedule, offsetPence, depletion };
}

/**
 * The funds of one resident paying the whole fee schedule `fees`, in drawing order. `shares`
 * are the contract shares (other residents') each fund pays as well, by fund id; a fund pays
 * a day's shares before its part of that day's fee.
 *
 * @example waterfallPaths([savings, isa], buildSchedule(fees), new Map(), horizon)[0].depletion // the day isa takes over
 */
export function waterfallPaths(
  funds: readonly CareFund[],
  fees: DrawSchedule,
  shares: ReadonlyMap<string, readonly DrawComponent[]>,
  horizon: Day,
): FundPath[] {
  const paths: FundPath[] = [];
  // How much of the cumulative fee the funds before this one paid (null: all of it, to the
  // horizon: the funds after it pay no fee).
  let paidBefore: number | null = 0;
  for (const fund of funds) {
    const opening = fund.openingBalanceDate;
    // From its opening date it pays whatever of the fee the funds before it did not (a fee
    // they left unpaid before it opened stays unpaid).
    const paid: number | null =
      paidBefore === null ? null : Math.max(paidBefore, cumulativeDraw(fees, (opening - 1) as Day));
    const feeThrough = (day: Day): number =>
      paid === null ? 0 : Math.max(cumulativeDraw(fees, day) - paid, 0);
    const fee: DrawComponent = { from: opening, to: horizon, through: feeThrough };
    const path = independentPath(
      fund,
      buildSchedule([...(shares.get(fund.id) ?? []), fee]),
      horizon,
    );
    paths.push(path);
    const empty = path.depletion;
    if (paid === null || empty === null) {
      paidBefore = null;
      continue;
    }
    // It paid the whole fee before the day it ran dry, and on that day what the day's shares
    // left (nothing when the shares alone emptied it before the fee reached it).
    const sharesPaid: number =
      cumulativeDraw(path.schedule, empty) - path.offsetPence - feeThrough(empty);
    paidBefore = paid + Math.max(feeThrough((empty - 1) as Day), path.capacityPence - sharesPaid);
  }
  return paths;
}
