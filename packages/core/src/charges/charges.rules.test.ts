/**
 * SPEC §3 rule by rule, at the boundaries: which days are billable, the fee and its one
 * rounding, who pays (contracts live on a day, contributors, parents, the balance payer,
 * the default payer, block beds), and where every unpaid penny goes. Amounts are worked by
 * hand from daily rates so that each expected number can be checked on paper.
 */
import { describe, expect, it } from 'vitest';
import {
  booking,
  contract,
  d,
  dataset,
  locationContact,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import { type Day, formatDay } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import type { Booking, Dataset } from '../dataset/model.js';
import { billableSpan } from './billable.js';
import { type Charges, computeCharges } from './compute.js';
import { createChargeContext } from './context.js';
import { amountForRange, cumulativeAmount, dailyFee, isCalendarMonth } from './fee.js';
import { findParty } from './parties.js';
import { chargeRuns, isLiveOn } from './split.js';

const NOV = { from: d('2024-11-01'), to: d('2024-11-30') };
const none = new Set<string>();
const fmt = (day: number | null) => (day === null ? null : formatDay(day as Day));
const charge = (data: Dataset, period: DayRange = NOV, options = {}) =>
  computeCharges(data, none, period, options);
/** [contract or default, payer, from, to, days, amount] of each line, in that order. */
const lines = (charges: Charges) =>
  charges.lines
    .map((l) => [
      l.contract?.id ?? 'default',
      l.payer.id,
      fmt(l.from),
      fmt(l.to),
      l.days,
      l.amountPence,
    ])
    .sort((a, b) => (String(a) < String(b) ? -1 : 1));
const unallocated = (charges: Charges) =>
  charges.unallocated.map((u) => [u.reason, fmt(u.from), fmt(u.to), u.days, u.amountPence]);
/** A resident paying for themself, £10.00 a day. */
const selfPayer = [serviceUser('su1', { billingEnabled: true })];
const daily = (fields: Partial<Booking> & { id: string }) =>
  booking({ ratePence: 1000, ratePeriod: 'daily', ...fields });

describe('SPEC §3.1 billable days', () => {
  const span = (fields: Partial<Booking>, rule: 'day' | 'night' = 'day') => {
    const s = billableSpan(daily({ id: 'b', startDate: d('2024-11-01'), ...fields }), rule);
    return s === null ? null : [fmt(s.firstDay), fmt(s.lastDay), s.provisional];
  };

  it('from start_date through end_date, both included; end_date null is open', () => {
    expect(span({ endDate: d('2024-11-08') })).toEqual(['2024-11-01', '2024-11-08', false]);
    expect(span({})).toEqual(['2024-11-01', null, false]);
  });

  it('a respite booking without end_date ends on its proposed_checkout_date, provisionally', () => {
    const proposed = { proposedCheckoutDate: d('2024-11-14') };
    expect(span({ respite: true, ...proposed })).toEqual(['2024-11-01', '2024-11-14', true]);
    // an end_date wins; a stay that is not respite ignores the proposed date
    expect(span({ respite: true, endDate: d('2024-11-20'), ...proposed })).toEqual([
      '2024-11-01',
      '2024-11-20',
      false,
    ]);
    expect(span({ respite: false, ...proposed })).toEqual(['2024-11-01', null, false]);
    expect(span({ respite: true })).toEqual(['2024-11-01', null, false]);
  });

  it('cancelled and out_of_service bookings are not billed at all', () => {
    expect(span({ cancelled: true })).toBeNull();
    expect(span({ type: 'out_of_service' })).toBeNull();
    expect(span({ type: 'block_contract' })).not.toBeNull();
  });

  it('rule night does not bill the last covered day; a one-day stay then bills nothing', () => {
    expect(span({ endDate: d('2024-11-08') }, 'night')).toEqual([
      '2024-11-01',
      '2024-11-07',
      false,
    ]);
    expect(span({ endDate: d('2024-11-02') }, 'night')).toEqual([
      '2024-11-01',
      '2024-11-01',
      false,
    ]);
    expect(span({ endDate: d('2024-11-01') }, 'night')).toBeNull();
    expect(span({ endDate: d('2024-11-01') }, 'day')).toEqual(['2024-11-01', '2024-11-01', false]);
    expect(span({ respite: true, proposedCheckoutDate: d('2024-11-14') }, 'night')).toEqual([
      '2024-11-01',
      '2024-11-13',
      true,
    ]);
    expect(span({}, 'night')).toEqual(['2024-11-01', null, false]);
  });

  it('the day rule is the default of a run', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', endDate: d('2024-11-08') })],
      serviceUsers: selfPayer,
    });
    expect(charge(data).feesPence).toBe(8000);
    expect(charge(data, NOV, { dayRule: 'night' }).feesPence).toBe(7000);
  });

  it('a stay beginning on the period’s last day or ending on its first is billed that one day', () => {
    const data = dataset({
      bookings: [
        daily({ id: 'b1', startDate: d('2024-11-30') }),
        daily({
          id: 'b2',
          serviceUser: 'su2',
          startDate: d('2024-10-01'),
          endDate: d('2024-11-01'),
        }),
      ],
      serviceUsers: [...selfPayer, serviceUser('su2', { billingEnabled: true })],
    });
    expect(lines(charge(data))).toEqual([
      ['default', 'su1', '2024-11-30', '2024-11-30', 1, 1000],
      ['default', 'su2', '2024-11-01', '2024-11-01', 1, 1000],
    ]);
    const outside = dataset({
      bookings: [
        daily({ id: 'b1', startDate: d('2024-12-01') }),
        daily({ id: 'b2', startDate: d('2024-10-01'), endDate: d('2024-10-31') }),
      ],
      serviceUsers: selfPayer,
    });
    expect(charge(outside).feesPence).toBe(0);
  });
});

