/**
 * SPEC §5 rule by rule, at the boundaries: the council notice date and `overdue`, the
 * capital limits of each region, the tariff band, the horizon, the uplift days, the
 * defaults. Worked numbers reuse runway.test.ts's £50,000 fund where they can.
 */
import { describe, expect, it } from 'vitest';
import { booking, careFund, d, dataset, loaded, serviceUser } from '../../test/builders.js';
import { type Day, formatDay } from '../calendar/day.js';
import type { Dataset } from '../dataset/model.js';
import { firstDayBelow, notifyCouncilBy, weeklyTariffPence } from './limits.js';
import type { RunwayOptions } from './options.js';
import { projectRunway } from './project.js';

const fmt = (day: number | null) => (day === null ? null : formatDay(day as Day));
const run = (data: Dataset, options: RunwayOptions) => projectRunway(loaded(data), options);

/**
 * £50,000 from 1 Nov 2024 at £1,385.54 a week (runway.test.ts): below £23,250 on
 * 16 Mar 2025, so the council must be told by 16 Dec 2024 (3 months before).
 */
const fiftyThousand = dataset({
  bookings: [booking({ id: 'b1', startDate: d('2024-11-01'), ratePence: 138554 })],
  careFunds: [
    careFund({ id: 'f1', openingBalancePence: 5000000, openingBalanceDate: d('2024-11-01') }),
  ],
  serviceUsers: [serviceUser('su1', { firstName: 'Ada', lastName: 'Lovelace' })],
});

describe('SPEC §5 notify_council_by: the upper-limit date minus the lead time, T when already past', () => {
  it('a notice date falling exactly on T is due today, not overdue', () => {
    const resident = run(fiftyThousand, { asOf: d('2024-12-16') }).serviceUsers[0]!;
    expect(fmt(resident.upperLimitDate)).toBe('2025-03-16');
    expect(fmt(resident.notifyCouncilBy)).toBe('2024-12-16');
    expect(resident.flags).toEqual([]);
  });

  it('a notice date one day before T is past: T, flagged overdue', () => {
    const resident = run(fiftyThousand, { asOf: d('2024-12-17') }).serviceUsers[0]!;
    expect(fmt(resident.upperLimitDate)).toBe('2025-03-16');
    expect(fmt(resident.notifyCouncilBy)).toBe('2024-12-17');
    expect(resident.flags).toEqual(['overdue']);
  });

  it('the rule itself, on the day, the day after and the day before', () => {
    const upper = d('2025-03-16');
    expect(notifyCouncilBy(upper, 3, d('2024-12-16'))).toEqual({
      day: d('2024-12-16'),
      overdue: false,
    });
    expect(notifyCouncilBy(upper, 3, d('2024-12-15'))).toEqual({
      day: d('2024-12-16'),
      overdue: false,
    });
    expect(notifyCouncilBy(upper, 3, d('2024-12-17'))).toEqual({
      day: d('2024-12-17'),
      overdue: true,
    });
  });

  it('month arithmetic clamps to the month’s end; a lead of 0 is the upper-limit date itself', () => {
    expect(fmt(notifyCouncilBy(d('2025-05-31'), 3, d('2024-01-01')).day)).toBe('2025-02-28');
    expect(fmt(notifyCouncilBy(d('2025-05-31'), 0, d('2024-01-01')).day)).toBe('2025-05-31');
  });

  it('the lead time defaults to 3 months and is an option (councils ask for 3 to 6)', () => {
    const lead = (options: Partial<RunwayOptions>) =>
      run(fiftyThousand, { asOf: d('2024-11-22'), ...options }).serviceUsers[0]!;
    expect(fmt(lead({}).notifyCouncilBy)).toBe('2024-12-16');
    expect(fmt(lead({ leadMonths: 4 }).notifyCouncilBy)).toBe('2024-11-22');
    expect(lead({ leadMonths: 4 }).flags).toEqual(['overdue']);
    expect(fmt(lead({ leadMonths: 1 }).notifyCouncilBy)).toBe('2025-02-16');
    expect(run(fiftyThousand, { asOf: d('2024-11-22') }).leadMonths).toBe(3);
  });

  it('no upper-limit date within the horizon: no notice date, no flag', () => {
    const resident = run(fiftyThousand, { asOf: d('2024-11-22'), months: 3 }).serviceUsers[0]!;
    expect(resident.upperLimitDate).toBeNull();
    expect(resident.notifyCouncilBy).toBeNull();
    expect(resident.weeklyTariffAtUpperLimitPence).toBeNull();
    expect(resident.flags).toEqual([]);
  });
});

