/**
 * SPEC §3.3 and §4 (unallocated and unbilled "merged the same way") rule by rule, where
 * mutation testing found them unpinned: how runs are cut, how a parent and the balance
 * payer share a day with contributors, where a penny nobody can be named for goes, and the
 * order and wording of what is reported. Amounts are worked by hand from daily rates.
 */
import { describe, expect, it } from 'vitest';
import {
  booking,
  contract,
  d,
  dataset,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import { type Day, formatDay } from '../calendar/day.js';
import type { BillingContract, Booking, Dataset } from '../dataset/model.js';
import { type Charges, computeCharges } from './compute.js';
import { createChargeContext } from './context.js';
import { chargeRuns } from './split.js';

const NOV = { from: d('2024-11-01'), to: d('2024-11-30') };
const fmt = (day: number) => formatDay(day as Day);
const charge = (data: Dataset, options = {}) => computeCharges(data, new Set(), NOV, options);
/** £10.00 a day. */
const daily = (fields: Partial<Booking> & { id: string }) =>
  booking({ ratePence: 1000, ratePeriod: 'daily', ...fields });
/** A contract paying `pence` a day. */
const paying = (pence: number, fields: Partial<BillingContract> & { id: string }) =>
  contract({ feeContributionPence: pence, feeContributionUnit: 'day', ...fields });
const byContact = (id: string) => ({ kind: 'service_user_contact' as const, id });
const bySelf = { kind: 'service_user' as const, id: 'su1' };
const lines = (charges: Charges) =>
  charges.lines.map((l) => [
    l.contract?.id ?? 'default',
    fmt(l.from),
    fmt(l.to),
    l.days,
    l.amountPence,
  ]);

describe('SPEC §3.3 runs: cut where the set of live contracts changes, and only there', () => {
  it('a contract live from the period’s first day does not cut it: one run', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', startDate: d('2024-10-01') })],
      contracts: [contract({ id: 'k1', startDate: d('2024-11-01') })],
    });
    const result = chargeRuns(createChargeContext(data), data.bookings[0]!, NOV, {});
    expect(result.ok && result.runs.map((r) => [fmt(r.range.from), fmt(r.range.to)])).toEqual([
      ['2024-11-01', '2024-11-30'],
    ]);
  });

  it('a contract ending the day before the period’s last day leaves that last day to the default payer', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      bookings: [daily({ id: 'b1', startDate: d('2024-10-01') })],
      contracts: [contract({ id: 'k1', endDate: d('2024-11-29') })],
    });
    expect(lines(charge(data))).toEqual([
      ['k1', '2024-11-01', '2024-11-29', 29, 29000],
      ['default', '2024-11-30', '2024-11-30', 1, 1000],
    ]);
  });

  it('a booking’s fee for the period adds up over all its runs', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      bookings: [daily({ id: 'b1', startDate: d('2024-10-01') })],
      contracts: [contract({ id: 'k1', startDate: d('2024-11-16') })],
    });
    const result = charge(data);
    expect(result.feesByBooking.get('b1')?.feePence).toBe(30000);
    expect(lines(result)).toEqual([
      ['default', '2024-11-01', '2024-11-15', 15, 15000],
      ['k1', '2024-11-16', '2024-11-30', 15, 15000],
    ]);
  });

  it('a booking with no billable day in the period has no fee for it', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      bookings: [
        daily({ id: 'b1', startDate: d('2024-10-01'), endDate: d('2024-11-10') }),
        daily({ id: 'b2', startDate: d('2024-11-11'), cancelled: true }),
      ],
    });
    const result = charge(data);
    expect([...result.feesByBooking.keys()]).toEqual(['b1']);
    expect(result.feesByBooking.get('b1')?.feePence).toBe(10000);
  });

  // roundHalfUp(138554 × 52 / 12) = 600401 for the 30 days; the first n days cost
  // roundHalfUp(600401 × n / 30): n = 10, 200133.67 → 200134; n = 20, 400267.33 → 400267.
  it.each([
    ['2024-11-10', 10, 200134, '2024-11-11', 20, 400267],
    ['2024-11-20', 20, 400267, '2024-11-21', 10, 200134],
  ])(
    'monthly52: the month’s fee is spread by cumulative rounding from its first day (contract to %s)',
    (end, days, pence, next, rest, restPence) => {
      const data = dataset({
        serviceUsers: [serviceUser('su1', { billingEnabled: true })],
        bookings: [booking({ id: 'b1', startDate: d('2024-10-01') })],
        contracts: [contract({ id: 'k1', endDate: d(end) })],
      });
      expect(lines(charge(data, { monthly52: true }))).toEqual([
        ['k1', '2024-11-01', end, days, pence],
        ['default', next, '2024-11-30', rest, restPence],
      ]);
    },
  );
});

