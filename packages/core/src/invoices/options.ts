/**
 * The options of an invoice preview (SPEC §3.1, §3.2, §4) and their checks: every option a
 * caller can get wrong is refused here with a `CarebillError`, before anything is billed.
 */
import { checkPeriod } from '../calendar/check.js';
import type { DayRange } from '../calendar/range.js';
import type { ChargeOptions, DayRule } from '../charges/options.js';
import { MAX_DUE_DAYS } from '../dataset/limits.js';
import {
  checkBoolean,
  checkChoice,
  checkInteger,
  checkOptionKeys,
  checkText,
} from '../errors/checks.js';

/** The options of `buildPreview` (SPEC §3, §4); see docs/library.md. */
export interface PreviewOptions extends ChargeOptions {
  /**
   * The billing period, both days included: `monthPeriod(2024, 11)`, or `{ from, to }`;
   * dates from 1900-01-01 to 2199-12-31, at most 366 days.
   */
  readonly period: DayRange;
  /** Days from the issue date (the period's first day) to the due date: 0–365. Default 14. */
  readonly dueDays?: number;
  /**
   * Invoice number prefix (`{prefix}-{YYYYMM}-{NNNN}`): 1–20 letters, digits, `-` or `_`,
   * starting with a letter or digit, since numbers become file names and accounting
   * references. Default `PREVIEW`.
   */
  readonly prefix?: string;
}

/** The options of a preview with every default filled in. */
export interface ResolvedPreviewOptions {
  readonly period: DayRange;
  readonly dayRule: DayRule;
  readonly monthly52: boolean;
  readonly dueDays: number;
  readonly prefix: string;
}

/** @internal */
export const DEFAULT_DUE_DAYS = 14;
/** @internal */
export const DEFAULT_PREFIX = 'PREVIEW';
const PREFIX = /^[A-Za-z0-9][A-Za-z0-9_-]{0,19}$/;
const KEYS = ['period', 'dayRule', 'monthly52', 'dueDays', 'prefix'];

/**
 * The preview options, checked, with defaults filled in. Throws a `CarebillError` naming
 * the option: a reversed or invalid period, `dueDays` outside 0–365 or not whole, an empty
 * or unsafe prefix, a day rule other than `day`/`night`, an unknown key.
 *
 * @internal
 * @example resolvePreviewOptions({ period: monthPeriod(2024, 11) }).dueDays === 14
 */
export function resolvePreviewOptions(options: PreviewOptions): ResolvedPreviewOptions {
  const given = checkOptionKeys('options', options, KEYS);
  const period = checkPeriod('period', given['period']);
  return {
    period,
    dayRule:
      given['dayRule'] === undefined
        ? 'day'
        : checkChoice('dayRule', given['dayRule'], ['day', 'night']),
    monthly52:
      given['monthly52'] === undefined ? false : checkBoolean('monthly52', given['monthly52']),
    dueDays:
      given['dueDays'] === undefined
        ? DEFAULT_DUE_DAYS
        : checkInteger('dueDays', given['dueDays'], { min: 0, max: MAX_DUE_DAYS, unit: 'days' }),
    prefix:
      given['prefix'] === undefined
        ? DEFAULT_PREFIX
        : checkText(
            'prefix',
            given['prefix'],
            PREFIX,
            '1–20 letters, digits, - or _, starting with a letter or digit (it begins every invoice number and file name)',
          ),
  };
}

/**
 * Checks preview options without a dataset, so a form or a command line can refuse a bad
 * option before loading anything. `buildPreview` makes the same checks.
 *
 * @example checkPreviewOptions({ period: monthPeriod(2024, 11), dueDays: -30 })
 * // throws CarebillError { code: 'OUT_OF_RANGE', option: 'dueDays' }
 */
export function checkPreviewOptions(options: PreviewOptions): void {
  resolvePreviewOptions(options);
}