describe('SPEC §5 the limit dates: the first day the total is below each limit', () => {
  /** A total that falls by 100 a day from 1,000 at day 0. */
  const total = (day: Day) => 1000 - 100 * day;
  it('below, not at: a total equal to the limit is not below it', () => {
    expect(firstDayBelow(total, 500, 0 as Day, 20 as Day)).toBe(6); // 400 < 500; day 5 is 500
    expect(firstDayBelow(total, 1000, 0 as Day, 20 as Day)).toBe(1);
    expect(firstDayBelow(total, 1001, 0 as Day, 20 as Day)).toBe(0); // T itself
  });

  it('null when the total is not below by the horizon; the horizon day itself counts', () => {
    expect(firstDayBelow(total, 500, 0 as Day, 5 as Day)).toBeNull(); // 500 on day 5
    expect(firstDayBelow(total, 500, 0 as Day, 6 as Day)).toBe(6);
    expect(firstDayBelow(total, 500, 3 as Day, 7 as Day)).toBe(6);
  });

  it('T itself when the total is already below at T, flagged', () => {
    const resident = run(fiftyThousand, { asOf: d('2025-05-01') }).serviceUsers[0]!;
    expect(fmt(resident.upperLimitDate)).toBe('2025-05-01');
    expect(fmt(resident.lowerLimitDate)).toBe('2025-05-01');
    expect(resident.flags).toEqual(['below_upper_at_as_of', 'below_lower_at_as_of', 'overdue']);
  });

  it('the lower limit reached after T is not flagged at T', () => {
    // Lower-limit date 30 Apr 2025 (runway.test.ts): at T = 29 Apr only the upper is behind.
    const resident = run(fiftyThousand, { asOf: d('2025-04-29') }).serviceUsers[0]!;
    expect(fmt(resident.lowerLimitDate)).toBe('2025-04-30');
    expect(resident.flags).toEqual(['below_upper_at_as_of', 'overdue']);
  });
});

describe('SPEC §5 capital limits by region (pence)', () => {
  const limits = (options: Partial<RunwayOptions>) => {
    const result = run(fiftyThousand, { asOf: d('2024-11-22'), ...options });
    return [result.region, result.limits.upperPence, result.limits.lowerPence];
  };
  it.each([
    ['england', 2325000, 1425000],
    ['northern-ireland', 2325000, 1425000],
    ['scotland', 3550000, 2200000],
    ['wales', 5000000, 5000000],
  ] as const)('%s: upper %i, lower %i', (region, upper, lower) => {
    expect(limits({ region })).toEqual([region, upper, lower]);
  });

  it('england by default; explicit upper/lower win and report region custom', () => {
    expect(limits({})).toEqual(['england', 2325000, 1425000]);
    expect(limits({ region: 'scotland', limits: { upperPence: 100, lowerPence: 100 } })).toEqual([
      'custom',
      100,
      100,
    ]);
  });

  it('wales is a single limit: both dates are the one date, flagged single_limit, no tariff', () => {
    // £50,000 is the Welsh limit itself: the total is below it from the first day drawn.
    const resident = run(fiftyThousand, { asOf: d('2024-11-22'), region: 'wales' })
      .serviceUsers[0]!;
    expect(fmt(resident.upperLimitDate)).toBe('2024-11-22');
    expect(resident.lowerLimitDate).toBe(resident.upperLimitDate);
    expect(resident.flags).toContain('single_limit');
    expect(resident.weeklyTariffAsOfPence).toBeNull();
  });

  it('custom limits are refused when not whole pence or when lower is above upper', () => {
    const bad = (upperPence: number, lowerPence: number) => () =>
      run(fiftyThousand, { asOf: d('2024-11-22'), limits: { upperPence, lowerPence } });
    expect(bad(100.5, 10)).toThrow(/limits.upperPence must be a whole number/);
    expect(bad(100, 10.5)).toThrow(/limits.lowerPence must be a whole number/);
    expect(bad(100, 101)).toThrow(
      /the lower limit \(101 pence\) is above the upper limit \(100 pence\)/,
    );
    expect(bad(100, 100)).not.toThrow();
  });
});

