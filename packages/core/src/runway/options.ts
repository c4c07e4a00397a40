/**
 * Runway options (SPEC §5): as-of date, horizon, capital limits by region, uplift, lead time.
 */
import { checkDay } from '../calendar/check.js';
import { type Day, isValidYmd, lastOfMonth, monthOffset } from '../calendar/day.js';
import {
  MAX_CAPITAL_LIMIT_PENCE,
  MAX_LEAD_MONTHS,
  MAX_RUNWAY_MONTHS,
  MAX_UPLIFT_PERCENT,
} from '../dataset/limits.js';
import { CarebillError } from '../errors/carebill-error.js';
import { checkChoice, checkInteger, checkOptionKeys, found } from '../errors/checks.js';
import { isUpliftPercent } from './uplift.js';

/** A UK nation whose capital limits the runway uses (SPEC §5). */
export type Region = 'england' | 'scotland' | 'wales' | 'northern-ireland';
/** Every {@link Region}, for menus and checks. */
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
  /** Decimal text, 0–20 with up to 6 decimals ("3.5"): text, so no float is ever involved. */
  readonly percent: string;
  /** 1–12; default 4 (April). */
  readonly month?: number;
  /** 1–31, a day of `month` in a leap year; default 1. 29 Feb falls on 28 Feb in other years. */
  readonly day?: number;
}

/** The options of `projectRunway` (and `referralCandidatesFromRunway`); see docs/library.md. */
export interface RunwayOptions {
  /** T: balances are reported at the end of this day. */
  readonly asOf: Day;
  /** Horizon: the end of the calendar month this many months after T's month, 1–600. Default 36. */
  readonly months?: number;
  /** Default `england`. Ignored for the limits when `limits` is given. */
  readonly region?: Region;
  /** Explicit limits in pence (0 to 1,000,000,000, lower ≤ upper); the runway then reports region `custom`. */
  readonly limits?: CapitalLimits;
  readonly uplift?: Uplift;
  /** How long before the upper-limit date the council must be told: 0–24 months. Default 3. */
  readonly leadMonths?: number;
}

/** The runway options with every default filled in, checked. */
export interface ResolvedRunwayOptions {
  readonly asOf: Day;
  readonly months: number;
  readonly horizon: Day;
  readonly region: Region | 'custom';
  readonly limits: CapitalLimits;
  readonly uplift: Uplift | undefined;
  readonly leadMonths: number;
}

export const DEFAULT_MONTHS = 36;
export const DEFAULT_LEAD_MONTHS = 3;
export const DEFAULT_DAYS_BEFORE_NOTIFICATION = 180;

const KEYS = ['asOf', 'months', 'region', 'limits', 'uplift', 'leadMonths'];
const RETIRED = {
  parked:
    'The runway takes parked residents from the load result: pass the whole result of loadDataset as the first argument.',
  warnings:
    "The runway takes the loader's warnings from the load result: pass the whole result of loadDataset as the first argument.",
};

/**
 * The runway options, checked, with defaults filled in. Throws a `CarebillError` naming
 * the option: an as-of date that is not a day from 1900 to 2199, `months` outside 1–600,
 * `leadMonths` outside 0–24, an unknown region, limits that are not whole pence up to
 * £10,000,000 or have the lower above the upper, an uplift percentage that is not decimal
 * text from 0 to 20, an uplift date that no year has, an unknown key.
 *
 * @internal
 * @example resolveRunwayOptions({ asOf: parseDay('2024-11-22')! }).months === 36
 */
export function resolveRunwayOptions(options: RunwayOptions): ResolvedRunwayOptions {
  const given = checkOptionKeys('options', options, KEYS, RETIRED);
  const asOf = checkDay('asOf', given['asOf']);
  const months =
    given['months'] === undefined
      ? DEFAULT_MONTHS
      : checkInteger('months', given['months'], { min: 1, max: MAX_RUNWAY_MONTHS, unit: 'months' });
  const leadMonths =
    given['leadMonths'] === undefined
      ? DEFAULT_LEAD_MONTHS
      : checkInteger('leadMonths', given['leadMonths'], {
          min: 0,
          max: MAX_LEAD_MONTHS,
          unit: 'months',
        });
  const end = monthOffset(asOf, months);
  const region =
    given['region'] === undefined ? undefined : checkChoice('region', given['region'], REGIONS);
  const limits = given['limits'] === undefined ? undefined : checkLimits(given['limits']);
  const uplift = given['uplift'] === undefined ? undefined : checkUplift(given['uplift']);
  return {
    asOf,
    months,
    horizon: lastOfMonth(end.year, end.month),
    ...(limits === undefined
      ? { region: region ?? 'england', limits: REGION_LIMITS[region ?? 'england'] }
      : { region: 'custom' as const, limits }),
    uplift,
    leadMonths,
  };
}

