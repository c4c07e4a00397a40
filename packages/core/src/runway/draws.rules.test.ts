/**
 * SPEC §5 "What a fund pays", at its edges: the first and last day a stay is drawn (the
 * fund's opening day, the horizon day, an uplift on a stay's last day), the waterfall
 * when the next fund opens on the very day the first runs dry, contract shares that name
 * one fund twice, uplifted contributions, and what is never drawn. £100 a day throughout,
 * so each figure can be checked by eye.
 */
import { describe, expect, it } from 'vitest';
import { booking, careFund, contract, d, dataset, loaded } from '../../test/builders.js';
import { type Day, formatDay } from '../calendar/day.js';
import type { BillingContract, Booking, CareFund, Dataset } from '../dataset/model.js';
import type { RunwayOptions } from './options.js';
import { projectRunway } from './project.js';
import { upliftPence } from './uplift.js';

const fmt = (day: Day | null) => (day === null ? null : formatDay(day));
const run = (data: Dataset, options: RunwayOptions) => projectRunway(loaded(data), options);
const daily = (fields: Partial<Booking> & { id: string }) =>
  booking({ ratePence: 10000, ratePeriod: 'daily', ...fields });
const fund = (fields: Partial<CareFund> & { id: string }) =>
  careFund({ openingBalancePence: 100000, openingBalanceDate: d('2024-11-01'), ...fields });
const monthly = (data: Dataset, options: RunwayOptions) =>
  run(data, options).funds.map((f) => [f.id, ...f.monthly.map((m) => m.closingBalancePence)]);

describe('SPEC §5 drawing starts on opening_balance_date and runs to the horizon', () => {
  it('a stay ending on the fund’s opening day is drawn for that day', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-10-01'), endDate: d('2024-11-01') })],
      careFunds: [fund({ id: 'f1' })],
    });
    expect(run(data, { asOf: d('2024-11-05'), months: 1 }).funds[0]?.balanceAsOfPence).toBe(90000);
  });

  it('a stay that ended the day before the fund opened draws nothing from it', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-10-01'), endDate: d('2024-10-31') })],
      careFunds: [fund({ id: 'f1' })],
    });
    expect(run(data, { asOf: d('2024-11-05'), months: 1 }).funds[0]?.balanceAsOfPence).toBe(100000);
  });

  it('a stay starting on the horizon day is drawn for that day; one starting after it is not', () => {
    const on = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-12-31') })],
      careFunds: [fund({ id: 'f1' })],
    });
    expect(monthly(on, { asOf: d('2024-11-05'), months: 1 })).toEqual([['f1', 100000, 90000]]);
    const after = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2025-01-01') })],
      careFunds: [fund({ id: 'f1' })],
    });
    expect(monthly(after, { asOf: d('2024-11-05'), months: 1 })).toEqual([['f1', 100000, 100000]]);
  });

  it('a stay ending after the horizon is drawn to the horizon', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-12-30'), endDate: d('2025-01-05') })],
      careFunds: [fund({ id: 'f1' })],
    });
    expect(monthly(data, { asOf: d('2024-11-05'), months: 1 })).toEqual([['f1', 100000, 80000]]);
  });

  it('a credit (a negative rate) never adds to a fund, nor takes from it', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', ratePence: -10000 })],
      careFunds: [fund({ id: 'f1' })],
    });
    const result = run(data, { asOf: d('2024-11-05'), months: 1 });
    expect(result.funds[0]?.monthly.map((m) => m.closingBalancePence)).toEqual([100000, 100000]);
    expect(result.funds[0]?.depletionDate).toBeNull();
  });

  it('a credit beside a stay does not lessen what the stay draws', () => {
    // £100 a day from 1 Nov, and a credit of £30 a day over the same days: £500 by 5 Nov.
    const data = dataset({
      bookings: [daily({ id: 'b1' }), daily({ id: 'b2', ratePence: -3000 })],
      careFunds: [fund({ id: 'f1' })],
    });
    expect(run(data, { asOf: d('2024-11-05'), months: 1 }).funds[0]?.balanceAsOfPence).toBe(50000);
  });
});

