/**
 * SPEC §4 rule by rule: grouping, numbering, lines, payment and delivery, each boundary
 * pinned by a small dataset whose answer is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import {
  booking,
  contract,
  d,
  dataset,
  loaded,
  location,
  locationContact,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import { formatDay } from '../calendar/day.js';
import type { PayerLine } from '../charges/compute.js';
import type { Address, BillingParty, Dataset, ServiceUserContact } from '../dataset/model.js';
import { invoiceDelivery, isCompleteAddress } from './delivery.js';
import { lineDescription } from './describe.js';
import { invoiceNumber } from './group.js';
import { residentLabel } from './label.js';
import { creditInstructions, paymentInstructions } from './payment.js';
import { buildPreview } from './preview.js';

const NOV = { from: d('2024-11-01'), to: d('2024-11-30') };
const preview = (data: Dataset, options: Record<string, unknown> = {}, parked: string[] = []) =>
  buildPreview(loaded(data, parked), { period: NOV, ...options });

const address: Address = {
  address1: 'County Hall',
  address2: 'New Road',
  town: 'Oxford',
  county: 'Oxfordshire',
  postcode: 'OX1 1ND',
  country: '',
};

/** A council paying the whole fee of two residents of one home, £70.00 a day each. */
function councilPaysTwo(consolidate: boolean): Dataset {
  return dataset({
    serviceUsers: [
      serviceUser('su1', { firstName: 'Zoe', lastName: 'Adams' }),
      serviceUser('su2', { firstName: 'Alan', lastName: 'Brown' }),
    ],
    locationContacts: [
      locationContact('occ', {
        companyName: 'Oxfordshire County Council',
        consolidateInvoices: consolidate,
      }),
    ],
    bookings: [
      booking({ id: 'b1', serviceUser: 'su1', ratePence: 7000, ratePeriod: 'daily' }),
      booking({ id: 'b2', serviceUser: 'su2', ratePence: 7000, ratePeriod: 'daily' }),
    ],
    contracts: [
      contract({ id: 'c1', serviceUser: 'su1', payer: { kind: 'location_contact', id: 'occ' } }),
      contract({ id: 'c2', serviceUser: 'su2', payer: { kind: 'location_contact', id: 'occ' } }),
    ],
  });
}

describe('SPEC §4 Grouping', () => {
  it('a location contact with billing_consolidate_invoices true gets one invoice per location', () => {
    const invoices = preview(councilPaysTwo(true)).invoices;
    expect(invoices.map((i) => [i.payer.id, i.location, i.serviceUsers, i.totalPence])).toEqual([
      ['occ', 'loc1', ['su2', 'su1'], 420000],
    ]);
  });

  it('a location contact without billing_consolidate_invoices gets one invoice per (location, resident)', () => {
    const invoices = preview(councilPaysTwo(false)).invoices;
    expect(invoices.map((i) => [i.payer.id, i.location, i.serviceUsers, i.totalPence])).toEqual([
      ['occ', 'loc1', ['su2'], 210000],
      ['occ', 'loc1', ['su1'], 210000],
    ]);
  });

  it('a consolidating location contact still gets one invoice per location, not one for all homes', () => {
    const data = councilPaysTwo(true);
    const twoHomes = {
      ...data,
      bookings: [data.bookings[0]!, { ...data.bookings[1]!, location: 'loc2' }],
    };
    expect(preview(twoHomes).invoices.map((i) => [i.location, i.serviceUsers])).toEqual([
      ['loc1', ['su1']],
      ['loc2', ['su2']],
    ]);
  });

  it('every other payer gets one invoice per (location, resident), even a consolidating contact', () => {
    // consolidateInvoices is read only for location contacts (the loader keeps it false for
    // others, but the rule is the grouping's own).
    const data = dataset({
      serviceUsers: [serviceUser('su1'), serviceUser('su2')],
      serviceUserContacts: [
        serviceUserContact('fam', { serviceUser: 'su1', consolidateInvoices: true }),
      ],
      bookings: [
        booking({ id: 'b1', serviceUser: 'su1', ratePence: 100, ratePeriod: 'daily' }),
        booking({ id: 'b2', serviceUser: 'su2', ratePence: 100, ratePeriod: 'daily' }),
      ],
      contracts: [
        contract({
          id: 'c1',
          serviceUser: 'su1',
          payer: { kind: 'service_user_contact', id: 'fam' },
        }),
        contract({
          id: 'c2',
          serviceUser: 'su2',
          payer: { kind: 'service_user_contact', id: 'fam' },
        }),
      ],
    });
    expect(preview(data).invoices.map((i) => i.serviceUsers)).toEqual([['su1'], ['su2']]);
  });

  it('an invoice whose lines total 0 is not produced; one of a penny is', () => {
    const data = (rate: number) =>
      dataset({
        serviceUsers: [serviceUser('su1', { billingEnabled: true })],
        bookings: [
          booking({ id: 'b1', ratePence: rate, ratePeriod: 'daily', endDate: d('2024-11-01') }),
        ],
      });
    expect(preview(data(0)).invoices).toEqual([]);
    expect(preview(data(1)).invoices.map((i) => i.totalPence)).toEqual([1]);
    expect(preview(data(-1)).invoices.map((i) => i.totalPence)).toEqual([-1]);
  });

  it('lines that cancel out to 0 make no invoice', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      bookings: [
        booking({ id: 'b1', ratePence: 500, ratePeriod: 'daily', endDate: d('2024-11-01') }),
        booking({
          id: 'b2',
          ratePence: -500,
          ratePeriod: 'daily',
          startDate: d('2024-11-02'),
          endDate: d('2024-11-02'),
        }),
      ],
    });
    expect(preview(data).invoices).toEqual([]);
    expect(preview(data).totals.invoicedPence).toBe(0);
  });
});

