/**
 * The monthly management pack (SPEC §11): fee income by funding source, occupancy and the
 * average weekly fee, per home and for the group — in camelCase with {@link Day}s;
 * `@carebill/reports` writes `report.json` with the spec's names.
 */
import type { DayRange } from '../calendar/range.js';
import type { ChargeOptions, DayRule } from '../charges/options.js';
import type { ParkedEntry } from '../dataset/load-types.js';
import type { Problem } from '../dataset/problems.js';

export interface ManagementPackOptions extends ChargeOptions {
  /** The period of the pack: its fees are the preview's of this period and day rule. */
  readonly period: DayRange;
  /** An earlier (or any) period to set beside each figure, with the change. */
  readonly compare?: DayRange;
}

/** Who bears part of a home's fees: a contract's `contribution_type`, `private` or `unallocated`. */
export interface FundingShare {
  readonly source: string;
  readonly pence: number;
}

/** The figures of one home, or of the group. */
export interface PackFigures {
  /** The period's fees of the bookings: what the preview invoices, leaves unbilled or unallocated. */
  readonly feesPence: number;
  /** Every penny of `feesPence` by who bears it, pence descending then source; adds up exactly. */
  readonly byFunding: readonly FundingShare[];
  /** Days a resident had a billable live booking here (one a resident a day). */
  readonly bedDaysOccupied: number;
  /** Residents with at least one occupied bed-day. */
  readonly residents: number;
  /** Rooms of the home (`rooms.json`, by `location`); 0 when it has none. */
  readonly rooms: number;
  /** Bed-days an `out_of_service` booking held a room; null when the home has no rooms. */
  readonly bedDaysOutOfService: number | null;
  /** Rooms × days of the period less out-of-service days; null when the home has no rooms. */
  readonly bedDaysAvailable: number | null;
  /** `roundHalfUp(occupied × 1000 / available)`; null without rooms or with none available. */
  readonly occupancyPermille: number | null;
  /** `roundHalfUp(fees × 7 / occupied)`; null when nothing was occupied. */
  readonly averageWeeklyFeePence: number | null;
}

/** A home's figures. `location` is null only for bookings that name no home. */
export interface HomeFigures extends PackFigures {
  readonly location: string | null;
  /** The home's `name`; its id when it has no record or no name. */
  readonly name: string;
}

/** This period's figures less the compared period's. */
export interface PackChange {
  readonly feesPence: number;
  /** The change as a share of the compared fees, in permille; null when those were not above 0. */
  readonly feesPermille: number | null;
  /** Occupancy points × 10 (permille of beds); null when either occupancy is null. */
  readonly occupancyPermille: number | null;
  /** Null when either average weekly fee is null. */
  readonly averageWeeklyFeePence: number | null;
}

/** The compared period: each home's figures (in the order of the pack's homes) and the change. */
export interface PackComparison {
  readonly period: DayRange;
  readonly homes: readonly (HomeFigures & { readonly change: PackChange })[];
  readonly group: PackFigures & { readonly change: PackChange };
}

export interface ManagementPack {
  readonly period: DayRange;
  readonly dayRule: DayRule;
  readonly monthly52: boolean;
  /** Ordered by name, then id; a home for bookings without one last. */
  readonly homes: readonly HomeFigures[];
  readonly group: PackFigures;
  /** Null unless `compare` was asked for. */
  readonly compare: PackComparison | null;
  readonly parked: readonly ParkedEntry[];
  readonly warnings: readonly Problem[];
}