describe('SPEC §5 uplift: the new rate from the uplift day, to the stay’s last day', () => {
  it('an uplift on a stay’s last day charges that day at the new rate', () => {
    // 30 and 31 Mar at £100, 1 Apr at £110.
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2025-03-30'), endDate: d('2025-04-01') })],
      careFunds: [fund({ id: 'f1', openingBalancePence: 1000000 })],
    });
    const options = { asOf: d('2025-03-15'), months: 1, uplift: { percent: '10' } };
    expect(monthly(data, options)).toEqual([['f1', 980000, 969000]]);
  });

  it('an uplift on a stay’s first day charges the whole stay at the new rate', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2025-04-01'), endDate: d('2025-04-02') })],
      careFunds: [fund({ id: 'f1', openingBalancePence: 1000000 })],
    });
    const options = { asOf: d('2025-03-15'), months: 1, uplift: { percent: '10' } };
    expect(monthly(data, options)).toEqual([['f1', 1000000, 978000]]);
  });

  it('contributions are uplifted too; the fund paying the balance pays the rest', () => {
    // The council pays £60 a day, then £66 from 1 Apr; f1 pays the balance: £40, then £44.
    const contracts: BillingContract[] = [
      contract({ id: 'k1', feeContributionPence: 6000, feeContributionUnit: 'day' }),
      contract({ id: 'k2', careFund: 'f1', payer: { kind: 'service_user', id: 'su1' } }),
    ];
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2025-03-30') })],
      careFunds: [
        fund({ id: 'f1', openingBalancePence: 1000000, openingBalanceDate: d('2025-03-30') }),
      ],
      contracts,
    });
    const options = { asOf: d('2025-03-31'), months: 1, uplift: { percent: '10' } };
    expect(monthly(data, options)).toEqual([['f1', 992000, 992000 - 30 * 4400]]);
  });

  it('an uplift is exact decimal arithmetic for any amount in pence (40 digits, not decimal.js’s 20)', () => {
    // 1,200,000,000,009,999 × 100.005 ÷ 100 = 1,200,060,000,009,999.49995: rounds down.
    // At 20 significant digits the product would round up to …9,950.00 first.
    expect(upliftPence(1200000000009999, '0.005')).toBe(1200060000009999);
  });

  it('an uplift percentage is decimal text; anything else is a programming error', () => {
    expect(() => upliftPence(100, '3,5')).toThrow('not an uplift percentage: "3,5"');
  });
});

describe('SPEC §5 contract shares: a fund pays every share whose contract names it', () => {
  it('two contracts of one stay naming the same fund: it pays both shares', () => {
    const payer = { kind: 'service_user' as const, id: 'su1' };
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-11-01') })],
      careFunds: [fund({ id: 'f1' })],
      contracts: [
        contract({
          id: 'k1',
          feeContributionPence: 6000,
          feeContributionUnit: 'day',
          careFund: 'f1',
          payer,
        }),
        contract({ id: 'k2', careFund: 'f1', payer }),
      ],
    });
    const [f1] = run(data, { asOf: d('2024-11-05'), months: 1 }).funds;
    expect([f1?.basis, f1?.balanceAsOfPence, fmt(f1?.depletionDate ?? null)]).toEqual([
      'contracts',
      50000,
      '2024-11-11',
    ]);
  });

  it('a fund of a resident the load parked pays nothing: a contract naming it links no fund', () => {
    // Bob's (su1) contract names Ann's f2, but the load parked Ann (su2): Bob pays his whole
    // fee (£100 a day) from his own g, £500 by 5 Nov.
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-11-01') })],
      careFunds: [fund({ id: 'g' }), fund({ id: 'f2', serviceUser: 'su2' })],
      contracts: [
        contract({ id: 'k1', careFund: 'f2', payer: { kind: 'service_user', id: 'su1' } }),
      ],
    });
    const result = projectRunway(loaded(data, ['su2']), { asOf: d('2024-11-05'), months: 1 });
    expect(result.funds.map((f) => [f.id, f.basis, f.balanceAsOfPence])).toEqual([
      ['g', 'whole_fee', 50000],
    ]);
  });

  it('a resident the load parked is neither projected nor parked a second time', () => {
    // Two balance payers would park su1 while projecting; the load parked su1 already.
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-11-01') })],
      careFunds: [fund({ id: 'f1' })],
      contracts: [
        contract({ id: 'k1', careFund: 'f1', payer: { kind: 'service_user', id: 'su1' } }),
        contract({ id: 'k2' }),
      ],
    });
    const result = projectRunway(loaded(data, ['su1']), { asOf: d('2024-11-05'), months: 1 });
    expect([result.funds, result.serviceUsers, result.parked]).toEqual([[], [], []]);
  });
});