describe('SPEC §4 Numbering', () => {
  it('is {prefix}-{YYYYMM}-{NNNN} from 0001, month and number zero-padded', () => {
    expect(invoiceNumber('PREVIEW', 2024, 3, 0)).toBe('PREVIEW-202403-0001');
    expect(invoiceNumber('INV', 2024, 11, 9)).toBe('INV-202411-0010');
    expect(invoiceNumber('INV', 2025, 12, 9998)).toBe('INV-202512-9999');
  });

  it('sorts by payer display name, then payer id, location id, first resident name, resident id', () => {
    const data = dataset({
      serviceUsers: [
        serviceUser('su1', { firstName: 'Zoe', lastName: 'Adams' }),
        serviceUser('su2', { firstName: 'Alan', lastName: 'Brown' }),
        serviceUser('su3', { firstName: 'Alan', lastName: 'Brown' }),
      ],
      locationContacts: [
        locationContact('b-la', { companyName: 'Same Council' }),
        locationContact('a-la', { companyName: 'Same Council' }),
        locationContact('z-la', { companyName: 'Another Council' }),
      ],
      bookings: [
        booking({
          id: 'b1',
          serviceUser: 'su1',
          ratePence: 100,
          ratePeriod: 'daily',
          location: 'loc2',
        }),
        booking({ id: 'b2', serviceUser: 'su2', ratePence: 100, ratePeriod: 'daily' }),
        booking({ id: 'b3', serviceUser: 'su3', ratePence: 100, ratePeriod: 'daily' }),
      ],
      contracts: [
        contract({ id: 'c1', serviceUser: 'su1', payer: { kind: 'location_contact', id: 'a-la' } }),
        contract({ id: 'c2', serviceUser: 'su2', payer: { kind: 'location_contact', id: 'b-la' } }),
        contract({ id: 'c3', serviceUser: 'su3', payer: { kind: 'location_contact', id: 'b-la' } }),
        contract({
          id: 'c4',
          serviceUser: 'su2',
          payer: { kind: 'location_contact', id: 'a-la' },
          feeContributionPence: 7,
          feeContributionUnit: 'day',
        }),
        contract({
          id: 'c5',
          serviceUser: 'su3',
          payer: { kind: 'location_contact', id: 'z-la' },
          feeContributionPence: 7,
          feeContributionUnit: 'day',
        }),
      ],
    });
    const invoices = preview(data, { prefix: 'X' }).invoices;
    expect(invoices.map((i) => [i.number, i.payer.id, i.location, i.serviceUsers[0]])).toEqual([
      ['X-202411-0001', 'z-la', 'loc1', 'su3'], // Another Council
      ['X-202411-0002', 'a-la', 'loc1', 'su2'], // Same Council, id a-la, loc1 before loc2
      ['X-202411-0003', 'a-la', 'loc2', 'su1'],
      ['X-202411-0004', 'b-la', 'loc1', 'su2'], // then id b-la; Alan Brown su2 before su3
      ['X-202411-0005', 'b-la', 'loc1', 'su3'],
    ]);
  });

  it('numbers by the period’s first month, and the prefix defaults to PREVIEW', () => {
    const data = councilPaysTwo(true);
    const span = { from: d('2024-12-31'), to: d('2025-01-02') };
    expect(buildPreview(loaded(data), { period: span }).invoices[0]!.number).toBe(
      'PREVIEW-202412-0001',
    );
  });
});

