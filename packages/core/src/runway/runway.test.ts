import { describe, expect, it } from 'vitest';
import {
  booking,
  careFund,
  contract,
  d,
  dataset,
  loaded,
  serviceUser,
} from '../../test/builders.js';
import { formatDay } from '../calendar/day.js';
import { weeklyTariffPence } from './limits.js';
import { horizonEnd, REGION_LIMITS } from './options.js';
import { projectRunway } from './project.js';
import { upliftDays, upliftPence } from './uplift.js';

const fmt = (day: number | null) => (day === null ? null : formatDay(day as never));

describe('a £28,750 fund paying £1,385.54 a week from 21 Oct 2022 (whole fee)', () => {
  // Daily fee 138554/7 = 19,793.43p. Cum(n) = roundHalfUp(138554 × n / 7).
  // Depletion: first n with Cum(n) > 2,875,000: 2,875,000 × 7 / 138,554 = 145.25, so
  //   Cum(145) = round(2,870,047.14) = 2,870,047 ≤ 2,875,000 and
  //   Cum(146) = round(2,889,840.57) = 2,889,841 > 2,875,000:
  //   day 146 = 21 Oct 2022 + 145 days = 15 Mar 2023; 4,953p are left for that day.
  // Notify: 15 Mar 2023 − 180 days = 16 Sep 2022.
  // At T = 30 Nov 2022 (41 days): Cum(41) = round(811,530.57) = 811,531 ⇒ total 2,063,469,
  //   already below £23,250 (flagged, council overdue), and the weekly tariff is
  //   ceil((2,063,469 − 1,425,000) / 25,000) = ceil(25.54) = 26 ⇒ £26.
  // Lower limit: first n with Cum(n) > 1,450,000: Cum(73) = 1,444,920, Cum(74) = 1,464,714
  //   ⇒ day 74 = 2 Jan 2023.
  const data = dataset({
    bookings: [booking({ id: 'b1', startDate: d('2022-10-21'), ratePence: 138554 })],
    careFunds: [
      careFund({ id: 'f1', openingBalancePence: 2875000, openingBalanceDate: d('2022-10-21') }),
    ],
  });
  const runway = projectRunway(loaded(data), { asOf: d('2022-11-30'), months: 6 });
  const fund = runway.funds[0]!;
  const resident = runway.serviceUsers[0]!;

  it('runs dry on 15 Mar 2023', () => {
    expect(fund.basis).toBe('whole_fee');
    expect(fmt(fund.depletionDate)).toBe('2023-03-15');
    expect(fmt(fund.notifyDepletionBy)).toBe('2022-09-16');
    expect(fund.balanceAsOfPence).toBe(2875000 - 811531);
    const byMonth = Object.fromEntries(fund.monthly.map((m) => [m.month, m.closingBalancePence]));
    // End of Feb 2023: 131 days, Cum = round(138554 × 131 / 7) = round(2,592,939.14) = 2,592,939.
    expect(byMonth['2023-02']).toBe(2875000 - 2592939);
    expect(byMonth['2023-03']).toBe(0);
    expect(fund.monthly.map((m) => m.month)).toEqual([
      '2022-11',
      '2022-12',
      '2023-01',
      '2023-02',
      '2023-03',
      '2023-04',
      '2023-05',
    ]);
  });

  it('is already below the upper limit at T, reaches the lower on 2 Jan 2023', () => {
    expect(resident.totalAsOfPence).toBe(2063469);
    expect(fmt(resident.upperLimitDate)).toBe('2022-11-30');
    expect(fmt(resident.lowerLimitDate)).toBe('2023-01-02');
    expect(fmt(resident.notifyCouncilBy)).toBe('2022-11-30');
    expect(resident.flags).toEqual(['below_upper_at_as_of', 'overdue']);
    expect(resident.weeklyTariffAsOfPence).toBe(2600);
  });
});