describe('SPEC §5 the waterfall: the next fund pays whatever the first cannot, on the same day', () => {
  it('a fund opening on the very day the first runs dry pays only the rest of that day', () => {
    // £300 a day. a (£1,000) pays 1–3 Nov and £100 of 4 Nov; b opens on 4 Nov and pays the
    // other £200 of it, then £300 a day 5–20 Nov, and cannot pay 21 Nov.
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-11-01'), ratePence: 30000 })],
      careFunds: [
        fund({ id: 'a' }),
        fund({ id: 'b', openingBalancePence: 500000, openingBalanceDate: d('2024-11-04') }),
      ],
    });
    const result = run(data, { asOf: d('2024-11-04'), months: 1 });
    expect(result.funds.map((f) => [f.id, f.balanceAsOfPence, fmt(f.depletionDate)])).toEqual([
      ['a', 0, '2024-11-04'],
      ['b', 480000, '2024-11-21'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('a fund opening the day after the first runs dry pays from its own opening day, in full', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-11-01'), ratePence: 30000 })],
      careFunds: [
        fund({ id: 'a' }),
        fund({ id: 'b', openingBalancePence: 500000, openingBalanceDate: d('2024-11-05') }),
      ],
    });
    const result = run(data, { asOf: d('2024-11-05'), months: 1 });
    // b pays 5–20 Nov (16 days, £4,800) and cannot pay the whole of 21 Nov.
    expect(result.funds.map((f) => [f.id, f.balanceAsOfPence, fmt(f.depletionDate)])).toEqual([
      ['a', 0, '2024-11-04'],
      ['b', 470000, '2024-11-21'],
    ]);
  });

  it('a fund after one that never runs dry draws nothing', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-11-01') })],
      careFunds: [
        fund({ id: 'a', openingBalancePence: 10000000 }),
        fund({ id: 'b', openingBalancePence: 500 }),
      ],
    });
    const result = run(data, { asOf: d('2024-11-05'), months: 1 });
    expect(result.funds.map((f) => [f.id, f.balanceAsOfPence, f.depletionDate])).toEqual([
      ['a', 9950000, null],
      ['b', 500, null],
    ]);
  });
});