describe('SPEC §3.3 a parent and the balance payer alongside contributors', () => {
  const family = [
    serviceUserContact('c1', { serviceUser: 'su1', billingEnabled: true }),
    serviceUserContact('c2', { serviceUser: 'su1', billingEnabled: true }),
  ];

  it('the balance payer pays the fee less the contributors and the parent', () => {
    // £10 a day: contributor 1.00, parent 3.00 less its contributor = 2.00, balance 7.00.
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      serviceUserContacts: family,
      bookings: [daily({ id: 'b1' })],
      contracts: [
        paying(100, { id: 'k2', payer: byContact('c1') }),
        paying(300, { id: 'k3', contributesTo: ['k2'] }),
        contract({ id: 'k1', payer: bySelf }),
      ],
    });
    expect(lines(charge(data))).toEqual([
      ['k2', '2024-11-01', '2024-11-30', 30, 3000],
      ['k3', '2024-11-01', '2024-11-30', 30, 6000],
      ['k1', '2024-11-01', '2024-11-30', 30, 21000],
    ]);
  });

  it('a parent without a fee_contribution is not a balance payer: nothing is parked', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      serviceUserContacts: family,
      bookings: [daily({ id: 'b1' })],
      contracts: [
        paying(300, { id: 'k2', payer: byContact('c1') }),
        contract({ id: 'k3', contributesTo: ['k2'] }),
        contract({ id: 'k1', payer: bySelf }),
      ],
    });
    const result = charge(data);
    expect(result.parked).toEqual([]);
    expect(lines(result)).toEqual([
      ['k2', '2024-11-01', '2024-11-30', 30, 9000],
      ['k1', '2024-11-01', '2024-11-30', 30, 21000],
    ]);
  });

  it('a parent’s line covers only the days it pays: none while its contributor covers it all', () => {
    // Parent £1.00 a day less its contributor's £1.00 (to 15 Nov) = 0; from 16 Nov £1.00.
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      serviceUserContacts: family,
      bookings: [daily({ id: 'b1' })],
      contracts: [
        paying(100, { id: 'k2', payer: byContact('c1'), endDate: d('2024-11-15') }),
        paying(100, { id: 'k3', contributesTo: ['k2'] }),
        contract({ id: 'k1', payer: bySelf }),
      ],
    });
    expect(lines(charge(data)).filter((l) => l[0] === 'k3')).toEqual([
      ['k3', '2024-11-16', '2024-11-30', 15, 1500],
    ]);
  });

  it('results do not depend on the order contracts come in: contributors in id order', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      serviceUserContacts: family,
      bookings: [daily({ id: 'b1' })],
      contracts: [
        paying(100, { id: 'k2', payer: byContact('c1') }),
        paying(200, { id: 'k1', payer: byContact('c2') }),
        contract({ id: 'k0', payer: bySelf }),
      ],
    });
    expect(charge(data).lines.map((l) => l.contract?.id)).toEqual(['k1', 'k2', 'k0']);
  });
});

