/**
 * Checks of dates and periods given as options: a {@link Day} made by `parseDay` (or the
 * month functions), within years 1–9999, and a period whose end is not before its start.
 */
import { CarebillError } from '../errors/carebill-error.js';
import { found, isObject } from '../errors/checks.js';
import { type Day, dayFromYmd, formatDay } from './day.js';
import type { DayRange } from './range.js';

/** 0001-01-01, the first day carebill handles. */
export const FIRST_DAY: Day = dayFromYmd(1, 1, 1);
/** 9999-12-31, the last day carebill handles. */
export const LAST_DAY: Day = dayFromYmd(9999, 12, 31);

/**
 * A day given as an option: a whole day number (INVALID_OPTION for NaN, a fraction, a
 * string such as "2024-11-01") from 0001-01-01 to 9999-12-31 (OUT_OF_RANGE otherwise).
 *
 * @example checkDay('asOf', parseDay('2024-11-22')) // the day
 * checkDay('asOf', Number.NaN) // throws INVALID_OPTION
 */
export function checkDay(option: string, value: unknown): Day {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    const hint =
      typeof value === 'string'
        ? ` (turn text into a day with parseDay(${JSON.stringify(value)}))`
        : '';
    throw new CarebillError(
      'INVALID_OPTION',
      `${option} must be a date made by parseDay('YYYY-MM-DD'); found ${found(value)}${hint}`,
      { option },
    );
  }
  if (value < FIRST_DAY || value > LAST_DAY) {
    throw new CarebillError(
      'OUT_OF_RANGE',
      `${option} must be a date from 0001-01-01 to 9999-12-31; found day number ${value}`,
      { option },
    );
  }
  return value as Day;
}

/**
 * A period given as an option: `{ from, to }`, both days (see {@link checkDay}), `to` not
 * before `from` (REVERSED_RANGE). Both days are included, so `from === to` is one day.
 *
 * @example checkPeriod('period', { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! })
 * @internal
 */
export function checkPeriod(option: string, value: unknown): DayRange {
  if (!isObject(value)) {
    throw new CarebillError(
      'INVALID_OPTION',
      `${option} must be { from, to }, two days made by parseDay (or monthPeriod(year, month)); found ${found(value)}`,
      { option },
    );
  }
  const from = checkDay(`${option}.from`, value['from']);
  const to = checkDay(`${option}.to`, value['to']);
  if (to < from) {
    throw new CarebillError(
      'REVERSED_RANGE',
      `${option} ends on ${formatDay(to)}, before it starts on ${formatDay(from)}; to is the last day of the period (included), so it cannot be before from`,
      { option },
    );
  }
  return { from, to };
}