describe('SPEC §4 ordering when a line has no resident or an invoice no home', () => {
  // A block bed has no resident and a booking may have no location: they sort as an empty
  // name and id, so first. Ids are CareHQ's hex strings, which sort before letters.
  const hexId = '6724fbca4f73a2cebf63868a';
  const council = locationContact('occ', { companyName: 'Council', consolidateInvoices: true });
  const bed = booking({
    id: 'bb',
    type: 'block_contract',
    serviceUser: null,
    ratePence: 100,
    ratePeriod: 'daily',
  });
  const block = contract({
    id: 'blk',
    serviceUser: null,
    location: 'loc1',
    contributionType: 'block_bed',
    payer: { kind: 'location_contact', id: 'occ' },
  });

  it('a block bed’s line comes before residents’, even one with no name', () => {
    const data = dataset({
      serviceUsers: [
        serviceUser(hexId, { firstName: '', lastName: '', fullName: '' }),
        serviceUser('su1'),
      ],
      locationContacts: [council],
      bookings: [
        bed,
        booking({ id: 'b1', serviceUser: hexId, ratePence: 100, ratePeriod: 'daily' }),
        booking({ id: 'b2', serviceUser: 'su1', ratePence: 100, ratePeriod: 'daily' }),
      ],
      contracts: [
        block,
        contract({ id: 'c1', serviceUser: hexId, payer: { kind: 'location_contact', id: 'occ' } }),
        contract({ id: 'c2', serviceUser: 'su1', payer: { kind: 'location_contact', id: 'occ' } }),
      ],
    });
    const [invoice] = preview(data).invoices;
    expect(invoice!.lines.map((l) => [l.booking, l.label])).toEqual([
      ['bb', 'Block bed (no resident)'],
      ['b1', hexId],
      ['b2', 'Pat su1'],
    ]);
    expect(invoice!.serviceUsers).toEqual([hexId, 'su1']);
  });

  it('a resident missing from service-users.json sorts as an empty name', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { firstName: 'Alan', lastName: 'Brown' })],
      locationContacts: [council],
      bookings: [
        booking({ id: 'b1', serviceUser: 'su1', ratePence: 100, ratePeriod: 'daily' }),
        booking({ id: 'b9', serviceUser: 'su9', ratePence: 100, ratePeriod: 'daily' }),
      ],
      contracts: [
        contract({ id: 'c1', serviceUser: 'su1', payer: { kind: 'location_contact', id: 'occ' } }),
        contract({ id: 'c9', serviceUser: 'su9', payer: { kind: 'location_contact', id: 'occ' } }),
      ],
    });
    expect(preview(data).invoices[0]!.lines.map((l) => l.label)).toEqual(['su9', 'Alan Brown']);
  });

  it('a payer’s invoice with no home, then its block bed’s, come before its residents’', () => {
    const perResident = locationContact('occ', { companyName: 'Council' });
    const home = '6724fbc74f73a2cebf6377fa';
    const data = dataset({
      serviceUsers: [serviceUser(hexId, { firstName: '', lastName: '', fullName: '' })],
      locationContacts: [perResident],
      bookings: [
        { ...bed, location: home },
        booking({
          id: 'b1',
          serviceUser: hexId,
          location: home,
          ratePence: 100,
          ratePeriod: 'daily',
        }),
        booking({
          id: 'b2',
          serviceUser: hexId,
          location: null,
          ratePence: 100,
          ratePeriod: 'daily',
          startDate: d('2024-10-01'),
          endDate: d('2024-10-31'),
        }),
      ],
      contracts: [
        { ...block, location: home },
        contract({ id: 'c1', serviceUser: hexId, payer: { kind: 'location_contact', id: 'occ' } }),
      ],
    });
    const october = { from: d('2024-10-01'), to: d('2024-11-30') };
    const invoices = buildPreview(loaded(data), { period: october }).invoices;
    expect(invoices.map((i) => [i.location, i.serviceUsers])).toEqual([
      [null, [hexId]],
      [home, []],
      [home, [hexId]],
    ]);
  });
});

