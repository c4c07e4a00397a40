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
import { computeCharges } from './compute.js';
import { amountForRange, dailyFee, monthly52Fee } from './fee.js';

const NOV_2024 = { from: d('2024-11-01'), to: d('2024-11-30') };
const none = new Set<string>();

function totalsByContract(charges: ReturnType<typeof computeCharges>) {
  return Object.fromEntries(
    charges.lines.map((l) => [l.contract?.id ?? `default:${l.payer.id}`, l.amountPence]),
  );
}

describe('SPEC §3.2 worked example: rate 138554 weekly', () => {
  const weekly = dailyFee({ ratePence: 138554, ratePeriod: 'weekly' });
  const start = d('2024-11-01');
  it.each([
    [3, 59380],
    [7, 138554],
    [30, 593803],
  ])('%i days from the first day cost %i pence', (days, expected) => {
    expect(amountForRange(weekly, start, { from: start, to: (start + days - 1) as never })).toBe(
      expected,
    );
  });

  it('November 2024 of a stay starting 1 November is 593803', () => {
    const charges = computeCharges(
      dataset({
        bookings: [booking({ id: 'b1' })],
        serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      }),
      none,
      NOV_2024,
      {},
    );
    expect(charges.feesPence).toBe(593803);
    expect(charges.lines).toHaveLength(1);
    expect(charges.lines[0]).toMatchObject({ amountPence: 593803, days: 30, basis: 'default' });
  });

  it('monthly52 bills a whole month at rate × 52 / 12, a part month by days', () => {
    const data = dataset({
      bookings: [
        booking({ id: 'b1', startDate: d('2022-08-12') }),
        booking({ id: 'b2', serviceUser: 'su2', startDate: d('2024-11-10') }),
      ],
      serviceUsers: [
        serviceUser('su1', { billingEnabled: true }),
        serviceUser('su2', { billingEnabled: true }),
      ],
    });
    const charges = computeCharges(data, none, NOV_2024, { monthly52: true });
    expect(monthly52Fee(138554)).toBe(600401);
    const byBooking = Object.fromEntries(charges.lines.map((l) => [l.booking.id, l.amountPence]));
    expect(byBooking['b1']).toBe(600401);
    expect(byBooking['b2']).toBe(
      amountForRange(dailyFee({ ratePence: 138554, ratePeriod: 'weekly' }), d('2024-11-10'), {
        from: d('2024-11-10'),
        to: d('2024-11-30'),
      }),
    );
  });
});

describe('SPEC §3.3 linked contracts: LA £1,000/wk with resident £100/wk and FNC £235.88/wk', () => {
  const week = { from: d('2024-11-04'), to: d('2024-11-10') };
  const make = (fncEnd: string | null) =>
    dataset({
      bookings: [booking({ id: 'b1', startDate: d('2024-11-04'), ratePence: 100000 })],
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      serviceUserContacts: [serviceUserContact('fam', { serviceUser: 'su1' })],
      locationContacts: [
        locationContact('la', { companyName: 'Oxfordshire County Council' }),
        locationContact('nhs', { companyName: 'NHS Oxfordshire ICB' }),
      ],
      contracts: [
        contract({ id: 'la-c', feeContributionPence: 100000, contributesTo: ['res-c', 'fnc-c'] }),
        contract({
          id: 'res-c',
          feeContributionPence: 10000,
          payer: { kind: 'service_user', id: 'su1' },
        }),
        contract({
          id: 'fnc-c',
          feeContributionPence: 23588,
          payer: { kind: 'location_contact', id: 'nhs' },
          endDate: fncEnd === null ? null : d(fncEnd),
        }),
      ],
    });

  it('the LA pays £664.12 a week', () => {
    const charges = computeCharges(make(null), none, week, {});
    expect(totalsByContract(charges)).toEqual({ 'la-c': 66412, 'res-c': 10000, 'fnc-c': 23588 });
    expect(charges.unallocated).toEqual([]);
  });

  it('when FNC lapses the LA pays £900 a week', () => {
    const charges = computeCharges(make('2024-11-03'), none, week, {});
    expect(totalsByContract(charges)).toEqual({ 'la-c': 90000, 'res-c': 10000 });
  });
});

describe('billable days (SPEC §3.1)', () => {
  const su = [serviceUser('su1', { billingEnabled: true })];
  it('the night rule does not bill the last day: 1st–8th is 7 nights', () => {
    const b = booking({ id: 'b1', ratePence: 1000, ratePeriod: 'daily', endDate: d('2024-11-08') });
    expect(
      computeCharges(dataset({ bookings: [b], serviceUsers: su }), none, NOV_2024, {
        dayRule: 'night',
      }).lines[0],
    ).toMatchObject({ days: 7, amountPence: 7000 });
    expect(
      computeCharges(dataset({ bookings: [b], serviceUsers: su }), none, NOV_2024, {
        dayRule: 'day',
      }).lines[0],
    ).toMatchObject({ days: 8, amountPence: 8000 });
  });

  it('a respite stay ends provisionally on its proposed checkout date', () => {
    const b = booking({
      id: 'b1',
      respite: true,
      ratePence: 1000,
      ratePeriod: 'daily',
      proposedCheckoutDate: d('2024-11-14'),
    });
    const [line] = computeCharges(
      dataset({ bookings: [b], serviceUsers: su }),
      none,
      NOV_2024,
      {},
    ).lines;
    expect(line).toMatchObject({
      days: 14,
      amountPence: 14000,
      provisional: true,
      to: d('2024-11-14'),
    });
  });

  it('cancelled and out-of-service bookings cost nothing', () => {
    const data = dataset({
      bookings: [
        booking({ id: 'b1', cancelled: true }),
        booking({ id: 'b2', type: 'out_of_service', serviceUser: null }),
      ],
      serviceUsers: su,
    });
    const charges = computeCharges(data, none, NOV_2024, {});
    expect(charges.feesPence).toBe(0);
    expect(charges.lines).toEqual([]);
  });

  it('a block bed is paid by its one live block_bed contract, else NO_PAYER', () => {
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
    const paid = computeCharges(
      dataset({ bookings: [bed], contracts: [block] }),
      none,
      NOV_2024,
      {},
    );
    expect(paid.lines[0]).toMatchObject({ amountPence: 21000, contract: block, basis: 'contract' });
    const twice = computeCharges(
      dataset({ bookings: [bed], contracts: [block, { ...block, id: 'blk2' }] }),
      none,
      NOV_2024,
      {},
    );
    expect(twice.unallocated).toEqual([
      expect.objectContaining({ reason: 'NO_PAYER', amountPence: 21000 }),
    ]);
  });
});

