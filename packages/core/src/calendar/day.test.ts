import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CarebillError } from '../errors/carebill-error.js';
import {
  addMonths,
  dayFromYmd,
  formatDay,
  formatDayDmy,
  formatDayLong,
  formatDayShort,
  formatMonth,
  monthOffset,
  parseDay,
  ymdOfDay,
} from './day.js';

describe('parseDay', () => {
  it.each([
    ['1970-01-01', 0],
    ['2024-11-01', 20028],
    ['2024-02-29', 19782],
  ])('parses %s', (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });

  it.each([
    '2023-02-29',
    '2024-2-5',
    '2024-06-05 ',
    ' 2024-06-05',
    '2024-13-01',
    '2024-00-10',
    '2024-04-31',
    '24-01-01',
    '2024-01-01T00:00:00',
    '',
    '0000-01-01',
  ])('rejects %j', (text) => {
    expect(parseDay(text)).toBeUndefined();
  });
});

describe('day numbers', () => {
  it('round-trip through civil dates for every day of four centuries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayFromYmd(1800, 1, 1), max: dayFromYmd(2400, 12, 31) }),
        (n) => {
          const { year, month, day } = ymdOfDay(n);
          expect(dayFromYmd(year, month, day)).toBe(n);
          expect(parseDay(formatDay(n as never))).toBe(n);
        },
      ),
    );
  });

  it('agree with the UTC calendar of the platform', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 200_000 }), (n) => {
        const utc = new Date(n * 86_400_000);
        expect(ymdOfDay(n)).toEqual({
          year: utc.getUTCFullYear(),
          month: utc.getUTCMonth() + 1,
          day: utc.getUTCDate(),
        });
      }),
    );
  });

  it('format for people', () => {
    expect(formatDayShort(parseDay('2024-11-01')!)).toBe('1 Nov 2024');
  });

  it('add months clamping to the month end', () => {
    expect(formatDay(addMonths(parseDay('2024-01-31')!, 1))).toBe('2024-02-29');
    expect(monthOffset(parseDay('2024-11-22')!, 36)).toEqual({ year: 2027, month: 11 });
    expect(monthOffset(parseDay('2024-01-22')!, -1)).toEqual({ year: 2023, month: 12 });
  });

  it('refuse to write a date outside years 1–9999 (never "10049-12-31")', () => {
    const last = parseDay('9999-12-31')!;
    expect(formatDay(last)).toBe('9999-12-31');
    expect(formatDay(parseDay('0001-01-01')!)).toBe('0001-01-01');
    const past = addMonths(last, 600);
    for (const format of [formatDay, formatMonth, formatDayShort, formatDayLong, formatDayDmy]) {
      expect(() => format(past)).toThrow(CarebillError);
      expect(() => format(past)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
      expect(() => format((parseDay('0001-01-01')! - 1) as typeof last)).toThrow(/years 1–9999/);
    }
  });
});
