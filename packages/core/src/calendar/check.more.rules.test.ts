/**
 * Dates and periods given as options, at their edges (check.ts), and a day that cannot be
 * written as a date (day.ts): which values pass, and each refusal's code, option and
 * message word for word — the message is what a person reads to fix the call.
 */
import { describe, expect, it } from 'vitest';
import { FIRST_DAY, LAST_DAY } from '../dataset/limits.js';
import { CarebillError } from '../errors/carebill-error.js';
import { checkDay, checkPeriod } from './check.js';
import { addDays, type Day, dayFromYmd, formatDay } from './day.js';

/** The refusal a call throws, as [code, option, message]. */
function refusal(run: () => unknown): [string, string | undefined, string] {
  try {
    run();
  } catch (error) {
    if (error instanceof CarebillError) return [error.code, error.option, error.message];
    throw error;
  }
  throw new Error('expected a CarebillError, but nothing was thrown');
}

describe('checkDay: a whole day number from 1900-01-01 to 2199-12-31', () => {
  it('both ends are dates the data may hold', () => {
    expect(formatDay(checkDay('asOf', FIRST_DAY))).toBe('1900-01-01');
    expect(formatDay(checkDay('asOf', LAST_DAY))).toBe('2199-12-31');
  });

  it('a day before or after them is OUT_OF_RANGE, shown as its date', () => {
    expect(refusal(() => checkDay('asOf', addDays(FIRST_DAY, -1)))).toEqual([
      'OUT_OF_RANGE',
      'asOf',
      'asOf must be from 1900-01-01 to 2199-12-31; found 1899-12-31',
    ]);
    expect(refusal(() => checkDay('asOf', dayFromYmd(1, 1, 1)))[2]).toBe(
      'asOf must be from 1900-01-01 to 2199-12-31; found 0001-01-01',
    );
    expect(refusal(() => checkDay('asOf', dayFromYmd(9999, 12, 31)))[2]).toBe(
      'asOf must be from 1900-01-01 to 2199-12-31; found 9999-12-31',
    );
  });

  it('a day no date can write (outside years 1–9999) is shown as its day number', () => {
    const past = addDays(dayFromYmd(9999, 12, 31), 1);
    const before = addDays(dayFromYmd(1, 1, 1), -1);
    expect(refusal(() => checkDay('asOf', past))).toEqual([
      'OUT_OF_RANGE',
      'asOf',
      `asOf must be from 1900-01-01 to 2199-12-31; found day number ${past}`,
    ]);
    expect(refusal(() => checkDay('asOf', before))[2]).toBe(
      `asOf must be from 1900-01-01 to 2199-12-31; found day number ${before}`,
    );
  });

  it('a value that is not a whole number is INVALID_OPTION; text gets a parseDay hint', () => {
    expect(refusal(() => checkDay('asOf', Number.NaN))).toEqual([
      'INVALID_OPTION',
      'asOf',
      "asOf must be a date made by parseDay('YYYY-MM-DD'); found NaN",
    ]);
    expect(refusal(() => checkDay('asOf', null))[2]).toBe(
      "asOf must be a date made by parseDay('YYYY-MM-DD'); found null",
    );
    expect(refusal(() => checkDay('asOf', '2024-11-01'))[2]).toBe(
      'asOf must be a date made by parseDay(\'YYYY-MM-DD\'); found "2024-11-01" (turn text into a day with parseDay("2024-11-01"))',
    );
  });
});

describe('checkPeriod: { from, to }, both days included, to not before from', () => {
  it('a one-day period (from = to) is a period', () => {
    const day = dayFromYmd(2024, 11, 30);
    expect(checkPeriod('period', { from: day, to: day })).toEqual({ from: day, to: day });
  });

  it('to the day before from is REVERSED_RANGE', () => {
    const from = dayFromYmd(2024, 11, 30);
    expect(refusal(() => checkPeriod('period', { from, to: addDays(from, -1) }))[0]).toBe(
      'REVERSED_RANGE',
    );
  });

  it('a value that is not an object is INVALID_OPTION, saying how to make a period', () => {
    expect(refusal(() => checkPeriod('period', '2024-11'))).toEqual([
      'INVALID_OPTION',
      'period',
      'period must be { from, to }, two days made by parseDay (or monthPeriod(year, month)); found "2024-11"',
    ]);
  });
});

describe('a day outside years 1–9999 is refused, never written (formatDay)', () => {
  it('NaN is INVALID_OPTION for option day', () => {
    expect(refusal(() => formatDay(Number.NaN as Day))).toEqual([
      'INVALID_OPTION',
      'day',
      "day must be a date made by parseDay('YYYY-MM-DD'); found NaN",
    ]);
  });

  it('the day after 9999-12-31 is OUT_OF_RANGE for option day', () => {
    const past = addDays(dayFromYmd(9999, 12, 31), 1);
    expect(refusal(() => formatDay(past))).toEqual([
      'OUT_OF_RANGE',
      'day',
      `day ${past} is outside years 1–9999 and cannot be written as a date`,
    ]);
  });
});
