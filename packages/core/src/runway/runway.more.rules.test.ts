/**
 * SPEC §5 rule by rule, continued: which contracts link a fund, the drawing order, the
 * uplift days and percentages, the month ends, the order of residents and parked entries,
 * and the warnings a runway writes — each at its boundary.
 */
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
import { type Day, formatDay } from '../calendar/day.js';
import type { LoadedDataset } from '../dataset/load-types.js';
import type { Dataset } from '../dataset/model.js';
import type { Problem } from '../dataset/problems.js';
import type { RunwayOptions } from './options.js';
import { monthEndsFrom, projectRunway } from './project.js';
import { isUpliftPercent, upliftDays, upliftIndex, upliftTimes } from './uplift.js';

const fmt = (day: number | null) => (day === null ? null : formatDay(day as Day));
const run = (data: Dataset, options: RunwayOptions, parts: Partial<LoadedDataset> = {}) =>
  projectRunway({ ...loaded(data), ...parts }, options);
/** £100 a day from 1 Nov 2024. */
const hundredADay = booking({
  id: 'b1',
  startDate: d('2024-11-01'),
  ratePence: 10000,
  ratePeriod: 'daily',
});

describe('SPEC §5 what a fund pays: the contracts whose care_fund is its id, else the whole fee', () => {
  const fund = careFund({
    id: 'f1',
    openingBalancePence: 100000,
    openingBalanceDate: d('2024-11-01'),
  });
  const basis = (contracts: ReturnType<typeof contract>[]) =>
    run(dataset({ bookings: [hundredADay], careFunds: [fund], contracts }), {
      asOf: d('2024-11-05'),
      months: 1,
    }).funds.map((f) => [f.basis, f.balanceAsOfPence]);

  it('a live contract naming the fund links it: it pays that contract’s share', () => {
    // The council pays £60 a day; the resident's balance (£40) comes from f1: 5 days = £200.
    const contracts = [
      contract({ id: 'k1', feeContributionPence: 6000, feeContributionUnit: 'day' }),
      contract({ id: 'k2', careFund: 'f1', payer: { kind: 'service_user', id: 'su1' } }),
    ];
    expect(basis(contracts)).toEqual([['contracts', 80000]]);
  });

  it('a cancelled contract, or one naming another fund, does not: the whole fee (£500)', () => {
    const payer = { kind: 'service_user' as const, id: 'su1' };
    expect(basis([contract({ id: 'k2', careFund: 'f1', cancelled: true, payer })])).toEqual([
      ['whole_fee', 50000],
    ]);
    expect(basis([contract({ id: 'k2', careFund: 'f9', payer })])).toEqual([['whole_fee', 50000]]);
  });
});

describe('SPEC §5 drawing order: opening_balance_date, then _id', () => {
  it('the fund opening first pays first, whatever its id', () => {
    const data = dataset({
      bookings: [hundredADay],
      careFunds: [
        careFund({ id: 'a', openingBalancePence: 100000, openingBalanceDate: d('2024-11-02') }),
        careFund({ id: 'b', openingBalancePence: 100000, openingBalanceDate: d('2024-11-01') }),
      ],
    });
    // b pays 1–10 Nov (10 days, £1,000) and runs dry on the 11th, when a takes over.
    const result = run(data, { asOf: d('2024-11-12'), months: 1 });
    expect(result.serviceUsers[0]?.funds).toEqual(['b', 'a']);
    expect(result.funds.map((f) => [f.id, fmt(f.depletionDate), f.balanceAsOfPence])).toEqual([
      ['b', '2024-11-11', 0],
      ['a', '2024-11-21', 80000],
    ]);
  });
});