describe('a £50,000 fund from 1 Nov 2024 at £1,385.54 a week, T = 22 Nov 2024', () => {
  // Upper: Cum(n) > 5,000,000 − 2,325,000 = 2,675,000: Cum(135) = 2,672,113, Cum(136) =
  //   2,691,906 ⇒ day 136 = 16 Mar 2025; tell the council by 16 Dec 2024 (3 months before).
  //   Total that day 2,308,094 ⇒ tariff ceil(883,094 / 25,000) = 36 ⇒ £36 a week.
  // Lower: Cum(n) > 3,575,000: Cum(180) = 3,562,817, Cum(181) = 3,582,611 ⇒ 30 Apr 2025.
  // Depletion: Cum(252) = 4,987,944, Cum(253) = 5,007,737 ⇒ 11 Jul 2025.
  const data = dataset({
    bookings: [booking({ id: 'b1', startDate: d('2024-11-01'), ratePence: 138554 })],
    careFunds: [
      careFund({ id: 'f1', openingBalancePence: 5000000, openingBalanceDate: d('2024-11-01') }),
    ],
    serviceUsers: [serviceUser('su1', { firstName: 'Ada', lastName: 'Lovelace' })],
  });
  const runway = projectRunway(loaded(data), { asOf: d('2024-11-22') });

  it('gives the dates and the council deadline', () => {
    const r = runway.serviceUsers[0]!;
    expect(r.name).toBe('Ada Lovelace');
    expect(r.totalAsOfPence).toBe(5000000 - 435455); // Cum(22) = round(435,455.43)
    expect(fmt(r.upperLimitDate)).toBe('2025-03-16');
    expect(fmt(r.notifyCouncilBy)).toBe('2024-12-16');
    expect(fmt(r.lowerLimitDate)).toBe('2025-04-30');
    expect(r.flags).toEqual([]);
    expect(r.weeklyTariffAsOfPence).toBeNull();
    expect(r.weeklyTariffAtUpperLimitPence).toBe(3600);
    expect(fmt(runway.funds[0]!.depletionDate)).toBe('2025-07-11');
    expect(fmt(runway.horizonEnd)).toBe('2027-11-30');
    expect(runway.funds[0]!.monthly).toHaveLength(37);
    expect(runway.funds[0]!.monthly[0]).toMatchObject({
      month: '2024-11',
      closingBalancePence: 5000000 - 593803,
    });
  });
});

describe('two funds: the second pays what the first cannot, on the same day', () => {
  // £300 a day from 1 Nov 2024. Fund a (£1,000) pays 1–3 Nov (£900) and £100 of 4 Nov;
  // fund b (£5,000) pays the other £200 of 4 Nov, then £300 a day 5–20 Nov (16 days,
  // £4,800), is empty at the end of 20 Nov and cannot pay 21 Nov.
  const bookings = [
    booking({ id: 'b1', startDate: d('2024-11-01'), ratePence: 30000, ratePeriod: 'daily' }),
  ];
  it('spills on 4 Nov and runs dry on 21 Nov', () => {
    const data = dataset({
      bookings,
      careFunds: [
        careFund({ id: 'b', openingBalancePence: 500000, openingBalanceDate: d('2024-11-01') }),
        careFund({ id: 'a', openingBalancePence: 100000, openingBalanceDate: d('2024-11-01') }),
      ],
    });
    const runway = projectRunway(loaded(data), { asOf: d('2024-11-04'), months: 1 });
    const [a, b] = runway.funds;
    expect(a?.id).toBe('a'); // same opening date: id order
    expect(fmt(a!.depletionDate)).toBe('2024-11-04');
    expect(a!.balanceAsOfPence).toBe(0);
    expect(b!.balanceAsOfPence).toBe(480000);
    expect(fmt(b!.depletionDate)).toBe('2024-11-21');
    expect(runway.serviceUsers[0]!.totalAsOfPence).toBe(480000);
    expect(runway.serviceUsers[0]!.funds).toEqual(['a', 'b']);
  });
  it('a fund opening after the first runs dry starts on its own opening date', () => {
    // a runs dry on 4 Nov; b opens 10 Nov: nobody pays £200 of 4 Nov nor 5–9 Nov; b pays
    // 10–25 Nov (16 days) and cannot pay 26 Nov.
    const data = dataset({
      bookings,
      careFunds: [
        careFund({ id: 'a', openingBalancePence: 100000, openingBalanceDate: d('2024-11-01') }),
        careFund({ id: 'b', openingBalancePence: 500000, openingBalanceDate: d('2024-11-10') }),
      ],
    });
    const runway = projectRunway(loaded(data), { asOf: d('2024-11-05'), months: 1 });
    expect(fmt(runway.funds[1]!.depletionDate)).toBe('2024-11-26');
    expect(runway.funds[1]!.balanceAsOfPence).toBe(500000);
    expect(runway.warnings.map((w) => `${w.code} ${w.id}`)).toEqual(['FUND_OPENS_AFTER_AS_OF b']);
  });
});