describe('SPEC §5 depletion_date: the first day the fund cannot pay that day’s draw in full', () => {
  const depletion = (bookings: Booking[], funds: CareFund[], months = 1) =>
    run(dataset({ bookings, careFunds: funds }), { asOf: d('2024-11-05'), months }).funds.map(
      (f) => [f.id, fmt(f.depletionDate), f.balanceAsOfPence],
    );

  it('a fund that pays its last penny on a day runs dry the next day, not that day', () => {
    expect(
      depletion([daily({ id: 'b1' })], [fund({ id: 'f1', openingBalancePence: 10000 })]),
    ).toEqual([['f1', '2024-11-02', 0]]);
    expect(
      depletion([daily({ id: 'b1' })], [fund({ id: 'f1', openingBalancePence: 9999 })]),
    ).toEqual([['f1', '2024-11-01', 0]]);
    expect(
      depletion([daily({ id: 'b1' })], [fund({ id: 'f1', openingBalancePence: 30000 })]),
    ).toEqual([['f1', '2024-11-04', 0]]);
  });

  it('a fund emptied exactly by a stay that ends runs dry on the next stay’s first day', () => {
    const bookings = [
      daily({ id: 'b2', startDate: d('2024-11-10') }),
      daily({ id: 'b1', startDate: d('2024-11-01'), endDate: d('2024-11-03') }),
    ];
    expect(depletion(bookings, [fund({ id: 'f1', openingBalancePence: 30000 })])).toEqual([
      ['f1', '2024-11-10', 0],
    ]);
  });

  it('stays listed out of date order, and overlapping, are all drawn (£100 1–3 Nov, £50 from 3 Nov)', () => {
    const bookings = [
      daily({ id: 'b2', startDate: d('2024-11-03'), ratePence: 5000 }),
      daily({ id: 'b1', startDate: d('2024-11-01'), endDate: d('2024-11-03') }),
    ];
    // Through 5 Nov: 3 × £100 + 3 × £50 = £450; the last £650 pays 4–16 Nov at £50.
    expect(depletion(bookings, [fund({ id: 'f1' })])).toEqual([['f1', '2024-11-17', 55000]]);
  });

  it('running dry on the horizon day itself is within the horizon', () => {
    // £3,050 from 1 Dec: 1–30 Dec paid in full, £50 left for 31 Dec (the horizon).
    const f = fund({ id: 'f1', openingBalancePence: 305000, openingBalanceDate: d('2024-12-01') });
    expect(depletion([daily({ id: 'b1' })], [f])).toEqual([['f1', '2024-12-31', 305000]]);
    const more = fund({
      id: 'f1',
      openingBalancePence: 310000,
      openingBalanceDate: d('2024-12-01'),
    });
    expect(depletion([daily({ id: 'b1' })], [more])).toEqual([['f1', null, 310000]]);
  });

  it('a fund opening on the horizon day can run dry that day; one opening after it cannot', () => {
    const on = fund({ id: 'f1', openingBalancePence: 5000, openingBalanceDate: d('2024-12-31') });
    expect(depletion([daily({ id: 'b1' })], [on])).toEqual([['f1', '2024-12-31', 5000]]);
    const after = fund({
      id: 'f1',
      openingBalancePence: 5000,
      openingBalanceDate: d('2025-01-01'),
    });
    expect(depletion([daily({ id: 'b1' })], [after])).toEqual([['f1', null, 5000]]);
  });
});

describe('SPEC §5 a fund pays the lines of the contracts whose care_fund is its id, whoever’s they are', () => {
  // A couple: Bob (su1) has no savings of his own; his balance contract names Ann's (su2)
  // fund f2, as does hers. £100 a day for Bob, £50 for Ann, from 1 Nov.
  const couple = (bobFunds: CareFund[], bobStay: Partial<Booking> = {}) =>
    dataset({
      bookings: [
        daily({ id: 'b1', serviceUser: 'su1', ...bobStay }),
        daily({ id: 'b2', serviceUser: 'su2', ratePence: 5000 }),
      ],
      careFunds: [fund({ id: 'f2', serviceUser: 'su2' }), ...bobFunds],
      contracts: [
        contract({
          id: 'k1',
          serviceUser: 'su1',
          careFund: 'f2',
          payer: { kind: 'service_user', id: 'su2' },
        }),
        contract({
          id: 'k2',
          serviceUser: 'su2',
          careFund: 'f2',
          payer: { kind: 'service_user', id: 'su2' },
        }),
      ],
    });

  it('one fund named by both residents’ contracts pays both, though Bob has no fund of his own', () => {
    const result = run(couple([]), { asOf: d('2024-11-05'), months: 1 });
    // 5 days × (£100 + £50) = £750 of £1,000; £250 pays 6 Nov (£150) but not 7 Nov.
    expect(
      result.funds.map((f) => [f.id, f.basis, f.balanceAsOfPence, fmt(f.depletionDate)]),
    ).toEqual([['f2', 'contracts', 25000, '2024-11-07']]);
  });

  it('Bob’s stay before his own fund opens is paid by the fund his contract names', () => {
    const later = fund({ id: 'f1', serviceUser: 'su1', openingBalanceDate: d('2025-01-01') });
    const result = run(couple([later], { endDate: d('2024-11-03') }), {
      asOf: d('2024-11-05'),
      months: 1,
    });
    // f2: Bob's 3 days (£300) and Ann's 5 (£250). Bob's own fund pays nothing: his fees go
    // through his contract.
    expect(result.funds.map((f) => [f.id, f.basis, f.balanceAsOfPence])).toEqual([
      ['f1', 'contracts', 100000],
      ['f2', 'contracts', 45000],
    ]);
  });
});