describe('SPEC §3.2 the fee of a booking and its rounding', () => {
  it('daily fee: rate when daily, rate / 7 exactly when weekly', () => {
    expect(dailyFee({ ratePence: 1000, ratePeriod: 'daily' })).toEqual({
      numerator: 1000,
      denominator: 1,
    });
    expect(dailyFee({ ratePence: 138554, ratePeriod: 'weekly' })).toEqual({
      numerator: 138554,
      denominator: 7,
    });
  });

  it('Cum is 0 before the first day and counts the first day itself', () => {
    const weekly = dailyFee({ ratePence: 138554, ratePeriod: 'weekly' });
    const start = d('2024-11-01');
    expect(cumulativeAmount(weekly, start, (start - 1) as Day)).toBe(0);
    expect(cumulativeAmount(weekly, start, (start - 5) as Day)).toBe(0);
    expect(cumulativeAmount(weekly, start, start)).toBe(19793); // 19,793.43
    expect(
      amountForRange(weekly, start, { from: (start + 1) as Day, to: (start + 2) as Day }),
    ).toBe(59380 - 19793);
  });

  it('Fee(B; a..b) = Cum(B, b) − Cum(B, a − 1): consecutive periods add up to the whole stay', () => {
    const data = dataset({
      bookings: [booking({ id: 'b1', startDate: d('2024-10-20') })],
      serviceUsers: selfPayer,
    });
    const oct = charge(data, { from: d('2024-10-01'), to: d('2024-10-31') }).feesPence;
    const nov = charge(data).feesPence;
    // 12 days of October and 30 of November: Cum(12) = 237,521.14; Cum(42) = 831,324.
    expect([oct, nov]).toEqual([237521, 831324 - 237521]);
  });

  it('monthly52 applies to a weekly rate covering every day of a calendar-month period', () => {
    const data = (fields: Partial<Booking>) =>
      dataset({
        bookings: [booking({ id: 'b1', startDate: d('2024-01-01'), ...fields })],
        serviceUsers: selfPayer,
      });
    const fee = (fields: Partial<Booking>, period: DayRange = NOV) =>
      charge(data(fields), period, { monthly52: true }).feesPence;
    expect(fee({})).toBe(600401); // roundHalfUp(138554 × 52 / 12)
    expect(fee({ startDate: d('2024-11-01') })).toBe(600401); // starting on the 1st covers it all
    expect(fee({ startDate: d('2024-11-02') })).toBe(
      amountForRange(dailyFee(booking({ id: 'x' })), d('2024-11-02'), {
        from: d('2024-11-02'),
        to: d('2024-11-30'),
      }),
    );
    expect(fee({ endDate: d('2024-11-29') })).not.toBe(600401);
    expect(fee({ endDate: d('2024-11-30') })).toBe(600401);
    expect(fee({ ratePeriod: 'daily', ratePence: 1000 })).toBe(30000); // daily rates never
    expect(fee({}, { from: d('2024-11-01'), to: d('2024-11-29') })).toBe(
      amountForRange(dailyFee(booking({ id: 'x' })), d('2024-01-01'), {
        from: d('2024-11-01'),
        to: d('2024-11-29'),
      }),
    ); // not a calendar month
    expect(charge(data({}), NOV, { monthly52: false }).feesPence).toBe(
      amountForRange(dailyFee(booking({ id: 'x' })), d('2024-01-01'), NOV),
    );
  });

  it('monthly52 spread over runs of a split month adds up to the month’s fee', () => {
    // The council pays £100 a week until 15 Nov; the resident pays the balance.
    const data = dataset({
      bookings: [booking({ id: 'b1', startDate: d('2024-01-01') })],
      serviceUsers: selfPayer,
      contracts: [
        contract({ id: 'la', feeContributionPence: 10000, endDate: d('2024-11-15') }),
        contract({ id: 'me', payer: { kind: 'service_user', id: 'su1' } }),
      ],
    });
    const result = charge(data, NOV, { monthly52: true });
    expect(result.feesPence).toBe(600401);
    // The month's fee is spread by cumulative rounding over its 30 days, so the two runs
    // (1–15 and 16–30 Nov) add up to it exactly.
    const la = result.lines.find((l) => l.contract?.id === 'la')!.amountPence;
    const me = result.lines.find((l) => l.contract?.id === 'me')!.amountPence;
    expect(la + me).toBe(600401);
    expect(result.unallocated).toEqual([]);
  });

  it('a calendar month runs from the 1st through the month’s last day', () => {
    expect(isCalendarMonth(NOV)).toBe(true);
    expect(isCalendarMonth({ from: d('2024-02-01'), to: d('2024-02-29') })).toBe(true);
    expect(isCalendarMonth({ from: d('2024-02-01'), to: d('2024-02-28') })).toBe(false);
    expect(isCalendarMonth({ from: d('2024-11-02'), to: d('2024-11-30') })).toBe(false);
    expect(isCalendarMonth({ from: d('2024-11-01'), to: d('2024-12-31') })).toBe(false);
    expect(isCalendarMonth({ from: d('2023-11-01'), to: d('2024-11-30') })).toBe(false);
    expect(isCalendarMonth({ from: d('2024-10-01'), to: d('2024-11-30') })).toBe(false);
  });
});

