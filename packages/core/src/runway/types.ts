/**
 * The care fund runway (SPEC §5), in camelCase with {@link Day}s; `@carebill/reports`
 * writes `runway.json` with the spec's names.
 */
import type { Day } from '../calendar/day.js';
import type { ParkedEntry } from '../dataset/load-types.js';
import type { Problem } from '../dataset/problems.js';
import type { CapitalLimits, Region, Uplift } from './options.js';

/**
 * - `below_upper_at_as_of` / `below_lower_at_as_of`: already below the limit at T (the
 *   limit date is then T itself);
 * - `overdue`: the council should already have been told (notify date would be before T);
 * - `single_limit`: the region has one limit (Wales), so there is no tariff band.
 */
export type RunwayFlag =
  | 'below_upper_at_as_of'
  | 'below_lower_at_as_of'
  | 'overdue'
  | 'single_limit';

/**
 * How a fund's draw is worked out: `contracts` — it pays the shares of the contracts whose
 * `care_fund` is its id; `whole_fee` — its resident has no contract linked to a fund, so
 * their funds pay the whole fee of every billed day, in order.
 */
export type DrawBasis = 'contracts' | 'whole_fee';

/**
 * A calendar month's closing balance. Read-only: the row at a balance of 0 is one frozen object
 * per month, shared by every fund and resident at 0 that month.
 */
export interface MonthlyBalance {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly monthEnd: Day;
  readonly closingBalancePence: number;
}

export interface FundRunway {
  readonly id: string;
  readonly serviceUser: string;
  readonly description: string;
  readonly careFundType: string | null;
  readonly basis: DrawBasis;
  readonly openingBalancePence: number;
  readonly openingBalanceDate: Day;
  /** The balance at the end of T (the opening balance when the fund opens after T). */
  readonly balanceAsOfPence: number;
  /** First day the fund cannot pay that day's draw in full; null when not by the horizon. */
  readonly depletionDate: Day | null;
  /** `depletionDate` − the fund type's `days_before_notification` (default 180). */
  readonly notifyDepletionBy: Day | null;
  /** The balance at the end of each calendar month from T's month to the horizon. */
  readonly monthly: readonly MonthlyBalance[];
}

export interface ResidentRunway {
  readonly id: string;
  readonly name: string;
  /** The resident's funds, in drawing order (`opening_balance_date`, then id). */
  readonly funds: readonly string[];
  readonly totalAsOfPence: number;
  /** First day from T whose closing total is below the upper limit; null if not by the horizon. */
  readonly upperLimitDate: Day | null;
  readonly lowerLimitDate: Day | null;
  /** `upperLimitDate` − the lead time (clamped month arithmetic), or T when that is past. */
  readonly notifyCouncilBy: Day | null;
  readonly flags: readonly RunwayFlag[];
  /** The total across funds at the end of each calendar month from T's month. */
  readonly monthly: readonly MonthlyBalance[];
  /** Weekly tariff income at T (null while above the upper limit or with a single limit). */
  readonly weeklyTariffAsOfPence: number | null;
  /** Weekly tariff income on the upper-limit date (null when there is none). */
  readonly weeklyTariffAtUpperLimitPence: number | null;
}

export interface Runway {
  readonly asOf: Day;
  readonly horizonEnd: Day;
  readonly region: Region | 'custom';
  readonly limits: CapitalLimits;
  readonly leadMonths: number;
  readonly uplift: Uplift | null;
  /** Sorted by resident id, then drawing order. */
  readonly funds: readonly FundRunway[];
  /** Sorted by name, then id. */
  readonly serviceUsers: readonly ResidentRunway[];
  readonly parked: readonly ParkedEntry[];
  readonly warnings: readonly Problem[];
}