describe('SPEC §5 a fund pays the contracts naming it and, when its owner has no contract naming a fund, the owner’s whole fees', () => {
  // Ann (su2) pays her whole fee (£60 a day) from her funds: no contract of hers names a
  // fund. Bob (su1) has no fund; his balance contract (£100 a day) names Ann's first fund
  // f2. From 1 Nov.
  const couple = (annFunds: CareFund[], bobFund = 'f2') =>
    dataset({
      bookings: [
        daily({ id: 'b1', serviceUser: 'su1' }),
        daily({ id: 'b2', serviceUser: 'su2', ratePence: 6000 }),
      ],
      careFunds: annFunds,
      contracts: [
        contract({
          id: 'k1',
          serviceUser: 'su1',
          careFund: bobFund,
          payer: { kind: 'service_user', id: 'su2' },
        }),
      ],
    });
  const ann = (id: string, pence: number, opening = '2024-11-01') =>
    fund({
      id,
      serviceUser: 'su2',
      openingBalancePence: pence,
      openingBalanceDate: d(opening),
    });
  const funds = (data: Dataset, options: RunwayOptions) =>
    run(data, options).funds.map((f) => [
      f.id,
      f.basis,
      fmt(f.depletionDate),
      ...f.monthly.map((m) => m.closingBalancePence),
    ]);

  it('Ann’s fund pays Bob’s contract as well as her fee, so it runs dry and she falls below the limits sooner', () => {
    // f2 (£1,000) pays £160 a day: £960 for 1–6 Nov. On 7 Nov its last £40 goes to Bob's
    // share first; f3 (£5,000) pays all of Ann's £60 that day, then £60 a day: 24 days of
    // November (£1,440) and 31 of December (£1,860).
    const data = couple([ann('f2', 100000), ann('f3', 500000)]);
    const options = {
      asOf: d('2024-11-01'),
      months: 1,
      limits: { upperPence: 500000, lowerPence: 300000 },
      leadMonths: 0,
    };
    expect(funds(data, options)).toEqual([
      ['f2', 'whole_fee', '2024-11-07', 0, 0],
      ['f3', 'whole_fee', null, 356000, 170000],
    ]);
    // Ann's total: £6,000 − £160 a day to £5,040 on 6 Nov, £4,940 on 7 Nov (below £5,000),
    // then £60 a day: £2,960 on 10 Dec (33 days later) is the first below £3,000.
    const [resident] = run(data, options).serviceUsers;
    expect([
      resident?.totalAsOfPence,
      fmt(resident?.upperLimitDate ?? null),
      fmt(resident?.notifyCouncilBy ?? null),
      fmt(resident?.lowerLimitDate ?? null),
    ]).toEqual([584000, '2024-11-07', '2024-11-07', '2024-12-10']);
  });

  it('on the day it runs dry it pays the contract’s share, then what is left of Ann’s fee; her next fund the rest', () => {
    // f2 (£1,100): £960 for 1–6 Nov; on 7 Nov £140 left: Bob's £100, then £40 of Ann's £60.
    // f3 pays the other £20 that day, then £60 a day: £1,400 in November, £1,860 in December.
    const data = couple([ann('f2', 110000), ann('f3', 500000)]);
    expect(funds(data, { asOf: d('2024-11-07'), months: 1 })).toEqual([
      ['f2', 'whole_fee', '2024-11-07', 0, 0],
      ['f3', 'whole_fee', null, 360000, 174000],
    ]);
  });

  it('a later fund of Ann’s pays Bob’s contract from its opening day though her fee has not reached it', () => {
    // Bob's contract names f3 (£1,000): £100 a day 1–10 Nov, dry on 11 Nov. f2 (£10,000)
    // pays Ann's £60 a day throughout: £1,800 in November, £1,860 in December.
    const data = couple([ann('f2', 1000000), ann('f3', 100000)], 'f3');
    expect(funds(data, { asOf: d('2024-11-07'), months: 1 })).toEqual([
      ['f2', 'whole_fee', null, 820000, 634000],
      ['f3', 'whole_fee', '2024-11-11', 0, 0],
    ]);
  });

  it('a fund Bob’s contract emptied pays none of Ann’s fee when it reaches it: her next fund pays it', () => {
    // f3 (£300) pays Bob's £100 1–3 Nov and is dry on 4 Nov. f2 (£1,000) pays Ann's £60
    // 1–16 Nov and £40 of 17 Nov; f4 (£1,000, open from 10 Nov) pays the other £20 of
    // 17 Nov, then £60 a day: £200 left at November's end, dry on 4 Dec.
    const data = couple(
      [ann('f2', 100000), ann('f3', 30000), ann('f4', 100000, '2024-11-10')],
      'f3',
    );
    expect(funds(data, { asOf: d('2024-11-30'), months: 1 })).toEqual([
      ['f2', 'whole_fee', '2024-11-17', 0, 0],
      ['f3', 'whole_fee', '2024-11-04', 0, 0],
      ['f4', 'whole_fee', '2024-12-04', 20000, 0],
    ]);
  });
});

