/**
 * The billing period of a command: `--month YYYY-MM`, or `--from D --to D` (both included).
 */
import {
  type Day,
  type DayRange,
  FIRST_DATE,
  FIRST_DAY,
  firstOfMonth,
  isValidYmd,
  LAST_DATE,
  LAST_DAY,
  lastOfMonth,
  MAX_PERIOD_DAYS,
  parseDay,
} from '@carebill/core';
import { UsageError } from '../usage-error.js';

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
    const year = Number(match?.[1]);
    const month = Number(match?.[2]);
    if (!match || !isValidYmd(year, month, 1))
      throw new UsageError(`--month must be YYYY-MM, such as 2024-11; found "${args.month}"`);
    const from = firstOfMonth(year, month);
    withinDates('--month', args.month, from);
    return { from, to: lastOfMonth(year, month) };
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
  withinDates('--from', args.from, from);
  withinDates('--to', args.to, to);
  if (to < from) throw new UsageError(`--to (${args.to}) is before --from (${args.from})`);
  if (to - from + 1 > MAX_PERIOD_DAYS)
    throw new UsageError(
      `the billing period ${args.from} – ${args.to} is ${to - from + 1} days; bill at most ${MAX_PERIOD_DAYS} days (a year) at a time`,
    );
  return { from, to };
}

/**
 * A usage error unless `day` is within the dates carebill reads (1900–2199), so that no
 * horizon, due date or notice date it computes can leave the calendar.
 */
function withinDates(name: string, text: string, day: Day): void {
  if (day < FIRST_DAY || day > LAST_DAY)
    throw new UsageError(`${name} must be from ${FIRST_DATE} to ${LAST_DATE}; found "${text}"`);
}

/**
 * A strict `YYYY-MM-DD` option value.
 *
 * @example parseDateOption('--as-of', '2024-11-22')
 */
export function parseDateOption(name: string, value: string | undefined) {
  if (value === undefined) throw new UsageError(`${name} is required (YYYY-MM-DD)`);
  const day = parseDay(value);
  if (day === undefined)
    throw new UsageError(`${name} must be a real date YYYY-MM-DD; found "${value}"`);
  withinDates(name, value, day);
  return day;
}

/**
 * A whole-number option within bounds, or its default when absent.
 *
 * @example parseIntegerOption('--due-days', '14', { min: 0, max: 365 }) === 14
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