describe('SPEC §5 tariff: £1 a week per £250 or part of £250 above the lower limit', () => {
  const england = { upperPence: 2325000, lowerPence: 1425000 };
  it.each([
    [1425000, 0], // at the lower limit: none
    [1, 0],
    [1425001, 100], // a part of £250
    [1450000, 100], // exactly £250
    [1450001, 200],
    [2325000, 3600], // at the upper limit, still in the band: 900,000 / 25,000 = 36
  ])('total %i ⇒ %i pence a week', (totalPence, tariff) => {
    expect(weeklyTariffPence(totalPence, england)).toBe(tariff);
  });

  it('none above the upper limit (the resident pays in full), none under a single limit', () => {
    expect(weeklyTariffPence(2325001, england)).toBeNull();
    expect(weeklyTariffPence(0, { upperPence: 5000000, lowerPence: 5000000 })).toBeNull();
  });
});

describe('SPEC §5 the horizon', () => {
  it('ends on the last day of the month N months after T’s month; N defaults to 36', () => {
    const horizon = (options: Partial<RunwayOptions>) =>
      fmt(run(fiftyThousand, { asOf: d('2024-11-22'), ...options }).horizonEnd);
    expect(horizon({})).toBe('2027-11-30');
    expect(horizon({ months: 1 })).toBe('2024-12-31');
    expect(horizon({ months: 3 })).toBe('2025-02-28');
  });

  it('a month-end balance for each month from T’s month through the horizon’s', () => {
    const fund = run(fiftyThousand, { asOf: d('2024-11-30'), months: 2 }).funds[0]!;
    expect(fund.monthly.map((m) => [m.month, fmt(m.monthEnd)])).toEqual([
      ['2024-11', '2024-11-30'],
      ['2024-12', '2024-12-31'],
      ['2025-01', '2025-01-31'],
    ]);
  });

  it('refuses months and lead times out of range', () => {
    const bad = (options: Partial<RunwayOptions>) => () =>
      run(fiftyThousand, { asOf: d('2024-11-22'), ...options });
    expect(bad({ months: 0 })).toThrow(/months must be a whole number from 1 to 600/);
    expect(bad({ months: 1.5 })).toThrow(/months/);
    expect(bad({ months: 601 })).toThrow(/months/);
    expect(bad({ months: 600 })).not.toThrow();
    expect(bad({ months: 1 })).not.toThrow();
    expect(bad({ leadMonths: -1 })).toThrow(/leadMonths/);
    expect(bad({ leadMonths: 25 })).toThrow(/leadMonths/);
    expect(bad({ leadMonths: 2.5 })).toThrow(/leadMonths/);
    expect(bad({ leadMonths: 24 })).not.toThrow();
    expect(bad({ leadMonths: 0 })).not.toThrow();
    expect(bad({ uplift: { percent: '3,5' } })).toThrow(/3\.5/);
  });
});