/**
 * Checks runway options without a dataset, so a form or a command line can refuse a bad
 * option before loading anything. `projectRunway` makes the same checks.
 *
 * @example checkRunwayOptions({ asOf: parseDay('2024-11-22')!, months: 1000 })
 * // throws CarebillError { code: 'OUT_OF_RANGE', option: 'months' }
 */
export function checkRunwayOptions(options: RunwayOptions): void {
  resolveRunwayOptions(options);
}

/** Whether decimal text (`isUpliftPercent`) is above a whole number, without a float. */
function exceedsPercent(percent: string, max: number): boolean {
  // Stryker disable next-line StringLiteral: split always gives a whole part, and a missing decimal part is one with no digit 1–9
  const [whole = '0', decimals = ''] = percent.split('.');
  const units = Number(whole);
  return units > max || (units === max && /[1-9]/.test(decimals));
}

function checkLimits(value: unknown): CapitalLimits {
  const limits = checkOptionKeys('limits', value, ['upperPence', 'lowerPence']);
  const range = { min: 0, max: MAX_CAPITAL_LIMIT_PENCE, unit: 'pence' };
  const upperPence = checkInteger('limits.upperPence', limits['upperPence'], range);
  const lowerPence = checkInteger('limits.lowerPence', limits['lowerPence'], range);
  if (lowerPence > upperPence) {
    throw new CarebillError(
      'REVERSED_RANGE',
      `limits: the lower limit (${lowerPence} pence) is above the upper limit (${upperPence} pence); give lowerPence ≤ upperPence (equal for a single limit, as in Wales)`,
      { option: 'limits' },
    );
  }
  return { upperPence, lowerPence };
}

function checkUplift(value: unknown): Uplift {
  const uplift = checkOptionKeys('uplift', value, ['percent', 'month', 'day']);
  const percent = uplift['percent'];
  if (typeof percent !== 'string' || !isUpliftPercent(percent)) {
    const text = typeof percent === 'number' ? ` (text, so no float is involved)` : '';
    throw new CarebillError(
      'INVALID_OPTION',
      `uplift.percent must be a percentage written as decimal text${text}, with up to 6 decimals, such as "3.5" (no % sign); found ${found(percent)}`,
      { option: 'uplift.percent' },
    );
  }
  // Compounded over the longest horizon, a larger uplift could take fees beyond exact
  // arithmetic (dataset/limits.ts). Compared as text, exactly: whole part, then decimals.
  if (exceedsPercent(percent, MAX_UPLIFT_PERCENT)) {
    throw new CarebillError(
      'OUT_OF_RANGE',
      `uplift.percent must be from 0 to ${MAX_UPLIFT_PERCENT} (percent a year); found ${found(percent)}`,
      { option: 'uplift.percent' },
    );
  }
  const month =
    uplift['month'] === undefined
      ? 4
      : checkInteger('uplift.month', uplift['month'], { min: 1, max: 12 });
  const day =
    uplift['day'] === undefined
      ? 1
      : checkInteger('uplift.day', uplift['day'], { min: 1, max: 31 });
  // Any day that exists in a leap year; 29 Feb falls on 28 Feb in other years.
  if (!isValidYmd(2024, month, day)) {
    throw new CarebillError(
      'OUT_OF_RANGE',
      `uplift.day ${day} does not exist in month ${month}; give a day of that month (29 February is allowed and falls on the 28th in other years)`,
      { option: 'uplift.day' },
    );
  }
  return { percent, month, day };
}

/**
 * The last day of the calendar month `months` after T's month.
 *
 * @example formatDay(horizonEnd(parseDay('2024-11-22')!, 36)) === '2027-11-30'
 */
export function horizonEnd(asOf: Day, months: number): Day {
  const { year, month } = monthOffset(asOf, months);
  return lastOfMonth(year, month);
}
