/**
 * Calendar dates as integer day numbers (days since 1970-01-01).
 *
 * A `Day` is never an instant: it has no time zone and no time of day, so nothing computed
 * from it can depend on `TZ` or on when the program runs. All arithmetic is integer
 * arithmetic on the civil calendar (proleptic Gregorian), after Howard Hinnant's
 * `days_from_civil` / `civil_from_days`.
 */

import { CarebillError } from '../errors/carebill-error.js';
import { checkInteger } from '../errors/checks.js';

/** A calendar date: the number of days since 1970-01-01 (see {@link parseDay}). */
export type Day = number & { readonly __brand: 'Day' };

/** A civil date split into its parts; `month` is 1–12. */
export interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The day number of a civil date. Does not check the parts: use {@link isValidYmd} first.
 *
 * @example dayFromYmd(1970, 1, 1) === 0; dayFromYmd(2024, 11, 1) === 20028
 * @internal
 */
export function dayFromYmd(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return (era * 146097 + doe - 719468) as Day;
}

/**
 * The civil date of a day number.
 *
 * @example ymdOfDay(dayFromYmd(2024, 2, 29)) // { year: 2024, month: 2, day: 29 }
 * @internal
 */
export function ymdOfDay(dayNumber: Day | number): YearMonthDay {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Whether a year is a Gregorian leap year. @example isLeapYear(2024) === true */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Days in a month (`month` 1–12). @example daysInMonth(2023, 2) === 28
 *
 * @internal
 */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether the parts name a real calendar date in years 1–9999.
 *
 * @internal
 */
export function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/**
 * Parses exactly `YYYY-MM-DD` naming a real calendar date; anything else is `undefined`.
 *
 * @example parseDay('2024-11-01') === 20028; parseDay('2023-02-29') === undefined;
 * parseDay('2024-2-5') === undefined; parseDay('2024-06-05 ') === undefined
 */
export function parseDay(text: string): Day | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isValidYmd(year, month, day) ? dayFromYmd(year, month, day) : undefined;
}

/**
 * Formats a day as `YYYY-MM-DD`. A value that cannot be a day (NaN, a fraction) is refused
 * with a {@link CarebillError} `INVALID_OPTION` rather than written as `NaN-NaN-NaN`, and a
 * day outside years 1–9999 with `OUT_OF_RANGE` rather than as a five-digit year.
 *
 * @example formatDay(parseDay('2024-11-01')!) === '2024-11-01'
 */
export function formatDay(dayNumber: Day): string {
  const { year, month, day } = writableYmd(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/**
 * `n` days after (or before, when negative) a day. @example addDays(d, 1) is the next day
 *
 * @internal
 */
export function addDays(dayNumber: Day, n: number): Day {
  return (dayNumber + n) as Day;
}

/**
 * Checks a calendar year (1–9999) and month (1–12), as the public month functions take them.
 * Throws a {@link CarebillError}: `INVALID_OPTION` for a value that is not a whole number,
 * `OUT_OF_RANGE` for one outside its range (`month` 13 is not January of the next year).
 */
function checkYearMonth(year: number, month: number): void {
  // The common case without allocating: runway month loops call this per month and booking.
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a fast path; a value it turns away is checked in full below, where one in range passes
  const valid = year >= 1 && year <= 9999 && month >= 1 && month <= 12;
  // Stryker disable next-line ConditionalExpression: the same fast path
  if (valid && Number.isInteger(year) && Number.isInteger(month)) return;
  checkInteger('year', year, { min: 1, max: 9999 });
  checkInteger('month', month, { min: 1, max: 12 });
}

/**
 * The first day of a calendar month. `month` is 1–12 and `year` 1–9999; anything else
 * throws a {@link CarebillError} (`firstOfMonth(2024, 13)` is refused, not 1 Jan 2025).
 *
 * @example formatDay(firstOfMonth(2024, 11)) === '2024-11-01'
 */
export function firstOfMonth(year: number, month: number): Day {
  checkYearMonth(year, month);
  return dayFromYmd(year, month, 1);
}

/**
 * The last day of a calendar month. `month` is 1–12 and `year` 1–9999; anything else
 * throws a {@link CarebillError}.
 *
 * @example formatDay(lastOfMonth(2024, 2)) === '2024-02-29'
 */
export function lastOfMonth(year: number, month: number): Day {
  checkYearMonth(year, month);
  return dayFromYmd(year, month, daysInMonth(year, month));
}

/**
 * The year and month `n` months after the month of `dayNumber`.
 *
 * @example monthOffset(parseDay('2024-11-22')!, 36) // { year: 2027, month: 11 }
 */
export function monthOffset(dayNumber: Day, n: number): { year: number; month: number } {
  const { year, month } = ymdOfDay(dayNumber);
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The same day of the month `n` months later, clamped to the month's last day.
 *
 * @example addMonths(parseDay('2024-01-31')!, 1) is 29 Feb 2024
 * @internal
 */
export function addMonths(dayNumber: Day, n: number): Day {
  const { day } = ymdOfDay(dayNumber);
  const target = monthOffset(dayNumber, n);
  return dayFromYmd(
    target.year,
    target.month,
    Math.min(day, daysInMonth(target.year, target.month)),
  );
}

/**
 * `YYYY-MM` of a day. @example formatMonth(parseDay('2024-11-22')!) === '2024-11'
 *
 * @internal
 */
export function formatMonth(dayNumber: Day): string {
  const { year, month } = writableYmd(dayNumber);
  return `${String(year).padStart(4, '0')}-${pad2(month)}`;
}

const MONTH_NAMES_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;
const MONTH_NAMES_LONG = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * A day as a UK reader writes it, short month. @example formatDayShort(d) === '1 Nov 2024'
 *
 * @internal
 */
export function formatDayShort(dayNumber: Day): string {
  const { year, month, day } = writableYmd(dayNumber);
  return `${day} ${MONTH_NAMES_SHORT[month - 1]} ${year}`;
}

/**
 * A day in words, long month. @example formatDayLong(d) === '1 November 2024'
 *
 * @internal
 */
export function formatDayLong(dayNumber: Day): string {
  const { year, month, day } = writableYmd(dayNumber);
  return `${day} ${MONTH_NAMES_LONG[month - 1]} ${year}`;
}

/**
 * `DD/MM/YYYY`, as UK accounting packages import dates. @example formatDayDmy(d) === '01/11/2024'
 *
 * @internal
 */
export function formatDayDmy(dayNumber: Day): string {
  const { year, month, day } = writableYmd(dayNumber);
  return `${pad2(day)}/${pad2(month)}/${String(year).padStart(4, '0')}`;
}

/**
 * The parts of a day that can be written as a date: years 1–9999 only. A date outside
 * them (a five-digit year, year 0) is a fault upstream — options and data are checked
 * against far narrower limits (dataset/limits.ts) — so it is refused with a
 * `CarebillError` (INVALID_OPTION for a value that cannot be a day, such as NaN;
 * OUT_OF_RANGE outside the years), never written.
 */
function writableYmd(dayNumber: Day): YearMonthDay {
  if (!Number.isSafeInteger(dayNumber)) {
    throw new CarebillError(
      'INVALID_OPTION',
      `day must be a date made by parseDay('YYYY-MM-DD'); found ${String(dayNumber)}`,
      { option: 'day' },
    );
  }
  const ymd = ymdOfDay(dayNumber);
  if (ymd.year < 1 || ymd.year > 9999) {
    throw new CarebillError(
      'OUT_OF_RANGE',
      `day ${dayNumber} is outside years 1–9999 and cannot be written as a date`,
      { option: 'day' },
    );
  }
  return ymd;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