describe('uplift', () => {
  it('rounds half up after multiplying', () => {
    expect(upliftPence(138554, '3.5')).toBe(143403); // 143,403.39
    expect(upliftPence(10, '5')).toBe(11); // 10.5 ⇒ 11
    expect(upliftPence(100000, '0')).toBe(100000);
    expect(upliftDays(d('2025-04-01'), d('2027-04-01'), { percent: '3' }).map(fmt)).toEqual([
      '2026-04-01',
      '2027-04-01',
    ]);
  });

  it('changes the draw from 1 April, with a new rounding anchor', () => {
    // £1,385.54/week from 1 Mar 2025; 3.5% on 1 Apr ⇒ £1,434.03/week.
    // March: round(138554 × 31 / 7) = round(613,596.29) = 613,596.
    // April, anchored at 1 Apr: round(143403 × 30 / 7) = round(614,584.29) = 614,584.
    const data = dataset({
      bookings: [booking({ id: 'b1', startDate: d('2025-03-01'), ratePence: 138554 })],
      careFunds: [
        careFund({ id: 'f1', openingBalancePence: 10000000, openingBalanceDate: d('2025-03-01') }),
      ],
    });
    const runway = projectRunway(loaded(data), {
      asOf: d('2025-03-15'),
      months: 2,
      uplift: { percent: '3.5' },
    });
    const monthly = runway.funds[0]!.monthly.map((m) => m.closingBalancePence);
    expect(monthly).toEqual([10000000 - 613596, 10000000 - 613596 - 614584, expect.any(Number)]);
    // May: days 31..61 from the 1 Apr anchor: round(143403 × 61 / 7) = round(1,249,654.71) = 1,249,655.
    expect(monthly[2]).toBe(10000000 - 613596 - 1249655);
  });
});

describe('a fund linked to a contract pays that contract’s share', () => {
  // Fee £1,385.54/week; the council pays £700/week (contributor); the resident's balance
  // contract names fund f1. November 2024: fee 593,803, council 300,000 ⇒ fund 293,803.
  // December: fee Cum(61) − Cum(30) = 1,207,399 − 593,803 = 613,596; council 310,000 ⇒ 303,596.
  const data = dataset({
    bookings: [booking({ id: 'b1', startDate: d('2024-11-01'), ratePence: 138554 })],
    contracts: [
      contract({ id: 'c1', feeContributionPence: 70000 }),
      contract({ id: 'c2', careFund: 'f1', payer: { kind: 'service_user', id: 'su1' } }),
    ],
    careFunds: [
      careFund({ id: 'f1', openingBalancePence: 1000000, openingBalanceDate: d('2024-11-01') }),
    ],
  });
  it('draws the monthly invoice amounts', () => {
    const runway = projectRunway(loaded(data), { asOf: d('2024-11-15'), months: 1 });
    const fund = runway.funds[0]!;
    expect(fund.basis).toBe('contracts');
    expect(fund.monthly.map((m) => m.closingBalancePence)).toEqual([706197, 402601]);
  });
  it('skips parked residents and parks two balance payers', () => {
    expect(projectRunway(loaded(data, ['su1']), { asOf: d('2024-11-15') }).funds).toEqual([]);
    const clash = projectRunway(
      loaded({ ...data, contracts: [...data.contracts, contract({ id: 'c3' })] }),
      { asOf: d('2024-11-15'), months: 1 },
    );
    expect(clash.funds).toEqual([]);
    expect(clash.parked[0]?.problems[0]?.code).toBe('TWO_BALANCE_PAYERS');
  });
});