describe('SPEC §4 Lines', () => {
  it('are ordered by resident full name, resident id, from, booking id, contract id', () => {
    const data = dataset({
      serviceUsers: [
        serviceUser('su1', { firstName: 'Zoe', lastName: 'Adams' }),
        serviceUser('su3', { firstName: 'Alan', lastName: 'Brown' }),
        serviceUser('su2', { firstName: 'Alan', lastName: 'Brown' }),
      ],
      locationContacts: [locationContact('occ', { consolidateInvoices: true })],
      bookings: [
        booking({ id: 'b1', serviceUser: 'su1', ratePence: 100, ratePeriod: 'daily' }),
        booking({ id: 'b3', serviceUser: 'su3', ratePence: 100, ratePeriod: 'daily' }),
        // su2: a later stay with the lower id, an earlier stay with the higher id
        booking({
          id: 'b2a',
          serviceUser: 'su2',
          ratePence: 100,
          ratePeriod: 'daily',
          startDate: d('2024-11-16'),
        }),
        booking({
          id: 'b2z',
          serviceUser: 'su2',
          ratePence: 100,
          ratePeriod: 'daily',
          startDate: d('2024-11-01'),
          endDate: d('2024-11-15'),
        }),
      ],
      contracts: [
        contract({ id: 'k1', serviceUser: 'su1', payer: { kind: 'location_contact', id: 'occ' } }),
        contract({ id: 'k3', serviceUser: 'su3', payer: { kind: 'location_contact', id: 'occ' } }),
        contract({
          id: 'k3b',
          serviceUser: 'su3',
          payer: { kind: 'location_contact', id: 'occ' },
          feeContributionPence: 10,
          feeContributionUnit: 'day',
        }),
        contract({
          id: 'k3a',
          serviceUser: 'su3',
          payer: { kind: 'location_contact', id: 'occ' },
          feeContributionPence: 10,
          feeContributionUnit: 'day',
        }),
        contract({ id: 'k2', serviceUser: 'su2', payer: { kind: 'location_contact', id: 'occ' } }),
      ],
    });
    const [invoice] = preview(data).invoices;
    expect(
      invoice!.lines.map((l) => [l.serviceUser, formatDay(l.from), l.booking, l.contract]),
    ).toEqual([
      ['su2', '2024-11-01', 'b2z', 'k2'],
      ['su2', '2024-11-16', 'b2a', 'k2'],
      ['su3', '2024-11-01', 'b3', 'k3'],
      ['su3', '2024-11-01', 'b3', 'k3a'],
      ['su3', '2024-11-01', 'b3', 'k3b'],
      ['su1', '2024-11-01', 'b1', 'k1'],
    ]);
    // service_users in the order they first appear in the lines
    expect(invoice!.serviceUsers).toEqual(['su2', 'su3', 'su1']);
  });

  it('carry booking, contract, basis, from, to, days, amount and provisional', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      bookings: [
        booking({
          id: 'b1',
          ratePence: 7000,
          ratePeriod: 'daily',
          respite: true,
          startDate: d('2024-11-05'),
          proposedCheckoutDate: d('2024-11-09'),
        }),
      ],
    });
    const [line] = preview(data).invoices[0]!.lines;
    expect({ ...line, from: formatDay(line!.from), to: formatDay(line!.to) }).toEqual({
      booking: 'b1',
      contract: null,
      basis: 'default',
      serviceUser: 'su1',
      label: 'Pat su1',
      description:
        'Care fees 5 Nov 2024 – 9 Nov 2024, 5 days at £70.00 per day (provisional: to the proposed checkout date)',
      from: '2024-11-05',
      to: '2024-11-09',
      days: 5,
      amountPence: 35000,
      provisional: true,
      adjusts: null,
      wasPence: null,
      nowPence: null,
    });
  });

  describe('name the resident by the payer’s invoices_service_user_id_fields', () => {
    const abbey = serviceUser('su1', {
      firstName: 'Abbey',
      lastName: 'Wall',
      nhsNumber: '485 777 3456',
      accountCode: 'WALL01',
      patientId: ' ',
      ref: 'R-12',
    });
    it.each([
      [['full_name'], 'Abbey Wall'],
      [['nhs_number', 'initials'], '485 777 3456, AW'],
      [['initials', 'nhs_number'], 'AW, 485 777 3456'],
      [['account_code'], 'WALL01'],
      [['ref'], 'R-12'],
      [['patient_id', 'account_code'], 'WALL01'], // an empty field is skipped
      [['patient_id'], 'Abbey Wall'], // none filled in: the full name
    ] as const)('%j ⇒ %s', (fields, label) => {
      expect(residentLabel(abbey, 'su1', fields)).toBe(label);
    });

    it('a resident with no name is named by id, one not in the dataset by id, a block bed as such', () => {
      const nameless = serviceUser('su9', { firstName: '', lastName: '' });
      expect(residentLabel({ ...nameless, fullName: '' }, 'su9', ['patient_id'])).toBe('su9');
      expect(residentLabel(undefined, 'su7', ['full_name'])).toBe('su7');
      expect(residentLabel(undefined, null, ['full_name'])).toBe('Block bed (no resident)');
    });
  });

  describe('say what is charged', () => {
    const b = booking({ id: 'b1', ratePence: 138554, ratePeriod: 'weekly' });
    const line = (fields: Partial<PayerLine>): PayerLine => ({
      booking: b,
      contract: null,
      basis: 'default',
      payer: { kind: 'service_user', id: 'su1' },
      serviceUser: 'su1',
      from: d('2024-11-01'),
      to: d('2024-11-30'),
      days: 30,
      amountPence: 593803,
      provisional: false,
      ...fields,
    });

    it('the SPEC’s example: 30 days at the weekly rate', () => {
      expect(lineDescription(line({}), undefined, false)).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week',
      );
    });

    it('one day is "1 day"; a daily rate is "per day"', () => {
      const daily = booking({ id: 'b2', ratePence: 7000, ratePeriod: 'daily' });
      expect(
        lineDescription(line({ booking: daily, to: d('2024-11-01'), days: 1 }), undefined, false),
      ).toBe('Care fees 1 Nov 2024 – 1 Nov 2024, 1 day at £70.00 per day');
    });

    it('plus the room name and the contract’s line_item_description when present', () => {
      const c = contract({ id: 'c1', lineItemDescription: 'Council share' });
      expect(
        lineDescription(
          line({ contract: c, basis: 'contract' }),
          { id: 'r1', name: 'Room 12', location: 'loc1' },
          false,
        ),
      ).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week, Room 12, Council share',
      );
      expect(lineDescription(line({}), { id: 'r1', name: '', location: 'loc1' }, false)).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week',
      );
    });

    it('a contract with a fee_contribution quotes it, per its unit; a parent says its contributions are deducted', () => {
      const contributor = contract({
        id: 'c1',
        feeContributionPence: 23588,
        feeContributionUnit: 'week',
      });
      expect(lineDescription(line({ contract: contributor }), undefined, true)).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £235.88 per week',
      );
      const parent = contract({
        id: 'c2',
        feeContributionPence: 5000,
        feeContributionUnit: 'day',
        contributesTo: ['c1'],
      });
      expect(lineDescription(line({ contract: parent }), undefined, false)).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £50.00 per day less linked contributions',
      );
      const zero = contract({ id: 'c3', feeContributionPence: 0, feeContributionUnit: 'day' });
      expect(lineDescription(line({ contract: zero }), undefined, false)).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £0.00 per day',
      );
    });

    it('a balance payer’s line quotes the booking’s rate, and monthly52 says so for a weekly rate only', () => {
      const balance = contract({ id: 'c1' });
      expect(lineDescription(line({ contract: balance }), undefined, true)).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week (monthly: 52/12 of the weekly rate)',
      );
      const daily = booking({ id: 'b2', ratePence: 7000, ratePeriod: 'daily' });
      expect(lineDescription(line({ booking: daily }), undefined, true)).toBe(
        'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £70.00 per day',
      );
    });

    it('buildPreview passes monthly52 to the description only when asked', () => {
      const data = dataset({
        serviceUsers: [serviceUser('su1', { billingEnabled: true })],
        bookings: [booking({ id: 'b1', startDate: d('2024-01-01') })],
      });
      const describe = (options: Record<string, unknown>) =>
        preview(data, options).invoices[0]!.lines[0]!.description;
      expect(describe({ monthly52: true })).toContain('(monthly: 52/12 of the weekly rate)');
      expect(describe({})).not.toContain('monthly');
      expect(describe({ monthly52: false })).not.toContain('monthly');
    });

    it('buildPreview names the booking’s room from rooms.json', () => {
      const data = dataset({
        serviceUsers: [serviceUser('su1', { billingEnabled: true })],
        bookings: [
          booking({ id: 'b1', room: 'r1' }),
          booking({ id: 'b2', serviceUser: 'su2', room: null }),
        ],
        rooms: [{ id: 'r1', name: 'Room 12', location: 'loc1' }],
      });
      expect(preview(data).invoices[0]!.lines[0]!.description).toMatch(/, Room 12$/);
    });
  });
});

