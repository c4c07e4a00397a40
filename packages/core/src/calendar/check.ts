/**
 * Checks of dates and periods given as options: a {@link Day} made by `parseDay` (or the
 * month functions), within the dates carebill reads (1900–2199, `dataset/limits.ts`), and
 * a period whose end is not before its start and that is at most a year long.
 */
import { FIRST_DATE, FIRST_DAY, LAST_DATE, LAST_DAY, MAX_PERIOD_DAYS } from '../dataset/limits.js';
import { CarebillError } from '../errors/carebill-error.js';
import { found, isObject } from '../errors/checks.js';
import { type Day, formatDay, ymdOfDay } from './day.js';
import type { DayRange } from './range.js';

/**
 * A day given as an option: a whole day number (INVALID_OPTION for NaN, a fraction, a
 * string such as "2024-11-01") from 1900-01-01 to 2199-12-31, the dates the data may hold
 * (OUT_OF_RANGE otherwise), so no horizon, due date or notice date computed from it can
 * leave the calendar.
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
    const { year } = ymdOfDay(value);
    const shown = year >= 1 && year <= 9999 ? formatDay(value as Day) : `day number ${value}`;
    throw new CarebillError(
      'OUT_OF_RANGE',
      `${option} must be from ${FIRST_DATE} to ${LAST_DATE}; found ${shown}`,
      { option },
    );
  }
  return value as Day;
}

/**
 * A period given as an option: `{ from, to }`, both days (see {@link checkDay}), `to` not
 * before `from` (REVERSED_RANGE), at most 366 days (OUT_OF_RANGE: bill a year at a time).
 * Both days are included, so `from === to` is one day.
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
  const days = to - from + 1;
  if (days > MAX_PERIOD_DAYS) {
    throw new CarebillError(
      'OUT_OF_RANGE',
      `${option} ${formatDay(from)} – ${formatDay(to)} is ${days} days; bill at most ${MAX_PERIOD_DAYS} days (a year) at a time`,
      { option },
    );
  }
  return { from, to };
}