describe('SPEC §3.3 unallocated and unbilled: every penny named, in a stable order', () => {
  it('a resident with no record and no contract: NO_PAYER, no name, and not ambiguous', () => {
    const data = dataset({ serviceUsers: [], bookings: [daily({ id: 'b1', serviceUser: 'su9' })] });
    const result = charge(data);
    expect(result.unallocated.map((u) => [u.serviceUser, u.serviceUserName, u.reason])).toEqual([
      ['su9', '', 'NO_PAYER'],
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('a block bed nobody pays for: NO_PAYER with no resident and no name', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1', serviceUser: null, type: 'block_contract' })],
    });
    expect(
      charge(data).unallocated.map((u) => [u.serviceUser, u.serviceUserName, u.reason]),
    ).toEqual([[null, '', 'NO_PAYER']]);
  });

  it('a payer without a record is not billing-enabled: unbilled, with no name', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1' })],
      contracts: [contract({ id: 'k1', payer: { kind: 'location_contact', id: 'gone' } })],
    });
    expect(
      charge(data).unbilled.map((u) => [u.payer, u.payerName, u.reason, u.amountPence]),
    ).toEqual([['gone', '', 'BILLING_NOT_ENABLED', 30000]]);
  });

  it('unbilled entries are sorted by booking, then contract', () => {
    const off = { billingEnabled: false };
    const data = dataset({
      serviceUsers: [serviceUser('su1'), serviceUser('su2')],
      serviceUserContacts: [
        serviceUserContact('c1', { serviceUser: 'su1', ...off }),
        serviceUserContact('c2', { serviceUser: 'su1', ...off }),
        serviceUserContact('c3', { serviceUser: 'su2', ...off }),
      ],
      bookings: [daily({ id: 'b1' }), daily({ id: 'b2', serviceUser: 'su2' })],
      contracts: [
        paying(300, { id: 'k2', payer: byContact('c1') }),
        contract({ id: 'k1', payer: byContact('c2') }),
        contract({ id: 'k0', serviceUser: 'su2', payer: byContact('c3') }),
      ],
    });
    expect(charge(data).unbilled.map((u) => [u.booking, u.contract])).toEqual([
      ['b1', 'k1'],
      ['b1', 'k2'],
      ['b2', 'k0'],
    ]);
  });

  // The resident, whose own record is parked (PAYER_PARKED), pays by default on the days
  // contract A1 of a contact not billing-enabled is not live: after it, or before it.
  it.each([[{ startDate: d('2024-11-16') }], [{ endDate: d('2024-11-15') }]])(
    'a default payer’s unbilled entry (no contract) comes before a contract’s of the same booking (A1 %o)',
    (dates) => {
      const data = dataset({
        serviceUsers: [serviceUser('su1', { billingEnabled: true, parked: true })],
        serviceUserContacts: [
          serviceUserContact('c1', { serviceUser: 'su1', billingEnabled: false }),
        ],
        bookings: [daily({ id: 'b1' })],
        contracts: [contract({ id: 'A1', payer: byContact('c1'), ...dates })],
      });
      expect(charge(data).unbilled.map((u) => [u.contract, u.reason, u.amountPence])).toEqual([
        [null, 'PAYER_PARKED', 15000],
        ['A1', 'BILLING_NOT_ENABLED', 15000],
      ]);
    },
  );

  it('unallocated entries are sorted by booking: a block bed after a resident’s booking', () => {
    const data = dataset({
      serviceUsers: [],
      bookings: [
        daily({ id: 'b9', serviceUser: null, type: 'block_contract' }),
        daily({ id: 'b1', serviceUser: 'su9' }),
      ],
    });
    expect(charge(data).unallocated.map((u) => u.booking)).toEqual(['b1', 'b9']);
  });
});

describe('SPEC §2.1 the problems charging reports, field by field', () => {
  it('OVER_CONTRACTED names the booking, the excess as its value, and no field', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      bookings: [daily({ id: 'b1' })],
      contracts: [paying(1200, { id: 'k1' }), contract({ id: 'k0', payer: bySelf })],
    });
    expect(charge(data).warnings).toEqual([
      {
        severity: 'warning',
        code: 'OVER_CONTRACTED',
        resource: 'bookings',
        id: 'b1',
        field: '',
        value: '-6000',
        message:
          "Contracts pay £60.00 more than the fee of booking b1 between 2024-11-01 and 2024-11-30; check the contracts' fee_contribution against the booking's rate.",
      },
    ]);
  });

  it('AMBIGUOUS_DEFAULT_PAYER names the resident, with no field and no value', () => {
    const data = dataset({
      serviceUserContacts: [
        serviceUserContact('c1', { serviceUser: 'su1' }),
        serviceUserContact('c2', { serviceUser: 'su1' }),
      ],
      bookings: [daily({ id: 'b1' })],
    });
    expect(charge(data).warnings).toEqual([
      expect.objectContaining({
        code: 'AMBIGUOUS_DEFAULT_PAYER',
        resource: 'service-users',
        id: 'su1',
        field: '',
        value: '',
      }),
    ]);
  });

  it('TWO_BALANCE_PAYERS is a record problem on fee_contribution, whose value is null', () => {
    const data = dataset({
      bookings: [daily({ id: 'b1' })],
      contracts: [contract({ id: 'k1' }), contract({ id: 'k2' })],
    });
    expect(charge(data).parked[0]?.problems[0]).toMatchObject({
      severity: 'record',
      code: 'TWO_BALANCE_PAYERS',
      field: 'fee_contribution',
      value: 'null',
    });
  });
});