describe('SPEC §3.1 Billable days: the day-count rule is a run option', () => {
  it('a stay from the 1st to the 8th at £70.00 a day bills 8 days by rule day (the default), 7 nights by rule night', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true })],
      bookings: [
        booking({ id: 'b1', endDate: d('2024-11-08'), ratePence: 7000, ratePeriod: 'daily' }),
      ],
    });
    const billed = (options: Record<string, unknown>) =>
      preview(data, options).invoices.map((i) => [i.lines[0]?.days, i.totalPence]);
    expect(billed({})).toEqual([[8, 56000]]);
    expect(billed({ dayRule: 'night' })).toEqual([[7, 49000]]);
  });
});

describe('SPEC §4 Payment', () => {
  const home = location('loc1', {
    paymentInstructions: 'Pay by bank transfer.',
    paymentInstructionsByMethod: {
      direct_debit: 'We will collect this by direct debit.',
      cheque: '  ',
    },
  });

  it('instructions are the location’s for the payer’s payment_method, else its general ones', () => {
    expect(paymentInstructions(home, 'direct_debit')).toBe('We will collect this by direct debit.');
    expect(paymentInstructions(home, 'bac')).toBe('Pay by bank transfer.');
    expect(paymentInstructions(home, 'cheque')).toBe('Pay by bank transfer.'); // blank: general
    expect(paymentInstructions(home, null)).toBe('Pay by bank transfer.');
    expect(paymentInstructions(undefined, 'direct_debit')).toBe('');
  });

  const ddPayer = (mandate: boolean, method: 'direct_debit' | 'standing_order' = 'direct_debit') =>
    dataset({
      serviceUsers: [
        serviceUser('su1', {
          billingEnabled: true,
          paymentMethod: method,
          hasDirectDebitMandate: mandate,
          email: 'su1@example.org',
        }),
      ],
      bookings: [booking({ id: 'b1' })],
      locations: [home],
    });

  it('direct debit without has_direct_debit_mandate true ⇒ warning DD_WITHOUT_MANDATE', () => {
    const result = preview(ddPayer(false));
    expect(result.invoices[0]!.warnings).toEqual(['DD_WITHOUT_MANDATE']);
    expect(result.invoices[0]!.paymentInstructions).toBe('We will collect this by direct debit.');
    expect(result.warnings).toEqual([
      {
        severity: 'warning',
        code: 'DD_WITHOUT_MANDATE',
        resource: 'service-users',
        id: 'su1',
        field: 'has_direct_debit_mandate',
        value: '',
        message:
          'Invoice PREVIEW-202411-0001: Pat su1 pays by direct debit but has no mandate in place; set up the mandate or change payment_method.',
      },
    ]);
  });

  it('direct debit with a mandate in place, or another method without one, warns of nothing', () => {
    expect(preview(ddPayer(true)).invoices[0]!.warnings).toEqual([]);
    expect(preview(ddPayer(false, 'standing_order')).invoices[0]!.warnings).toEqual([]);
    expect(preview(ddPayer(true)).warnings).toEqual([]);
  });

  it('due date: the issue date (the period’s first day) plus 14 days, an option', () => {
    const data = ddPayer(true);
    const dates = (options: Record<string, unknown>) => {
      const invoice = preview(data, options).invoices[0]!;
      return [formatDay(invoice.issueDate), formatDay(invoice.dueDate)];
    };
    expect(dates({})).toEqual(['2024-11-01', '2024-11-15']);
    expect(dates({ dueDays: 30 })).toEqual(['2024-11-01', '2024-12-01']);
    expect(dates({ dueDays: 0 })).toEqual(['2024-11-01', '2024-11-01']);
  });

  it('an invoice names its issuing home, or none when the location is not in locations.json', () => {
    const known = preview(ddPayer(true)).invoices[0]!;
    expect(known.issuer?.id).toBe('loc1');
    const data = ddPayer(true);
    const unknown = preview({ ...data, locations: new Map() }).invoices[0]!;
    expect(unknown.issuer).toBeNull();
    expect(unknown.paymentInstructions).toBe('');
  });

  it('SPEC §10 a credit note says how the credit comes off or is refunded: by the home’s company name, else its name', () => {
    const refund = (location: Parameters<typeof creditInstructions>[0]) =>
      creditInstructions(location, -8340).split('. ').slice(1).join('. ');
    expect(refund(location('loc1', { email: '' }))).toBe(
      'It will be taken off your next invoice from Rectory Care Ltd. If no further invoice is due, or you would rather have the money back, contact Rectory Care Ltd and it will be refunded to you.',
    );
    expect(refund(location('loc1', { companyName: '', email: '' }))).toBe(
      'It will be taken off your next invoice from Rectory House. If no further invoice is due, or you would rather have the money back, contact Rectory House and it will be refunded to you.',
    );
    // a home not in locations.json
    expect(creditInstructions(undefined, -8340)).toBe(
      'Nothing to pay: this credit note is for £83.40. It will be taken off your next invoice. If no further invoice is due, or you would rather have the money back, contact the home and it will be refunded to you.',
    );
  });
});

