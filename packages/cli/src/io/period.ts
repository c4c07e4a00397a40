/**
 * The billing period of a command: `--month YYYY-MM`, or `--from D --to D` (both included).
 */
import { type DayRange, monthPeriod, parseDay } from '@carebill/core';
import { checkPeriod, FIRST_DATE, LAST_DATE } from '@carebill/core/internal';
import { asUsageError, UsageError } from '../usage-error.js';

/** The period's option names in core's messages, as the command line says them. */
const PERIOD_FLAGS = {
  period: 'the billing period',
  'period.from': '--from',
  'period.to': '--to',
};

/**
 * The period named on the command line, or a `UsageError` saying what is wrong.
 *
 * @example parsePeriod({ month: '2024-11' }) // 1 Nov 2024 – 30 Nov 2024
 */
export function parsePeriod(args: {
  month?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): DayRange {
  if (args.month !== undefined) {
    if (args.from !== undefined || args.to !== undefined)
      throw new UsageError('give either --month or --from/--to, not both');
    const match = /^(\d{4})-(\d{2})$/.exec(args.month);
    const bad = `--month must be YYYY-MM, such as 2024-11; found "${args.month}"`;
    if (!match) throw new UsageError(bad);
    const outside = () =>
      `--month must be from ${FIRST_DATE} to ${LAST_DATE}; found "${args.month}"`;
    return asUsageError({ year: () => bad, month: () => bad, period: outside }, () =>
      checkPeriod('period', monthPeriod(Number(match[1]), Number(match[2]))),
    );
  }
  if (args.from === undefined || args.to === undefined)
    throw new UsageError(
      'give the billing period: --month YYYY-MM, or --from YYYY-MM-DD --to YYYY-MM-DD',
    );
  const from = parseDay(args.from);
  const to = parseDay(args.to);
  if (from === undefined)
    throw new UsageError(`--from must be a date YYYY-MM-DD; found "${args.from}"`);
  if (to === undefined) throw new UsageError(`--to must be a date YYYY-MM-DD; found "${args.to}"`);
  return asUsageError(PERIOD_FLAGS, () => checkPeriod('period', { from, to }));
}

/**
 * A strict `YYYY-MM-DD` option value (whether carebill reads that date is core's check).
 *
 * @example parseDateOption('--as-of', '2024-11-22')
 */
export function parseDateOption(name: string, value: string | undefined) {
  if (value === undefined) throw new UsageError(`${name} is required (YYYY-MM-DD)`);
  const day = parseDay(value);
  if (day === undefined)
    throw new UsageError(`${name} must be a real date YYYY-MM-DD; found "${value}"`);
  return day;
}

/**
 * A whole-number option as written (sign allowed), or undefined when absent: core checks
 * its range, so the bounds live in one place.
 *
 * @example parseIntegerText('--due-days', '14') === 14; parseIntegerText('--due-days', undefined) === undefined
 */
export function parseIntegerText(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d{1,15}$/.test(value)) {
    throw new UsageError(`${name} must be a whole number; found "${value}"`);
  }
  return Number(value);
}

/**
 * A whole-number option within bounds, or its default when absent (for options only the
 * command line has, such as `--jobs`; core checks its own options).
 *
 * @example parseIntegerOption('--jobs', '4', { min: 1, max: 64 }) === 4
 */
export function parseIntegerOption(
  name: string,
  value: string | undefined,
  bounds: { min: number; max: number; fallback?: number },
): number {
  if (value === undefined) {
    if (bounds.fallback === undefined) throw new UsageError(`${name} is required`);
    return bounds.fallback;
  }
  if (!/^\d+$/.test(value) || Number(value) < bounds.min || Number(value) > bounds.max) {
    throw new UsageError(
      `${name} must be a whole number from ${bounds.min} to ${bounds.max}; found "${value}"`,
    );
  }
  return Number(value);
}