describe('SPEC §3.3 a contract is live on day d', () => {
  const c = contract({ id: 'c', startDate: d('2024-11-10'), endDate: d('2024-11-20') });
  it('when start_date ≤ d and end_date is null or d ≤ end_date', () => {
    expect(
      ['2024-11-09', '2024-11-10', '2024-11-20', '2024-11-21'].map((t) => isLiveOn(c, d(t))),
    ).toEqual([false, true, true, false]);
    expect(isLiveOn({ ...c, endDate: null }, d('2099-01-01'))).toBe(true);
  });

  it('its days are cut into runs where it starts and after it ends, and billed to it exactly', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1' })],
      serviceUsers: selfPayer,
      contracts: [contract({ ...c, feeContributionPence: 300, feeContributionUnit: 'day' })],
    });
    const result = charge(data);
    expect(lines(result)).toEqual([
      ['c', 'la', '2024-11-10', '2024-11-20', 11, 3300],
      ['default', 'su1', '2024-11-01', '2024-11-30', 19, 19000],
    ]);
    expect(unallocated(result)).toEqual([['SHORTFALL', '2024-11-10', '2024-11-20', 11, 7700]]);
  });

  it('a contract live from before the period to after it makes one run; one ending on the period’s last day too', () => {
    const data = (endDate: Day | null) =>
      dataset({
        bookings: [daily({ id: 'b1' })],
        contracts: [contract({ id: 'c', startDate: d('2024-11-01'), endDate })],
      });
    expect(lines(charge(data(null)))).toEqual([['c', 'la', '2024-11-01', '2024-11-30', 30, 30000]]);
    expect(lines(charge(data(d('2024-11-30'))))).toEqual([
      ['c', 'la', '2024-11-01', '2024-11-30', 30, 30000],
    ]);
    expect(charge(data(d('2024-11-30'))).unallocated).toEqual([]);
  });

  it('a contract with a location applies only to bookings at that location', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', location: 'loc1' })],
      contracts: [
        contract({ id: 'here', location: 'loc1' }),
        contract({ id: 'there', location: 'loc2' }),
      ],
    });
    expect(lines(charge(data))).toEqual([['here', 'la', '2024-11-01', '2024-11-30', 30, 30000]]);
  });

  it('a cancelled contract never applies', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1' })],
      serviceUsers: selfPayer,
      contracts: [contract({ id: 'c', cancelled: true })],
    });
    expect(lines(charge(data))).toEqual([
      ['default', 'su1', '2024-11-01', '2024-11-30', 30, 30000],
    ]);
  });

  it('a contract’s cumulative rounding is anchored at the first day it applies to the booking', () => {
    // 4p a week is 4/7p a day. One day anchored at its own first day: round(4/7) = 1.
    // Anchored a day earlier it would be round(8/7) − round(4/7) = 0.
    const pays = (contractStart: string, bookingStart: string) =>
      charge(
        dataset({
          bookings: [daily({ id: 'b1', startDate: d(bookingStart), endDate: d('2024-11-04') })],
          contracts: [
            contract({ id: 'w', feeContributionPence: 4, startDate: d(contractStart) }),
            contract({ id: 'bal' }),
          ],
        }),
        { from: d('2024-11-04'), to: d('2024-11-04') },
      ).lines.find((l) => l.contract?.id === 'w')?.amountPence ?? 0;
    expect(pays('2024-11-03', '2024-11-04')).toBe(1); // the booking starts later
    expect(pays('2024-11-04', '2024-11-03')).toBe(1); // the contract starts later
  });
});