describe('SPEC §5 uplift days: every year on a month and day (default 1 April) after T', () => {
  const days = (asOf: string, horizon: string, uplift: Parameters<typeof upliftDays>[2]) =>
    upliftDays(d(asOf), d(horizon), uplift).map(fmt);

  it('none without an uplift', () => {
    expect(days('2024-11-22', '2027-11-30', undefined)).toEqual([]);
  });

  it('strictly after T, and the horizon day itself counts', () => {
    expect(days('2025-04-01', '2027-04-01', { percent: '3' })).toEqual([
      '2026-04-01',
      '2027-04-01',
    ]);
    expect(days('2025-03-31', '2026-03-31', { percent: '3' })).toEqual(['2025-04-01']);
  });

  it('a month and day of the run’s choosing; 29 February is 28 February in a common year', () => {
    expect(days('2024-01-15', '2026-12-31', { percent: '3', month: 2, day: 29 })).toEqual([
      '2024-02-29',
      '2025-02-28',
      '2026-02-28',
    ]);
    expect(days('2024-11-22', '2025-12-31', { percent: '3', month: 12 })).toEqual([
      '2024-12-01',
      '2025-12-01',
    ]);
  });

  it('the uplift day itself is in the new fee year', () => {
    const uplifts = [d('2025-04-01'), d('2026-04-01')];
    expect(upliftIndex(uplifts, d('2025-03-31'))).toBe(0);
    expect(upliftIndex(uplifts, d('2025-04-01'))).toBe(1);
    expect(upliftIndex(uplifts, d('2026-04-01'))).toBe(2);
  });

  it('uplifts compound: 10% twice on £1,000 is £1,210; none is the amount itself', () => {
    expect(upliftTimes(100000, '10', 2)).toBe(121000);
    expect(upliftTimes(100000, '10', 0)).toBe(100000);
    expect(upliftTimes(100000, '10', 1)).toBe(110000);
  });

  it.each([
    ['3.5', true],
    ['0', true],
    ['100', true],
    ['2.123456', true],
    ['1000', false],
    ['2.1234567', false],
    ['3.', false],
    ['.5', false],
    ['-1', false],
    ['3,5', false],
    [' 3', false],
    ['3 ', false],
  ])('the percentage %j is accepted: %s', (text, ok) => {
    expect(isUpliftPercent(text)).toBe(ok);
  });
});

describe('SPEC §5 month ends from T’s month through the horizon’s', () => {
  it('across a year end', () => {
    expect(monthEndsFrom(d('2024-12-15'), d('2025-02-28')).map(fmt)).toEqual([
      '2024-12-31',
      '2025-01-31',
      '2025-02-28',
    ]);
  });

  it('a horizon before the month’s end gives no month end for that month', () => {
    expect(monthEndsFrom(d('2024-12-15'), d('2025-01-30')).map(fmt)).toEqual(['2024-12-31']);
  });
});

describe('SPEC §5 results per resident: in name order, named by full name, else by id', () => {
  it('sorted by full name, then id; a resident without a name shows the id', () => {
    const funds = ['su1', 'su2', 'su3', 'su4'].map((id) =>
      careFund({ id: `f-${id}`, serviceUser: id, openingBalanceDate: d('2024-11-01') }),
    );
    const data = dataset({
      careFunds: funds,
      serviceUsers: [
        serviceUser('su1', { firstName: 'Zoe', lastName: 'Adams' }),
        serviceUser('su2', { firstName: 'Amy', lastName: 'Brown' }),
        serviceUser('su3', { firstName: 'Amy', lastName: 'Brown' }),
      ],
    });
    const names = run(data, { asOf: d('2024-11-05'), months: 1 }).serviceUsers.map((r) => [
      r.id,
      r.name,
    ]);
    expect(names).toEqual([
      ['su2', 'Amy Brown'],
      ['su3', 'Amy Brown'],
      ['su1', 'Zoe Adams'],
      ['su4', 'su4'],
    ]);
  });

  it('parked entries: by resident id, those without a resident last', () => {
    const problem = (id: string): Problem => ({
      severity: 'record',
      code: 'BAD_DATE',
      resource: 'bookings',
      id,
      field: 'start_date',
      value: '',
      message: 'm',
    });
    // The one without a resident in the middle: last, whichever side it is compared from.
    const parked = [
      { serviceUser: 'su9', problems: [problem('y')] },
      { serviceUser: null, problems: [problem('x')] },
      { serviceUser: 'su2', problems: [problem('z')] },
    ];
    const result = run(dataset({}), { asOf: d('2024-11-05') }, { parked });
    expect(result.parked.map((p) => p.serviceUser)).toEqual(['su2', 'su9', null]);
  });
});