describe('SPEC §4 Delivery', () => {
  const party = (fields: Partial<ServiceUserContact>): BillingParty =>
    serviceUserContact('fam', { serviceUser: 'su1', ...fields });

  it('no billing_comms_preference: post when the address is complete, before email (post first)', () => {
    expect(invoiceDelivery(party({ postalAddress: address, email: 'fam@example.org' }))).toEqual({
      delivery: { email: [], post: true, largePrint: false },
      warnings: [],
    });
  });

  it('no preference and an incomplete address: email when there is a recipient', () => {
    expect(
      invoiceDelivery(
        party({ postalAddress: { ...address, postcode: '' }, email: 'fam@example.org' }),
      ),
    ).toEqual({
      delivery: { email: ['fam@example.org'], post: false, largePrint: false },
      warnings: [],
    });
    expect(invoiceDelivery(party({ emailInvoicesTo: ['a@example.org'] })).delivery.email).toEqual([
      'a@example.org',
    ]);
  });

  it('no preference, no complete address and no recipient: warning NO_DELIVERY_CHANNEL', () => {
    expect(invoiceDelivery(party({ postalAddress: { ...address, address1: ' ' } }))).toEqual({
      delivery: { email: [], post: false, largePrint: false },
      warnings: ['NO_DELIVERY_CHANNEL'],
    });
  });

  it('email ⇒ email_invoices_to when not empty, else the contact’s email, else NO_EMAIL', () => {
    const email = (fields: Partial<ServiceUserContact>) =>
      invoiceDelivery(party({ commsPreference: ['email'], postalAddress: address, ...fields }));
    expect(
      email({ emailInvoicesTo: [' a@example.org ', '', 'b@example.org'], email: 'c@example.org' }),
    ).toEqual({
      delivery: { email: ['a@example.org', 'b@example.org'], post: false, largePrint: false },
      warnings: [],
    });
    expect(email({ emailInvoicesTo: ['  '], email: ' c@example.org ' }).delivery.email).toEqual([
      'c@example.org',
    ]);
    expect(email({ email: '  ' })).toEqual({
      delivery: { email: [], post: false, largePrint: false },
      warnings: ['NO_EMAIL'],
    });
  });

  it('post ⇒ the postal_address needs address_1 and postcode, else INCOMPLETE_ADDRESS', () => {
    const post = (postalAddress: Address | null) =>
      invoiceDelivery(
        party({ commsPreference: ['post'], postalAddress, email: 'fam@example.org' }),
      );
    expect(post(address)).toEqual({
      delivery: { email: [], post: true, largePrint: false },
      warnings: [],
    });
    for (const incomplete of [null, { ...address, address1: '' }, { ...address, postcode: ' ' }]) {
      expect(post(incomplete)).toEqual({
        delivery: { email: [], post: false, largePrint: false },
        warnings: ['INCOMPLETE_ADDRESS'],
      });
    }
    expect(isCompleteAddress({ ...address, address2: '', town: '', county: '' })).toBe(true);
  });

  it('email and post together: both, each with its own warning', () => {
    expect(
      invoiceDelivery(party({ commsPreference: ['email', 'post'], postalAddress: address })),
    ).toEqual({ delivery: { email: [], post: true, largePrint: false }, warnings: ['NO_EMAIL'] });
    expect(
      invoiceDelivery(party({ commsPreference: ['post', 'email'], email: 'a@example.org' })),
    ).toEqual({
      delivery: { email: ['a@example.org'], post: false, largePrint: false },
      warnings: ['INCOMPLETE_ADDRESS'],
    });
  });

  it('do_not_send ⇒ none, whatever else is listed', () => {
    expect(
      invoiceDelivery(
        party({
          commsPreference: ['email', 'do_not_send'],
          postalAddress: address,
          email: 'a@example.org',
        }),
      ),
    ).toEqual({ delivery: { email: [], post: false, largePrint: false }, warnings: [] });
  });

  it('large_print_requested_for_billing is carried to the delivery', () => {
    expect(
      invoiceDelivery(party({ largePrint: true, postalAddress: address })).delivery.largePrint,
    ).toBe(true);
    expect(
      invoiceDelivery(party({ largePrint: true, commsPreference: ['do_not_send'] })).delivery
        .largePrint,
    ).toBe(true);
    expect(invoiceDelivery(party({ largePrint: true })).delivery.largePrint).toBe(true);
  });

  it('buildPreview writes each delivery warning against the payer, naming the invoice and the field', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1')],
      serviceUserContacts: [
        serviceUserContact('fam', {
          serviceUser: 'su1',
          billingEnabled: true,
          commsPreference: ['post'],
        }),
      ],
      locationContacts: [locationContact('occ', { companyName: 'Oxfordshire County Council' })],
      bookings: [booking({ id: 'b1' })],
      contracts: [
        contract({ id: 'c1', payer: { kind: 'service_user_contact', id: 'fam' } }),
        contract({
          id: 'c2',
          payer: { kind: 'location_contact', id: 'occ' },
          feeContributionPence: 100,
          feeContributionUnit: 'day',
        }),
      ],
    });
    expect(
      preview(data).warnings.map((w) => [w.code, w.resource, w.id, w.field, w.message]),
    ).toEqual([
      [
        'NO_DELIVERY_CHANNEL',
        'location-contacts',
        'occ',
        'billing_comms_preference',
        'Invoice PREVIEW-202411-0001: Oxfordshire County Council has no complete postal address and no email, so the invoice cannot be sent; add one.',
      ],
      [
        'INCOMPLETE_ADDRESS',
        'service-user-contacts',
        'fam',
        'postal_address',
        'Invoice PREVIEW-202411-0002: Pat fam asks for post but the postal address lacks address_1 or postcode; complete it.',
      ],
    ]);
  });

  it('NO_EMAIL is written against email_invoices_to', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1', { billingEnabled: true, commsPreference: ['email'] })],
      bookings: [booking({ id: 'b1' })],
    });
    expect(preview(data).warnings.map((w) => [w.code, w.field, w.message])).toEqual([
      [
        'NO_EMAIL',
        'email_invoices_to',
        'Invoice PREVIEW-202411-0001: Pat su1 asks for email but has no address; fill in email_invoices_to or email.',
      ],
    ]);
  });
});