describe('who pays (SPEC §3.3)', () => {
  const b = booking({ id: 'b1', ratePence: 1000, ratePeriod: 'daily' });

  it('defaults to the one billing-enabled contact when the resident does not pay', () => {
    const charges = computeCharges(
      dataset({
        bookings: [b],
        serviceUserContacts: [
          serviceUserContact('fam', { serviceUser: 'su1' }),
          serviceUserContact('old', { serviceUser: 'su1', futureBillingDisabled: true }),
        ],
      }),
      none,
      NOV_2024,
      {},
    );
    expect(charges.lines[0]).toMatchObject({
      payer: { kind: 'service_user_contact', id: 'fam' },
      basis: 'default',
      amountPence: 30000,
    });
  });

  it('leaves days without a payer unallocated with NO_PAYER, and warns when two contacts could pay', () => {
    const charges = computeCharges(
      dataset({
        bookings: [b],
        serviceUserContacts: [
          serviceUserContact('a', { serviceUser: 'su1' }),
          serviceUserContact('b', { serviceUser: 'su1' }),
        ],
      }),
      none,
      NOV_2024,
      {},
    );
    expect(charges.unallocated).toEqual([
      expect.objectContaining({ reason: 'NO_PAYER', amountPence: 30000, days: 30 }),
    ]);
    expect(charges.warnings.map((w) => w.code)).toEqual(['AMBIGUOUS_DEFAULT_PAYER']);
  });

  it('a shortfall and an over-contract are unallocated, the excess as a negative amount', () => {
    const short = computeCharges(
      dataset({
        bookings: [b],
        contracts: [contract({ id: 'c', feeContributionPence: 700, feeContributionUnit: 'day' })],
      }),
      none,
      NOV_2024,
      {},
    );
    expect(short.unallocated).toEqual([
      expect.objectContaining({ reason: 'SHORTFALL', amountPence: 9000 }),
    ]);
    const over = computeCharges(
      dataset({
        bookings: [b],
        contracts: [
          contract({ id: 'c', feeContributionPence: 1200, feeContributionUnit: 'day' }),
          contract({ id: 'bal' }),
        ],
      }),
      none,
      NOV_2024,
      {},
    );
    expect(over.unallocated).toEqual([
      expect.objectContaining({ reason: 'OVER_CONTRACTED', amountPence: -6000 }),
    ]);
    expect(totalsByContract(over)).toEqual({ c: 36000 });
    expect(over.warnings.map((w) => w.code)).toEqual(['OVER_CONTRACTED']);
  });

  it('a payer without billing enabled goes to unbilled; a parked one with PAYER_PARKED', () => {
    const charges = computeCharges(
      dataset({
        bookings: [b],
        locationContacts: [
          locationContact('la', { billingEnabled: false }),
          locationContact('nhs', { parked: true }),
        ],
        contracts: [
          contract({
            id: 'c1',
            feeContributionPence: 100,
            feeContributionUnit: 'day',
            payer: { kind: 'location_contact', id: 'nhs' },
          }),
          contract({ id: 'c2' }),
        ],
      }),
      none,
      NOV_2024,
      {},
    );
    expect(charges.lines).toEqual([]);
    expect(charges.unbilled.map((u) => [u.contract, u.reason, u.amountPence])).toEqual([
      ['c1', 'PAYER_PARKED', 3000],
      ['c2', 'BILLING_NOT_ENABLED', 27000],
    ]);
  });

  it('two live balance payers park the resident for the run', () => {
    const charges = computeCharges(
      dataset({
        bookings: [b],
        contracts: [contract({ id: 'c1' }), contract({ id: 'c2', startDate: d('2024-11-15') })],
      }),
      none,
      NOV_2024,
      {},
    );
    expect(charges.lines).toEqual([]);
    expect(charges.feesPence).toBe(0);
    expect(charges.parked).toEqual([
      { serviceUser: 'su1', problems: [expect.objectContaining({ code: 'TWO_BALANCE_PAYERS' })] },
    ]);
  });

  it('skips residents parked by the loader', () => {
    const charges = computeCharges(dataset({ bookings: [b] }), new Set(['su1']), NOV_2024, {});
    expect(charges.feesPence).toBe(0);
  });
});