describe('SPEC §5 a fund named by a contract pays nothing before its opening date', () => {
  it('Bob’s shares before Ann’s fund opens are not hers to pay, nor counted against her fee', () => {
    // Bob (su1) pays £100 a day: £20 from his own fund g, the balance (£80) from Ann's f3,
    // so his shares are drawn from 1 Nov, when g opens; f3 opens on 10 Nov. Ann (su2) pays
    // her £60 a day from f3 then f4, both from 10 Nov. f3 (£1,100) pays £140 a day 10–16 Nov
    // (£980); on 17 Nov Bob's £80, then £40 of Ann's £60; f4 (£5,000) pays the other £20,
    // then £60 a day: £800 in November, £1,860 in December.
    const data = dataset({
      bookings: [
        daily({ id: 'b1', serviceUser: 'su1' }),
        daily({ id: 'b2', serviceUser: 'su2', ratePence: 6000 }),
      ],
      careFunds: [
        fund({ id: 'g', serviceUser: 'su1', openingBalancePence: 1000000 }),
        fund({
          id: 'f3',
          serviceUser: 'su2',
          openingBalancePence: 110000,
          openingBalanceDate: d('2024-11-10'),
        }),
        fund({
          id: 'f4',
          serviceUser: 'su2',
          openingBalancePence: 500000,
          openingBalanceDate: d('2024-11-10'),
        }),
      ],
      contracts: [
        contract({
          id: 'k1',
          serviceUser: 'su1',
          feeContributionPence: 2000,
          feeContributionUnit: 'day',
          careFund: 'g',
          payer: { kind: 'service_user', id: 'su1' },
        }),
        contract({
          id: 'k2',
          serviceUser: 'su1',
          careFund: 'f3',
          payer: { kind: 'service_user', id: 'su2' },
        }),
      ],
    });
    const result = run(data, { asOf: d('2024-11-30'), months: 1 });
    expect(
      result.funds.map((f) => [
        f.id,
        f.basis,
        fmt(f.depletionDate),
        ...f.monthly.map((m) => m.closingBalancePence),
      ]),
    ).toEqual([
      ['g', 'contracts', null, 940000, 878000],
      ['f3', 'whole_fee', '2024-11-17', 0, 0],
      ['f4', 'whole_fee', null, 420000, 234000],
    ]);
  });
});

describe('SPEC §5 results: funds by resident id, then drawing order', () => {
  it('whatever order the dataset lists them in', () => {
    const data = dataset({
      careFunds: [
        fund({ id: 'z', serviceUser: 'su2' }),
        fund({ id: 'y', serviceUser: 'su1', openingBalanceDate: d('2024-11-02') }),
        fund({ id: 'x', serviceUser: 'su1', openingBalanceDate: d('2024-11-02') }),
        fund({ id: 'w', serviceUser: 'su1', openingBalanceDate: d('2024-11-03') }),
        fund({ id: 'v', serviceUser: 'su10' }),
      ],
    });
    const result = run(data, { asOf: d('2024-11-05'), months: 1 });
    expect(result.funds.map((f) => `${f.serviceUser}:${f.id}`)).toEqual([
      'su1:x',
      'su1:y',
      'su1:w',
      'su10:v',
      'su2:z',
    ]);
  });
});