describe('SPEC §2.1 and §6: what a preview carries besides invoices', () => {
  it('totals: fees = invoiced + unbilled + unallocated, each summed from its list', () => {
    const data = dataset({
      serviceUsers: [serviceUser('su1'), serviceUser('su2')],
      serviceUserContacts: [
        serviceUserContact('fam', { serviceUser: 'su1', billingEnabled: false }),
      ],
      locationContacts: [locationContact('occ')],
      bookings: [
        booking({ id: 'b1', ratePence: 1000, ratePeriod: 'daily' }),
        booking({ id: 'b2', serviceUser: 'su2', ratePence: 300, ratePeriod: 'daily' }),
      ],
      contracts: [
        contract({
          id: 'c1',
          payer: { kind: 'location_contact', id: 'occ' },
          feeContributionPence: 600,
          feeContributionUnit: 'day',
        }),
        contract({
          id: 'c2',
          payer: { kind: 'service_user_contact', id: 'fam' },
          feeContributionPence: 100,
          feeContributionUnit: 'day',
        }),
      ],
    });
    const result = preview(data);
    expect(result.totals).toEqual({
      feesPence: 30 * 1300,
      invoicedPence: 30 * 600,
      unbilledPence: 30 * 100,
      unallocatedPence: 30 * 300 + 30 * 300,
      adjustmentsPence: 0,
      unbilledAdjustmentsPence: 0,
    });
  });

  it('parked residents: the loader’s and the charges’ merged per resident, sorted by id, contacts last', () => {
    const problem = (id: string, code: 'BAD_MONEY' | 'TWO_BALANCE_PAYERS') => ({
      severity: 'record' as const,
      code,
      resource: 'billing-contracts' as const,
      id,
      field: 'rate',
      value: '',
      message: 'm',
    });
    const data = dataset({
      serviceUsers: [serviceUser('su1'), serviceUser('su2')],
      bookings: [booking({ id: 'b1', serviceUser: 'su2' })],
      contracts: [
        contract({ id: 'c1', serviceUser: 'su2' }),
        contract({ id: 'c2', serviceUser: 'su2', payer: { kind: 'service_user', id: 'su2' } }),
      ],
    });
    const result = buildPreview(
      {
        ...loaded(data, ['su3']),
        parked: [
          { serviceUser: 'su3', problems: [problem('b3', 'BAD_MONEY')] },
          { serviceUser: null, problems: [problem('x', 'BAD_MONEY')] },
          { serviceUser: 'su2', problems: [problem('b9', 'BAD_MONEY')] },
        ],
      },
      { period: NOV },
    );
    expect(
      result.parked.map((p) => [p.serviceUser, p.problems.map((x) => [x.id, x.code])]),
    ).toEqual([
      [
        'su2',
        [
          ['b9', 'BAD_MONEY'],
          ['c1', 'TWO_BALANCE_PAYERS'],
        ],
      ],
      ['su3', [['b3', 'BAD_MONEY']]],
      [null, [['x', 'BAD_MONEY']]],
    ]);
  });
});
