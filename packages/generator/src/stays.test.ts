import { type Day, formatDay, parseDay } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { uplift } from './context.js';
import { fncWeeklyPence } from './funding.js';
import { financialYearOf, splitAtApril } from './stays.js';

const d = (text: string) => parseDay(text) as Day;
const show = (start: string, last: string | null, horizon = '2024-11-30') =>
  splitAtApril(d(start), last === null ? null : d(last), d(horizon)).map(
    (s) =>
      `${formatDay(s.start)}..${s.end === null ? 'open' : formatDay(s.end)} ${s.financialYear}`,
  );

describe('splitAtApril', () => {
  it('cuts an open stay at each 1 April up to the horizon', () => {
    expect(show('2022-06-04', null)).toEqual([
      '2022-06-04..2023-03-31 2022',
      '2023-04-01..2024-03-31 2023',
      '2024-04-01..open 2024',
    ]);
  });

  it('makes no empty segment when the stay starts on 1 April or ends on 31 March', () => {
    expect(show('2023-04-01', '2024-03-31')).toEqual(['2023-04-01..2024-03-31 2023']);
    expect(show('2024-01-10', '2024-04-01')).toEqual([
      '2024-01-10..2024-03-31 2023',
      '2024-04-01..2024-04-01 2024',
    ]);
  });

  it('does not cut after the horizon', () => {
    expect(show('2024-12-01', null, '2025-03-31')).toEqual(['2024-12-01..open 2024']);
  });
});

describe('funding numbers', () => {
  it('uplifts with half-up rounding in whole pence', () => {
    expect(uplift(138554, 5)).toBe(145482); // 145481.7
    expect(uplift(125864, 7)).toBe(134674); // 134674.48
    expect(uplift(10, 5)).toBe(11); // 10.5 rounds up
  });

  it('knows the FNC weekly rate of each financial year', () => {
    expect(fncWeeklyPence(2024)).toBe(23588);
    expect(fncWeeklyPence(2023)).toBe(21971);
    expect(fncWeeklyPence(2010)).toBe(fncWeeklyPence(2019));
    expect(financialYearOf(d('2024-03-31'))).toBe(2023);
    expect(financialYearOf(d('2024-04-01'))).toBe(2024);
  });
});
