/**
 * SPEC §2 dates: exactly `YYYY-MM-DD`, a real calendar date, years 1–9999; and the one
 * module that owns "both ends included" (range.ts). Exhaustive where it is cheap: every
 * day of eight centuries against the platform's UTC calendar.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  type Day,
  dayFromYmd,
  daysInMonth,
  firstOfMonth,
  formatDay,
  formatDayDmy,
  formatDayLong,
  formatDayShort,
  formatMonth,
  isLeapYear,
  isValidYmd,
  lastOfMonth,
  monthOffset,
  parseDay,
  ymdOfDay,
} from './day.js';
import {
  countDays,
  dayRange,
  endBefore,
  intersectRanges,
  isEmptyRange,
  rangeContains,
  rangesOverlap,
} from './range.js';

const day = (n: number) => n as Day;

/** The civil date of a day number by the platform's UTC calendar: the second reader. */
function utcYmd(n: number) {
  const date = new Date(0);
  date.setUTCFullYear(1970, 0, 1 + n);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

describe('day numbers agree with the UTC calendar on every day', () => {
  it('from 1 Jan 1600 to 31 Dec 2400 (two 400-year cycles, every century rule)', () => {
    const first = dayFromYmd(1600, 1, 1);
    const last = dayFromYmd(2400, 12, 31);
    const date = new Date(0);
    date.setUTCFullYear(1600, 0, 1);
    let mismatches = 0;
    for (let n = first; n <= last; n++) {
      const { year, month, day: dom } = ymdOfDay(n);
      if (
        year !== date.getUTCFullYear() ||
        month !== date.getUTCMonth() + 1 ||
        dom !== date.getUTCDate() ||
        dayFromYmd(year, month, dom) !== n
      ) {
        mismatches++;
      }
      date.setUTCDate(date.getUTCDate() + 1);
    }
    expect(mismatches).toBe(0);
    expect(last - first + 1).toBe(292_560);
  });

  it.each([
    [1, 1, 1],
    [9999, 12, 31],
    [1600, 2, 29],
    [2000, 2, 29],
    [2000, 3, 1],
    [1900, 2, 28],
    [1900, 3, 1],
    [2100, 3, 1],
    [400, 2, 29],
    [401, 1, 1],
    [1970, 1, 1],
    [1969, 12, 31],
  ])('%i-%i-%i at the ends and on the leap rules', (year, month, dom) => {
    const n = dayFromYmd(year, month, dom);
    expect(utcYmd(n)).toEqual({ year, month, day: dom });
    expect(ymdOfDay(n)).toEqual({ year, month, day: dom });
  });
});

describe('the Gregorian calendar', () => {
  it('a leap year is divisible by 4, except centuries, except every fourth century', () => {
    expect([1600, 1700, 1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
      false,
      true,
    ]);
  });

  it('months have 31, 30 or 28/29 days', () => {
    const months = (year: number) => Array.from({ length: 12 }, (_, i) => daysInMonth(year, i + 1));
    expect(months(2023)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(months(2024)).toEqual([31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  });

  it('a real date has whole parts, a year 1–9999, a month 1–12 and a day within its month', () => {
    expect(isValidYmd(1, 1, 1)).toBe(true);
    expect(isValidYmd(9999, 12, 31)).toBe(true);
    expect(isValidYmd(0, 12, 31)).toBe(false);
    expect(isValidYmd(10000, 1, 1)).toBe(false);
    expect(isValidYmd(2024, 0, 1)).toBe(false);
    expect(isValidYmd(2024, 12, 1)).toBe(true);
    expect(isValidYmd(2024, 13, 1)).toBe(false);
    expect(isValidYmd(2024, 1, 0)).toBe(false);
    expect(isValidYmd(2024, 2, 29)).toBe(true);
    expect(isValidYmd(2023, 2, 29)).toBe(false);
    expect(isValidYmd(2024.5, 1, 1)).toBe(false);
    expect(isValidYmd(2024, 1.5, 1)).toBe(false);
    expect(isValidYmd(2024, 1, 1.5)).toBe(false);
  });
});

describe('SPEC §2 a date is exactly YYYY-MM-DD naming a real day', () => {
  it.each([
    ['0001-01-01', '0001-01-01'],
    ['9999-12-31', '9999-12-31'],
    ['2024-09-09', '2024-09-09'],
    ['2024-10-10', '2024-10-10'],
  ])('%s is read and written back the same', (text, written) => {
    expect(formatDay(parseDay(text)!)).toBe(written);
  });

  it.each([
    'x2024-11-01',
    '2024-11-01x',
    '+2024-11-01',
    '2024-1-01',
    '2024-11-1',
    '202A-11-01',
    '2024-1A-01',
    '2024-11-0A',
    '12024-11-01',
    '2024-011-01',
    '2024-11-011',
    '2024-11-01\n',
    '0000-12-31',
  ])('%j is not a date', (text) => {
    expect(parseDay(text)).toBeUndefined();
  });
});

describe('dates for people and for import files', () => {
  const months = Array.from({ length: 12 }, (_, i) => dayFromYmd(2024, i + 1, i + 1));
  it('short and long month names, day without a leading zero', () => {
    expect(months.map(formatDayShort)).toEqual([
      '1 Jan 2024',
      '2 Feb 2024',
      '3 Mar 2024',
      '4 Apr 2024',
      '5 May 2024',
      '6 Jun 2024',
      '7 Jul 2024',
      '8 Aug 2024',
      '9 Sep 2024',
      '10 Oct 2024',
      '11 Nov 2024',
      '12 Dec 2024',
    ]);
    expect(months.map(formatDayLong)).toEqual([
      '1 January 2024',
      '2 February 2024',
      '3 March 2024',
      '4 April 2024',
      '5 May 2024',
      '6 June 2024',
      '7 July 2024',
      '8 August 2024',
      '9 September 2024',
      '10 October 2024',
      '11 November 2024',
      '12 December 2024',
    ]);
  });

  it('DD/MM/YYYY and YYYY-MM, zero-padded', () => {
    expect(formatDayDmy(dayFromYmd(2024, 11, 1))).toBe('01/11/2024');
    expect(formatDayDmy(dayFromYmd(2024, 9, 10))).toBe('10/09/2024');
    expect(formatDayDmy(dayFromYmd(33, 1, 2))).toBe('02/01/0033');
    expect(formatMonth(dayFromYmd(2024, 11, 22))).toBe('2024-11');
    expect(formatMonth(dayFromYmd(2024, 9, 30))).toBe('2024-09');
    expect(formatMonth(dayFromYmd(33, 1, 2))).toBe('0033-01');
    expect(formatDay(dayFromYmd(33, 1, 2))).toBe('0033-01-02');
  });
});

describe('calendar arithmetic', () => {
  it('days, first and last of a month', () => {
    expect(formatDay(addDays(dayFromYmd(2024, 2, 28), 1))).toBe('2024-02-29');
    expect(formatDay(addDays(dayFromYmd(2024, 3, 1), -1))).toBe('2024-02-29');
    expect(formatDay(firstOfMonth(2024, 11))).toBe('2024-11-01');
    expect(formatDay(lastOfMonth(2024, 2))).toBe('2024-02-29');
    expect(formatDay(lastOfMonth(2023, 2))).toBe('2023-02-28');
    expect(formatDay(lastOfMonth(2024, 12))).toBe('2024-12-31');
  });

  it('months, across year ends both ways, clamped to the month’s end', () => {
    const nov22 = dayFromYmd(2024, 11, 22);
    expect(monthOffset(nov22, 0)).toEqual({ year: 2024, month: 11 });
    expect(monthOffset(nov22, 1)).toEqual({ year: 2024, month: 12 });
    expect(monthOffset(nov22, 2)).toEqual({ year: 2025, month: 1 });
    expect(monthOffset(nov22, -11)).toEqual({ year: 2023, month: 12 });
    expect(monthOffset(nov22, -10)).toEqual({ year: 2024, month: 1 });
    expect(formatDay(addMonths(dayFromYmd(2024, 3, 31), -1))).toBe('2024-02-29');
    expect(formatDay(addMonths(dayFromYmd(2025, 1, 31), 1))).toBe('2025-02-28');
    expect(formatDay(addMonths(dayFromYmd(2024, 5, 31), -3))).toBe('2024-02-29');
    expect(formatDay(addMonths(dayFromYmd(2024, 11, 15), 3))).toBe('2025-02-15');
    expect(formatDay(addMonths(dayFromYmd(2024, 11, 15), 0))).toBe('2024-11-15');
  });
});

describe('ranges: both ends included', () => {
  const r = dayRange(day(10), day(14));
  it('a range covers from through to; one day when they are equal; none when to is before from', () => {
    expect(r).toEqual({ from: 10, to: 14 });
    expect(countDays(r)).toBe(5);
    expect(countDays(dayRange(day(10), day(10)))).toBe(1);
    expect(countDays(dayRange(day(10), day(9)))).toBe(0);
    expect(countDays(dayRange(day(10), day(2)))).toBe(0);
    expect(isEmptyRange(dayRange(day(10), day(10)))).toBe(false);
    expect(isEmptyRange(dayRange(day(10), day(9)))).toBe(true);
  });

  it('contains its first and last day, not the days around it', () => {
    expect([9, 10, 12, 14, 15].map((n) => rangeContains(r, day(n)))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  it('two ranges overlap when they share a day; touching ends share one', () => {
    expect(intersectRanges(r, dayRange(day(12), day(20)))).toEqual({ from: 12, to: 14 });
    expect(intersectRanges(dayRange(day(12), day(20)), r)).toEqual({ from: 12, to: 14 });
    expect(rangesOverlap(r, dayRange(day(14), day(20)))).toBe(true);
    expect(rangesOverlap(r, dayRange(day(15), day(20)))).toBe(false);
    expect(rangesOverlap(dayRange(day(1), day(10)), r)).toBe(true);
    expect(rangesOverlap(dayRange(day(1), day(9)), r)).toBe(false);
  });

  it('endBefore ends the day before an exclusive end (the night rule)', () => {
    expect(endBefore(day(1), day(8))).toEqual({ from: 1, to: 7 });
    expect(countDays(endBefore(day(1), day(1)))).toBe(0);
  });
});