describe('SPEC §3.3 how the live contracts split a day’s fee', () => {
  const people = {
    serviceUsers: selfPayer,
    locationContacts: [
      locationContact('la', { companyName: 'Council' }),
      locationContact('nhs', { companyName: 'NHS' }),
    ],
  };

  it('a contributor pays its amount per day (/7 for week); the balance payer the rest', () => {
    const data = dataset({
      ...people,
      bookings: [daily({ id: 'b1' })],
      contracts: [
        contract({
          id: 'fnc',
          feeContributionPence: 700,
          feeContributionUnit: 'week',
          payer: { kind: 'location_contact', id: 'nhs' },
        }),
        contract({ id: 'day', feeContributionPence: 200, feeContributionUnit: 'day' }),
        contract({ id: 'bal', payer: { kind: 'service_user', id: 'su1' } }),
      ],
    });
    expect(lines(charge(data))).toEqual([
      ['bal', 'su1', '2024-11-01', '2024-11-30', 30, 30000 - 3000 - 6000],
      ['day', 'la', '2024-11-01', '2024-11-30', 30, 6000],
      ['fnc', 'nhs', '2024-11-01', '2024-11-30', 30, 3000],
    ]);
  });

  it('the balance payer never pays below 0: the excess is a negative OVER_CONTRACTED amount', () => {
    const data = dataset({
      ...people,
      bookings: [daily({ id: 'b1', endDate: d('2024-11-02') })],
      contracts: [
        contract({ id: 'day', feeContributionPence: 1200, feeContributionUnit: 'day' }),
        contract({ id: 'bal', payer: { kind: 'service_user', id: 'su1' } }),
      ],
    });
    const result = charge(data);
    expect(lines(result)).toEqual([['day', 'la', '2024-11-01', '2024-11-02', 2, 2400]]);
    expect(unallocated(result)).toEqual([['OVER_CONTRACTED', '2024-11-01', '2024-11-02', 2, -400]]);
    expect(result.warnings.map((w) => [w.code, w.id, w.value, w.message])).toEqual([
      [
        'OVER_CONTRACTED',
        'b1',
        '-400',
        "Contracts pay £4.00 more than the fee of booking b1 between 2024-11-01 and 2024-11-02; check the contracts' fee_contribution against the booking's rate.",
      ],
    ]);
  });

  it('a balance payer paying exactly the fee leaves nothing unallocated', () => {
    const data = dataset({
      ...people,
      bookings: [daily({ id: 'b1' })],
      contracts: [
        contract({ id: 'day', feeContributionPence: 1000, feeContributionUnit: 'day' }),
        contract({ id: 'bal', payer: { kind: 'service_user', id: 'su1' } }),
      ],
    });
    const result = charge(data);
    expect(lines(result)).toEqual([['day', 'la', '2024-11-01', '2024-11-30', 30, 30000]]);
    expect(result.unallocated).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('an over-contract over several runs is one warning: its amounts summed, its last day the last run’s', () => {
    const data = dataset({
      ...people,
      bookings: [daily({ id: 'b1', endDate: d('2024-11-04') })],
      contracts: [
        contract({ id: 'a', feeContributionPence: 1100, feeContributionUnit: 'day' }),
        contract({
          id: 'b',
          feeContributionPence: 100,
          feeContributionUnit: 'day',
          startDate: d('2024-11-03'),
        }),
      ],
    });
    const result = charge(data);
    expect(unallocated(result)).toEqual([['OVER_CONTRACTED', '2024-11-01', '2024-11-04', 4, -600]]);
    expect(result.warnings.map((w) => [w.value, w.message])).toEqual([
      [
        '-600',
        "Contracts pay £6.00 more than the fee of booking b1 between 2024-11-01 and 2024-11-04; check the contracts' fee_contribution against the booking's rate.",
      ],
    ]);
  });

  it('what nobody pays is unallocated, SHORTFALL', () => {
    const data = dataset({
      ...people,
      bookings: [daily({ id: 'b1' })],
      contracts: [contract({ id: 'day', feeContributionPence: 999, feeContributionUnit: 'day' })],
    });
    expect(unallocated(charge(data))).toEqual([['SHORTFALL', '2024-11-01', '2024-11-30', 30, 30]]);
  });

  it('a parent pays its own fee_contribution minus its live listed contributors, never below 0', () => {
    // SPEC: LA £1,000/wk with resident £100/wk and FNC £235.88/wk linked ⇒ LA £664.12/wk.
    const data = (fncPence: number) =>
      dataset({
        ...people,
        bookings: [
          booking({
            id: 'b1',
            ratePence: 100000,
            startDate: d('2024-11-04'),
            endDate: d('2024-11-10'),
          }),
        ],
        contracts: [
          contract({
            id: 'la',
            feeContributionPence: 100000,
            contributesTo: ['me', 'fnc', 'gone'],
          }),
          contract({
            id: 'me',
            feeContributionPence: 10000,
            payer: { kind: 'service_user', id: 'su1' },
          }),
          contract({
            id: 'fnc',
            feeContributionPence: fncPence,
            payer: { kind: 'location_contact', id: 'nhs' },
          }),
        ],
      });
    const amounts = (fnc: number) =>
      Object.fromEntries(charge(data(fnc)).lines.map((l) => [l.contract?.id, l.amountPence]));
    expect(amounts(23588)).toEqual({ la: 66412, me: 10000, fnc: 23588 });
    // contributors paying more than the parent's own amount: the parent pays 0, not less
    expect(amounts(95000)).toEqual({ me: 10000, fnc: 95000 });
    expect(charge(data(95000)).unallocated.map((u) => [u.reason, u.amountPence])).toEqual([
      ['OVER_CONTRACTED', -5000],
    ]);
  });

  it('a parent deducts only contributors it lists', () => {
    const data = dataset({
      ...people,
      bookings: [daily({ id: 'b1', endDate: d('2024-11-01') })],
      contracts: [
        contract({
          id: 'parent',
          feeContributionPence: 800,
          feeContributionUnit: 'day',
          contributesTo: ['listed'],
        }),
        contract({ id: 'listed', feeContributionPence: 100, feeContributionUnit: 'day' }),
        contract({ id: 'other', feeContributionPence: 50, feeContributionUnit: 'day' }),
      ],
    });
    expect(
      Object.fromEntries(charge(data).lines.map((l) => [l.contract?.id, l.amountPence])),
    ).toEqual({
      parent: 700,
      listed: 100,
      other: 50,
    });
  });

  it('two live balance payers for one resident on one day park the resident, naming both and the day', () => {
    const data = dataset({
      ...people,
      bookings: [daily({ id: 'b1' }), daily({ id: 'b2', serviceUser: 'su2' })],
      contracts: [
        contract({ id: 'c2', startDate: d('2024-11-20') }),
        contract({ id: 'c1', payer: { kind: 'service_user', id: 'su1' } }),
        contract({ id: 'c3', serviceUser: 'su2' }),
      ],
    });
    const result = charge(data);
    expect(
      result.parked.map((p) => [
        p.serviceUser,
        p.problems.map((x) => [x.code, x.resource, x.id, x.field, x.message]),
      ]),
    ).toEqual([
      [
        'su1',
        [
          [
            'TWO_BALANCE_PAYERS',
            'billing-contracts',
            'c1',
            'fee_contribution',
            'Contracts c1 and c2 both pay the balance of booking b1 on 2024-11-20; give all but one a fee_contribution, or end one before the other starts.',
          ],
        ],
      ],
    ]);
    // Nothing of the parked resident is billed or counted; the other resident is.
    expect(result.feesPence).toBe(30000);
    expect(lines(result)).toEqual([['c3', 'la', '2024-11-01', '2024-11-30', 30, 30000]]);
  });
});

describe('SPEC §3.3 default payer: on a day with no live contract', () => {
  const run = (data: Dataset) => charge(data);
  const b1 = daily({ id: 'b1' });

  it('the resident pays when their own billing_enabled is true, before any contact', () => {
    const data = dataset({
      bookings: [b1],
      serviceUsers: selfPayer,
      serviceUserContacts: [serviceUserContact('fam', { serviceUser: 'su1' })],
    });
    expect(run(data).lines.map((l) => [l.payer.kind, l.payer.id, l.basis])).toEqual([
      ['service_user', 'su1', 'default'],
    ]);
  });

  it('otherwise the one contact with billing_enabled true and future_billing_disabled not true', () => {
    const data = dataset({
      bookings: [b1],
      serviceUserContacts: [
        serviceUserContact('off', { serviceUser: 'su1', billingEnabled: false }),
        serviceUserContact('fam', { serviceUser: 'su1' }),
        serviceUserContact('later', { serviceUser: 'su1', futureBillingDisabled: true }),
        serviceUserContact('other', { serviceUser: 'su2' }),
      ],
    });
    expect(run(data).lines.map((l) => [l.payer.kind, l.payer.id])).toEqual([
      ['service_user_contact', 'fam'],
    ]);
  });

  it('otherwise NO_PAYER; with two possible contacts a warning says why', () => {
    const nobody = run(dataset({ bookings: [b1] }));
    expect(unallocated(nobody)).toEqual([['NO_PAYER', '2024-11-01', '2024-11-30', 30, 30000]]);
    expect(nobody.warnings).toEqual([]);
    const two = run(
      dataset({
        bookings: [b1],
        serviceUserContacts: [
          serviceUserContact('a', { serviceUser: 'su1' }),
          serviceUserContact('b', { serviceUser: 'su1' }),
        ],
      }),
    );
    expect(two.warnings.map((w) => [w.code, w.resource, w.id, w.field, w.message])).toEqual([
      [
        'AMBIGUOUS_DEFAULT_PAYER',
        'service-users',
        'su1',
        '',
        'Days without a contract were left unallocated: more than one billing-enabled contact could pay them. Add a billing contract, or disable billing for all but one contact.',
      ],
    ]);
  });

  it('a resident who is only named by contacts (no service-users record) may still have a default payer', () => {
    const data = dataset({
      bookings: [b1],
      serviceUsers: [],
      serviceUserContacts: [serviceUserContact('fam', { serviceUser: 'su1' })],
    });
    expect(run(data).lines.map((l) => l.payer.id)).toEqual(['fam']);
  });

  it('two possible contacts are not ambiguous on days a contract covers', () => {
    const data = dataset({
      bookings: [b1],
      serviceUserContacts: [
        serviceUserContact('a', { serviceUser: 'su1' }),
        serviceUserContact('b', { serviceUser: 'su1' }),
      ],
      contracts: [contract({ id: 'c' })],
    });
    expect(run(data).warnings).toEqual([]);
  });
});

describe('SPEC §3.3 block beds', () => {
  const bed = booking({
    id: 'bb',
    type: 'block_contract',
    serviceUser: null,
    ratePence: 700,
    ratePeriod: 'daily',
  });
  const block = contract({
    id: 'blk',
    serviceUser: null,
    location: 'loc1',
    contributionType: 'block_bed',
  });

  it('are paid by the one live block_bed contract of the same location with no service_user', () => {
    expect(lines(charge(dataset({ bookings: [bed], contracts: [block] })))).toEqual([
      ['blk', 'la', '2024-11-01', '2024-11-30', 30, 21000],
    ]);
  });

  it('none, or one at another location, or not a block_bed ⇒ NO_PAYER', () => {
    for (const contracts of [
      [],
      [{ ...block, location: 'loc2' }],
      [{ ...block, contributionType: 'local_authority' }],
      [{ ...block, cancelled: true }],
      [{ ...block, location: null }],
    ]) {
      expect(unallocated(charge(dataset({ bookings: [bed], contracts })))).toEqual([
        ['NO_PAYER', '2024-11-01', '2024-11-30', 30, 21000],
      ]);
    }
  });

  it('a block bed with no location has no block contract', () => {
    expect(
      unallocated(charge(dataset({ bookings: [{ ...bed, location: null }], contracts: [block] }))),
    ).toEqual([['NO_PAYER', '2024-11-01', '2024-11-30', 30, 21000]]);
  });

  it('each block bed is billed on its own, never parked with another', () => {
    const result = charge(
      dataset({
        bookings: [bed, { ...bed, id: 'bb2' }],
        contracts: [block, { ...block, id: 'blk2', startDate: d('2024-11-16') }],
      }),
    );
    expect(result.parked).toEqual([]);
    expect(result.lines.map((l) => [l.booking.id, l.days])).toEqual([
      ['bb', 15],
      ['bb2', 15],
    ]);
    expect(result.unallocated.map((u) => [u.booking, u.reason, u.days])).toEqual([
      ['bb', 'NO_PAYER', 15],
      ['bb2', 'NO_PAYER', 15],
    ]);
  });
});

describe('SPEC §3.3 payers who are not invoiced', () => {
  const data = (fields: { billingEnabled?: boolean; parked?: boolean }) =>
    dataset({
      bookings: [daily({ id: 'b1' })],
      locationContacts: [locationContact('la', fields)],
      contracts: [contract({ id: 'c' })],
    });

  it('billing_enabled not true ⇒ unbilled BILLING_NOT_ENABLED; a parked payer ⇒ PAYER_PARKED', () => {
    const unbilled = (fields: { billingEnabled?: boolean; parked?: boolean }) =>
      charge(data(fields)).unbilled.map((u) => [
        u.contract,
        u.payer,
        u.reason,
        u.days,
        u.amountPence,
      ]);
    expect(unbilled({ billingEnabled: false })).toEqual([
      ['c', 'la', 'BILLING_NOT_ENABLED', 30, 30000],
    ]);
    expect(unbilled({ parked: true })).toEqual([['c', 'la', 'PAYER_PARKED', 30, 30000]]);
    expect(unbilled({ parked: true, billingEnabled: false })).toEqual([
      ['c', 'la', 'PAYER_PARKED', 30, 30000],
    ]);
    expect(unbilled({})).toEqual([]);
  });

  it('a payer whose record was not supplied is not billing-enabled', () => {
    const missing = { ...data({}), locationContacts: new Map() };
    expect(charge(missing).unbilled.map((u) => u.reason)).toEqual(['BILLING_NOT_ENABLED']);
  });

  it('unbilled and unallocated entries are merged per booking and sorted by booking, contract, from', () => {
    const result = charge(
      dataset({
        bookings: [daily({ id: 'b2' }), daily({ id: 'b1', serviceUser: 'su2' })],
        locationContacts: [locationContact('la', { billingEnabled: false })],
        serviceUsers: [],
        contracts: [
          contract({
            id: 'z',
            feeContributionPence: 100,
            feeContributionUnit: 'day',
            startDate: d('2024-11-10'),
          }),
          contract({
            id: 'y',
            feeContributionPence: 100,
            feeContributionUnit: 'day',
            endDate: d('2024-11-05'),
          }),
          contract({
            id: 'x',
            serviceUser: 'su2',
            feeContributionPence: 100,
            feeContributionUnit: 'day',
          }),
        ],
      }),
    );
    expect(result.unbilled.map((u) => [u.booking, u.contract, fmt(u.from), u.days])).toEqual([
      ['b1', 'x', '2024-11-01', 30],
      ['b2', 'y', '2024-11-01', 5],
      ['b2', 'z', '2024-11-10', 21],
    ]);
    expect(
      result.unallocated.map((u) => [
        u.booking,
        u.reason,
        fmt(u.from),
        fmt(u.to),
        u.days,
        u.amountPence,
      ]),
    ).toEqual([
      ['b1', 'SHORTFALL', '2024-11-01', '2024-11-30', 30, 27000],
      ['b2', 'SHORTFALL', '2024-11-01', '2024-11-30', 26, 23400],
      ['b2', 'NO_PAYER', '2024-11-06', '2024-11-09', 4, 4000],
    ]);
  });
});

describe('SPEC §3.3 lines are merged per booking and contract over the period', () => {
  it('one line per (booking, contract): first day, last day and the days between runs', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1' })],
      contracts: [
        contract({ id: 'bal' }),
        contract({
          id: 'mid',
          feeContributionPence: 100,
          feeContributionUnit: 'day',
          startDate: d('2024-11-10'),
          endDate: d('2024-11-12'),
        }),
      ],
    });
    expect(lines(charge(data))).toEqual([
      ['bal', 'la', '2024-11-01', '2024-11-30', 30, 30000 - 300],
      ['mid', 'la', '2024-11-10', '2024-11-12', 3, 300],
    ]);
  });

  it('residents parked by the loader are left out, and so are their fees', () => {
    const data = dataset({ bookings: [daily({ id: 'b1' })], serviceUsers: selfPayer });
    const result = computeCharges(data, new Set(['su1']), NOV, {});
    expect([result.feesPence, result.lines, result.unallocated]).toEqual([0, [], []]);
  });

  it('the charge context leaves cancelled contracts out and finds each payer’s record', () => {
    const data = dataset({
      contracts: [
        contract({ id: 'b' }),
        contract({ id: 'a', cancelled: true }),
        contract({ id: 'c', serviceUser: 'su2' }),
      ],
      serviceUsers: [serviceUser('su1')],
      serviceUserContacts: [serviceUserContact('fam', { serviceUser: 'su1' })],
    });
    const context = createChargeContext(data);
    expect(context.contractsByServiceUser.get('su1')?.map((c) => c.id)).toEqual(['b']);
    expect(findParty(data, { kind: 'location_contact', id: 'la' })?.id).toBe('la');
    expect(findParty(data, { kind: 'service_user_contact', id: 'fam' })?.id).toBe('fam');
    expect(findParty(data, { kind: 'service_user', id: 'su1' })?.id).toBe('su1');
    expect(findParty(data, { kind: 'service_user', id: 'fam' })).toBeUndefined();
  });

  it('a booking outside its charge period yields no run', () => {
    const context = createChargeContext(dataset({}));
    const result = chargeRuns(context, daily({ id: 'b1', startDate: d('2024-12-01') }), NOV, {});
    expect(result).toEqual({ ok: true, runs: [] });
  });
});