describe('SPEC §5 warnings a runway writes', () => {
  it('FUND_OPENS_AFTER_AS_OF: the fund, its opening date as the value, and what to do', () => {
    const data = dataset({
      careFunds: [careFund({ id: 'f1', openingBalanceDate: d('2024-12-01') })],
    });
    expect(run(data, { asOf: d('2024-11-05'), months: 1 }).warnings).toEqual([
      {
        severity: 'warning',
        code: 'FUND_OPENS_AFTER_AS_OF',
        resource: 'care-funds',
        id: 'f1',
        field: 'opening_balance_date',
        value: '"2024-12-01"',
        message:
          'Care fund f1 opens on 2024-12-01, after the as-of date 2024-11-05; its opening balance is shown as its balance at the as-of date. Check the date, or run with a later --as-of.',
      },
    ]);
  });

  it('a fund opening on T itself is not after it: no warning', () => {
    const data = dataset({
      careFunds: [careFund({ id: 'f1', openingBalanceDate: d('2024-11-05') })],
    });
    expect(run(data, { asOf: d('2024-11-05'), months: 1 }).warnings).toEqual([]);
  });

  it('NEGATIVE_OPENING_BALANCE: the fund, the balance as its value, and what to do; 0 is not negative', () => {
    const fund = (pence: number) =>
      dataset({
        careFunds: [
          careFund({ id: 'f1', openingBalancePence: pence, openingBalanceDate: d('2024-10-01') }),
        ],
      });
    expect(run(fund(-500), { asOf: d('2024-11-05'), months: 1 }).warnings).toEqual([
      {
        severity: 'warning',
        code: 'NEGATIVE_OPENING_BALANCE',
        resource: 'care-funds',
        id: 'f1',
        field: 'opening_balance',
        value: '-500',
        message:
          'Care fund f1 opens with a negative balance (-£5.00); it is treated as empty from 2024-10-01. Correct the opening balance in CareHQ.',
      },
    ]);
    const zero = run(fund(0), { asOf: d('2024-11-05'), months: 1 });
    expect(zero.warnings).toEqual([]);
    expect(zero.funds[0]?.depletionDate).toBeNull();
  });

  it('the loader’s warnings are kept, in order with the runway’s own', () => {
    const loaderWarning: Problem = {
      severity: 'warning',
      code: 'RESPITE_WITHOUT_END',
      resource: 'bookings',
      id: 'b1',
      field: 'end_date',
      value: 'null',
      message: 'm',
    };
    const data = dataset({
      careFunds: [careFund({ id: 'f1', openingBalanceDate: d('2024-12-01') })],
    });
    const result = run(data, { asOf: d('2024-11-05'), months: 1 }, { warnings: [loaderWarning] });
    expect(result.warnings.map((w) => [w.resource, w.code])).toEqual([
      ['bookings', 'RESPITE_WITHOUT_END'],
      ['care-funds', 'FUND_OPENS_AFTER_AS_OF'],
    ]);
  });
});

describe('SPEC §5 notify_depletion_by: the depletion date minus the fund type’s days (default 180)', () => {
  it('180 days when the fund has no type, or a type the dataset does not list', () => {
    for (const careFundType of [null, 'unknown']) {
      const data = dataset({
        bookings: [hundredADay],
        careFunds: [
          careFund({
            id: 'f1',
            careFundType,
            openingBalancePence: 100000,
            openingBalanceDate: d('2024-11-01'),
          }),
        ],
      });
      const fund = run(data, { asOf: d('2024-11-05'), months: 1 }).funds[0]!;
      // £1,000 at £100 a day: 10 days, so the 11th (11 Nov) cannot be paid; 180 days before.
      expect([fmt(fund.depletionDate), fmt(fund.notifyDepletionBy)]).toEqual([
        '2024-11-11',
        '2024-05-15',
      ]);
    }
  });
});