describe('limits, horizon, negative balances', () => {
  it('has the regional limits and the tariff rule', () => {
    expect(REGION_LIMITS.scotland).toEqual({ upperPence: 3550000, lowerPence: 2200000 });
    expect(weeklyTariffPence(1425000, REGION_LIMITS.england)).toBe(0);
    expect(weeklyTariffPence(1425001, REGION_LIMITS.england)).toBe(100);
    expect(weeklyTariffPence(1450000, REGION_LIMITS.england)).toBe(100);
    expect(weeklyTariffPence(1450001, REGION_LIMITS.england)).toBe(200);
    expect(weeklyTariffPence(2325001, REGION_LIMITS.england)).toBeNull();
    expect(weeklyTariffPence(100, REGION_LIMITS.wales)).toBeNull();
    expect(fmt(horizonEnd(d('2024-11-22'), 36))).toBe('2027-11-30');
    expect(fmt(horizonEnd(d('2024-01-31'), 1))).toBe('2024-02-29');
  });

  it('treats a negative opening balance as empty from its opening date', () => {
    const data = dataset({
      bookings: [booking({ id: 'b1', startDate: d('2024-11-01') })],
      careFunds: [
        careFund({ id: 'f1', openingBalancePence: -500, openingBalanceDate: d('2024-10-01') }),
      ],
    });
    const runway = projectRunway(loaded(data), { asOf: d('2024-11-22'), region: 'wales' });
    expect(fmt(runway.funds[0]!.depletionDate)).toBe('2024-10-01');
    expect(runway.funds[0]!.balanceAsOfPence).toBe(0);
    expect(runway.warnings.map((w) => w.code)).toEqual(['NEGATIVE_OPENING_BALANCE']);
    expect(runway.serviceUsers[0]!.flags).toEqual([
      'below_upper_at_as_of',
      'below_lower_at_as_of',
      'overdue',
      'single_limit',
    ]);
  });

  it('reads the fund type notification days and a custom lead time', () => {
    const data = {
      ...dataset({
        bookings: [
          booking({ id: 'b1', startDate: d('2024-11-01'), ratePence: 7000, ratePeriod: 'daily' }),
        ],
        careFunds: [
          careFund({
            id: 'f1',
            careFundType: 't',
            openingBalancePence: 3000000,
            openingBalanceDate: d('2024-11-01'),
          }),
        ],
      }),
      careFundTypes: new Map([['t', { id: 't', name: 'ISA', daysBeforeNotification: 30 }]]),
    };
    // £70 a day from 1 Nov 2024: below £23,250 once 7,000 × n > 675,000 ⇒ n = 97 = 5 Feb 2025;
    // 6 months before is 5 Aug 2024, already past at T ⇒ T, overdue.
    const runway = projectRunway(loaded(data), { asOf: d('2024-11-22'), leadMonths: 6 });
    const r = runway.serviceUsers[0]!;
    expect(fmt(r.upperLimitDate)).toBe('2025-02-05');
    expect(fmt(r.notifyCouncilBy)).toBe('2024-11-22');
    expect(r.flags).toContain('overdue');
    // Depletion: 3,000,000 / 7,000 = 428.57 ⇒ day 429 = 1 Nov 2024 + 428 = 3 Jan 2026;
    // the fund type asks for 30 days' notice ⇒ 4 Dec 2025.
    expect(fmt(runway.funds[0]!.depletionDate)).toBe('2026-01-03');
    expect(fmt(runway.funds[0]!.notifyDepletionBy)).toBe('2025-12-04');
  });
});
