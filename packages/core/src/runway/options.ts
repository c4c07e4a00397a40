/**
 * Runway options (SPEC §5): as-of date, horizon, capital limits by region, uplift, lead time.
 */
import { type Day, lastOfMonth, monthOffset } from '../calendar/day.js';
import type { ParkedEntry } from '../dataset/load-types.js';
import type { Problem } from '../dataset/problems.js';

export type Region = 'england' | 'scotland' | 'wales' | 'northern-ireland';
export const REGIONS: readonly Region[] = ['england', 'scotland', 'wales', 'northern-ireland'];

/** The capital limits, in pence. Wales has one limit: `upperPence === lowerPence`. */
export interface CapitalLimits {
  readonly upperPence: number;
  readonly lowerPence: number;
}

/** The capital limits of each UK nation (England and NI 2024/25–2025/26; Scotland 2025/26). */
export const REGION_LIMITS: Readonly<Record<Region, CapitalLimits>> = {
  england: { upperPence: 2325000, lowerPence: 1425000 },
  'northern-ireland': { upperPence: 2325000, lowerPence: 1425000 },
  scotland: { upperPence: 3550000, lowerPence: 2200000 },
  wales: { upperPence: 5000000, lowerPence: 5000000 },
};

/** A yearly fee rise: `percent` as decimal text ("3.5"), on `month`/`day` every year after T. */
export interface Uplift {
  readonly percent: string;
  /** 1–12; default 4 (April). */
  readonly month?: number;
  /** 1–31; default 1. Clamped to the month's last day (29 Feb in a common year ⇒ 28 Feb). */
  readonly day?: number;
}

export interface RunwayOptions {
  /** T: balances are reported at the end of this day. */
  readonly asOf: Day;
  /** Horizon: the end of the calendar month this many months after T's month. Default 36. */
  readonly months?: number;
  /** Default `england`. Ignored for the limits when `limits` is given. */
  readonly region?: Region;
  /** Explicit limits; the runway then reports region `custom`. */
  readonly limits?: CapitalLimits;
  readonly uplift?: Uplift;
  /** How long before the upper-limit date the council must be told. Default 3 months. */
  readonly leadMonths?: number;
  /** Residents parked by the loader, copied into the runway's `parked` list. */
  readonly parked?: readonly ParkedEntry[];
  /** The loader's warnings, copied into the runway's `warnings` (runway warnings are added). */
  readonly warnings?: readonly Problem[];
}

export const DEFAULT_MONTHS = 36;
export const DEFAULT_LEAD_MONTHS = 3;
export const DEFAULT_DAYS_BEFORE_NOTIFICATION = 180;

/**
 * The last day of the calendar month `months` after T's month.
 *
 * @example formatDay(horizonEnd(parseDay('2024-11-22')!, 36)) === '2027-11-30'
 */
export function horizonEnd(asOf: Day, months: number): Day {
  const { year, month } = monthOffset(asOf, months);
  return lastOfMonth(year, month);
}

/**
 * The limits a run uses and the region name it reports.
 *
 * @example resolveLimits({ region: 'scotland' }).limits.upperPence === 3550000
 */
export function resolveLimits(options: Pick<RunwayOptions, 'region' | 'limits'>): {
  region: Region | 'custom';
  limits: CapitalLimits;
} {
  if (options.limits !== undefined) {
    const { upperPence, lowerPence } = options.limits;
    if (!Number.isSafeInteger(upperPence) || !Number.isSafeInteger(lowerPence)) {
      throw new RangeError(`capital limits must be whole pence: ${upperPence}/${lowerPence}`);
    }
    if (lowerPence > upperPence) {
      throw new RangeError(`the lower limit ${lowerPence} is above the upper limit ${upperPence}`);
    }
    return { region: 'custom', limits: { upperPence, lowerPence } };
  }
  const region = options.region ?? 'england';
  return { region, limits: REGION_LIMITS[region] };
}
