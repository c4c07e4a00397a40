import { describe, expect, it } from 'vitest';
import {
  allProblems,
  booking,
  codes,
  contract,
  LOC,
  load,
  SU,
} from '../../test/dataset-helpers.js';
import { loadDataset } from './load.js';

const BK = '6724fbca4f73a2cebf63868c';
const ABBEY = {
  _id: '6724fbcb4f73a2cebf638768',
  account_code: 'AW0474',
  billing_comms_preference: null,
  billing_enabled: null,
  created: '2024-11-01 16:03:23',
  email: 'abbey.wall@gmx.co.uk',
  email_invoices_to: null,
  first_name: 'Abbey',
  future_billing_disabled: null,
  has_direct_debit_mandate: null,
  invoices_service_user_id_fields: null,
  large_print_requested_for_billing: null,
  last_name: 'Wall',
  location: LOC,
  modified: '2024-11-01 16:03:23',
  notes: '',
  payment_method: '',
  phone: '01842625621',
  postal_address: {
    address_1: 'The Old Rectory',
    address_2: 'Rectory Rd',
    country: '',
    county: 'Oxfordshire',
    postcode: 'OX44 7JG',
    town: 'Great Haseley',
  },
  relationship: 'Daughter',
  service_user: SU,
  title: 'Mrs',
};
const OCC = {
  _id: '66bfb4bc9ab4e3d6eb73492a',
  account_code: 'OCC0004',
  billing_comms_preference: null,
  billing_consolidate_invoices: false,
  billing_enabled: true,
  company_name: 'Oxfordshire County Council',
  first_name: 'Michael',
  last_name: 'Frey',
  payment_method: 'bac',
  locations: ['66bfb4bb9ab4e3d6eb734900'],
  postal_address: {
    address_1: 'County Hall',
    address_2: 'New Road',
    country: '',
    county: '',
    postcode: 'OX1 1ND',
    town: 'Oxford',
  },
};

describe('seed records', () => {
  it('maps the seed booking', () => {
    const loaded = load({ bookings: [booking()] });
    expect(loaded.errors).toEqual([]);
    expect(loaded.parked).toEqual([]);
    expect(loaded.dataset.bookings).toEqual([
      {
        id: BK,
        type: 'service_user',
        serviceUser: SU,
        location: LOC,
        room: '6724fbc84f73a2cebf637858',
        startDate: 19216,
        endDate: null,
        proposedCheckoutDate: null,
        respite: false,
        cancelled: false,
        ratePence: 138554,
        ratePeriod: 'weekly',
      },
    ]);
  });

  it('maps the seed service user contact: nulls become false, "" payment method becomes null', () => {
    const loaded = load({ 'service-user-contacts': [ABBEY] });
    const abbey = loaded.dataset.serviceUserContacts.get(ABBEY._id);
    expect(abbey).toMatchObject({
      kind: 'service_user_contact',
      displayName: 'Abbey Wall',
      title: 'Mrs',
      accountCode: 'AW0474',
      billingEnabled: false,
      paymentMethod: null,
      hasDirectDebitMandate: false,
      commsPreference: [],
      emailInvoicesTo: [],
      largePrint: false,
      consolidateInvoices: false,
      idFields: ['full_name'],
      serviceUser: SU,
      relationship: 'Daughter',
      parked: false,
      postalAddress: {
        address1: 'The Old Rectory',
        address2: 'Rectory Rd',
        town: 'Great Haseley',
        county: 'Oxfordshire',
        postcode: 'OX44 7JG',
        country: '',
      },
    });
  });

  it('maps the seed location contact: display name is the company', () => {
    const loaded = load({ 'location-contacts': [OCC] });
    expect(loaded.dataset.locationContacts.get(OCC._id)).toMatchObject({
      displayName: 'Oxfordshire County Council',
      paymentMethod: 'bac',
      billingEnabled: true,
      locations: ['66bfb4bb9ab4e3d6eb734900'],
    });
  });

  it('maps the seed care fund', () => {
    const fund = {
      _id: '6724fbd04f73a2cebf638e04',
      care_fund_type: '6724fbc74f73a2cebf637810',
      created: '2024-11-01 16:03:28',
      description: 'Savings',
      modified: '2024-11-01 16:03:28',
      opening_balance: 2875000,
      opening_balance_date: '2022-10-21',
      service_user: '6724fbca4f73a2cebf638674',
    };
    const loaded = load({ 'care-funds': [fund] });
    expect(loaded.dataset.careFunds).toEqual([
      {
        id: fund._id,
        serviceUser: fund.service_user,
        careFundType: fund.care_fund_type,
        description: 'Savings',
        openingBalancePence: 2875000,
        openingBalanceDate: 19286,
      },
    ]);
  });
});

describe('people', () => {
  it.each([
    [{ first_name: 'Edith', last_name: 'Wall' }, 'Edith Wall', 'EW'],
    [{ first_name: ' edith ', last_name: ' wall' }, 'edith wall', 'EW'],
    [{ first_name: 'Edith', last_name: null }, 'Edith', 'E'],
    [{ first_name: 'Édith', last_name: 'Wall', initials: 'EMW' }, 'Édith Wall', 'EMW'],
    [{ first_name: 'Edith', last_name: 'Wall', initials: '' }, 'Edith Wall', 'EW'],
  ])('%j ⇒ full name %j, initials %j', (fields, fullName, initials) => {
    const loaded = load({ 'service-users': [{ _id: SU, ...fields }] });
    const resident = loaded.dataset.serviceUsers.get(SU);
    expect(resident?.fullName).toBe(fullName);
    expect(resident?.initials).toBe(initials);
    expect(resident?.displayName).toBe(fullName);
  });

  it('a resident carries billing fields to pay for themself', () => {
    const loaded = load({
      'service-users': [
        {
          _id: SU,
          first_name: 'Arthur',
          last_name: 'Pennington',
          billing_enabled: true,
          payment_method: 'direct_debit',
          has_direct_debit_mandate: true,
          billing_comms_preference: 'post',
          large_print_requested_for_billing: true,
          billing_consolidate_invoices: true,
          invoices_service_user_id_fields: ['nhs_number', 'initials'],
          nhs_number: '943 476 5919',
        },
      ],
    });
    expect(loaded.dataset.serviceUsers.get(SU)).toMatchObject({
      kind: 'service_user',
      billingEnabled: true,
      paymentMethod: 'direct_debit',
      hasDirectDebitMandate: true,
      commsPreference: ['post'],
      largePrint: true,
      consolidateInvoices: false,
      idFields: ['nhs_number', 'initials'],
      nhsNumber: '943 476 5919',
    });
  });

  it.each([
    ['payment_method', 'paypal', 'payment_method'],
    ['payment_method', 'Direct_Debit', 'payment_method'],
    ['billing_comms_preference', ['email', 'fax'], 'billing_comms_preference.1'],
    ['billing_comms_preference', 'sms', 'billing_comms_preference'],
    ['invoices_service_user_id_fields', ['nhs_number', 'dob'], 'invoices_service_user_id_fields.1'],
    ['billing_enabled', 'yes', 'billing_enabled'],
    ['large_print_requested_for_billing', 1, 'large_print_requested_for_billing'],
    ['email_invoices_to', 'a@b.c', 'email_invoices_to'],
    ['postal_address', 'County Hall, Oxford', 'postal_address'],
    ['postal_address', { address_1: 5 }, 'postal_address.address_1'],
    ['first_name', 42, 'first_name'],
  ])('%s %j is BAD_VALUE: the contact is parked but kept', (field, value, at) => {
    const loaded = load({ 'service-user-contacts': [{ ...ABBEY, [field]: value }] });
    expect(codes(loaded)).toEqual([['BAD_VALUE', 'service-user-contacts', ABBEY._id, at]]);
    expect(loaded.parked).toHaveLength(1);
    expect(loaded.parked[0]?.serviceUser).toBeNull();
    expect(loaded.parkedServiceUsers.size).toBe(0);
    expect(loaded.dataset.serviceUserContacts.get(ABBEY._id)?.parked).toBe(true);
  });

  it('a resident parked by a booking keeps their record, marked parked', () => {
    const loaded = load({
      'service-users': [{ _id: SU, first_name: 'Edith', last_name: 'Wall' }],
      bookings: [booking({ rate: '1385.54' })],
    });
    expect(loaded.dataset.serviceUsers.get(SU)?.parked).toBe(true);
    expect(loaded.dataset.serviceUsers.get(SU)?.fullName).toBe('Edith Wall');
  });

  it('a resident record error parks the resident and leaves the record out', () => {
    const loaded = load({
      'service-users': [{ _id: SU, first_name: 'Edith', billing_enabled: 'no' }],
      bookings: [booking()],
    });
    expect(loaded.parked.map((e) => e.serviceUser)).toEqual([SU]);
    expect(loaded.dataset.serviceUsers.size).toBe(0);
    expect(loaded.dataset.bookings).toEqual([]);
  });
});

describe('bookings', () => {
  it.each([
    ['Weekly', 'UNKNOWN_RATE_PERIOD'],
    ['monthly', 'UNKNOWN_RATE_PERIOD'],
    ['', 'UNKNOWN_RATE_PERIOD'],
    [null, 'MISSING_FIELD'],
  ])('rate_period %j is %s', (ratePeriod, code) => {
    const loaded = load({ bookings: [booking({ rate_period: ratePeriod })] });
    expect(codes(loaded)).toEqual([[code, 'bookings', BK, 'rate_period']]);
  });

  it.each(['permanent', 'Service_User', 5])('booking_type %j is BAD_VALUE', (type) => {
    const loaded = load({ bookings: [booking({ booking_type: type })] });
    expect(codes(loaded)).toEqual([['BAD_VALUE', 'bookings', BK, 'booking_type']]);
  });

  it('a service_user booking needs a resident; a block booking may have none', () => {
    const missing = load({ bookings: [booking({ service_user: null })] });
    expect(codes(missing)).toEqual([['MISSING_FIELD', 'bookings', BK, 'service_user']]);
    expect(missing.parked[0]?.serviceUser).toBeNull();
    const block = load({
      bookings: [booking({ service_user: null, booking_type: 'block_contract' })],
    });
    expect(block.parked).toEqual([]);
    expect(block.dataset.bookings[0]?.serviceUser).toBeNull();
  });

  it('a block booking without a resident and with an error is parked on its own', () => {
    const loaded = load({
      bookings: [booking({ service_user: null, booking_type: 'block_contract', rate: '1,050.00' })],
    });
    expect(loaded.parked).toEqual([
      { serviceUser: null, problems: [expect.objectContaining({ code: 'BAD_MONEY' })] },
    ]);
    expect(loaded.dataset.bookings).toEqual([]);
  });

  it('an out-of-service booking needs no rate', () => {
    const loaded = load({
      bookings: [
        booking({
          booking_type: 'out_of_service',
          service_user: null,
          rate: null,
          rate_period: null,
        }),
      ],
    });
    expect(loaded.parked).toEqual([]);
    expect(loaded.dataset.bookings[0]).toMatchObject({ type: 'out_of_service', ratePence: 0 });
  });

  it('a respite stay with no end is warned about; with a proposed checkout it is not', () => {
    const open = load({ bookings: [booking({ respite: true })] });
    expect(codes(open)).toEqual([['RESPITE_WITHOUT_END', 'bookings', BK, 'end_date']]);
    expect(open.dataset.bookings).toHaveLength(1);
    expect(open.parked).toEqual([]);
    const proposed = load({
      bookings: [booking({ respite: true, proposed_checkout_date: '2024-11-24' })],
    });
    expect(allProblems(proposed)).toEqual([]);
  });

  it('a proposed checkout before the start is END_BEFORE_START', () => {
    const loaded = load({
      bookings: [booking({ respite: true, proposed_checkout_date: '2022-08-01' })],
    });
    expect(codes(loaded)).toEqual([['END_BEFORE_START', 'bookings', BK, 'proposed_checkout_date']]);
  });
});

describe('references', () => {
  const rooms = [{ _id: '6724fbc84f73a2cebf637858', name: 'Room 12' }];
  it.each([
    ['service_user', 'service-users', []],
    ['location', 'locations', []],
    ['room', 'rooms', rooms.map((r) => ({ ...r, _id: 'other' }))],
  ])(
    'an unknown booking %s is UNKNOWN_REFERENCE when %s is supplied',
    (field, resource, records) => {
      const loaded = load({ bookings: [booking()], [resource]: records });
      expect(codes(loaded)).toEqual([['UNKNOWN_REFERENCE', 'bookings', BK, field]]);
      expect(loaded.parkedServiceUsers.has(SU)).toBe(true);
    },
  );

  it('references into a file that was not supplied are not checked', () => {
    const loaded = load({
      bookings: [booking()],
      'billing-contracts': [contract({ care_fund: 'f1' })],
    });
    expect(allProblems(loaded)).toEqual([]);
  });

  it.each([
    ['location_contact', 'location-contacts'],
    ['service_user_contact', 'service-user-contacts'],
    ['care_fund', 'care-funds'],
  ])('an unknown contract %s is UNKNOWN_REFERENCE', (field, resource) => {
    const loaded = load({ 'billing-contracts': [contract({ [field]: 'zzz' })], [resource]: [] });
    expect(codes(loaded)).toEqual([
      ['UNKNOWN_REFERENCE', 'billing-contracts', 'c0000000000000000000000a', field],
    ]);
  });

  it('contributes_to must name contracts in the file', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          fee_contribution: 100000,
          fee_contribution_unit: 'week',
          contributes_to: ['nope'],
        }),
      ],
    });
    expect(codes(loaded)).toEqual([
      ['UNKNOWN_REFERENCE', 'billing-contracts', 'c0000000000000000000000a', 'contributes_to.0'],
    ]);
  });

  it('a contact naming an unknown resident, and a fund naming an unknown type', () => {
    const loaded = load({
      'service-users': [],
      'service-user-contacts': [ABBEY],
      'care-fund-types': [],
      'care-funds': [
        {
          _id: 'f1',
          service_user: SU,
          care_fund_type: 't9',
          opening_balance: 100,
          opening_balance_date: '2024-01-01',
        },
      ],
    });
    expect(codes(loaded)).toEqual([
      ['UNKNOWN_REFERENCE', 'care-funds', 'f1', 'care_fund_type'],
      ['UNKNOWN_REFERENCE', 'care-funds', 'f1', 'service_user'],
      ['UNKNOWN_REFERENCE', 'service-user-contacts', ABBEY._id, 'service_user'],
    ]);
    expect(loaded.parked.map((e) => e.serviceUser)).toEqual([SU, null]);
  });

  it('a broken room parks the residents booked into it', () => {
    const loaded = load({
      bookings: [booking()],
      rooms: [{ _id: '6724fbc84f73a2cebf637858', name: ['Room', '12'] }],
    });
    expect(loaded.parked).toEqual([
      {
        serviceUser: SU,
        problems: [expect.objectContaining({ code: 'BAD_VALUE', resource: 'rooms' })],
      },
    ]);
    expect(loaded.dataset.rooms.size).toBe(0);
    expect(loaded.dataset.bookings).toEqual([]);
  });

  it('a room keeps its home; a home not in locations.json parks nobody (the pack warns)', () => {
    const loaded = load({
      bookings: [booking()],
      locations: [{ _id: LOC, name: 'Rectory Gardens' }],
      rooms: [
        { _id: '6724fbc84f73a2cebf637858', name: 'Room 12', location: LOC },
        { _id: 'r2', name: 'Room 2', location: 'elsewhere' },
        { _id: 'r3', name: 'Room 3' },
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect([...loaded.dataset.rooms.values()].map((r) => [r.id, r.location])).toEqual([
      ['6724fbc84f73a2cebf637858', LOC],
      ['r2', 'elsewhere'],
      ['r3', null],
    ]);
  });

  it('a room whose location is not an id is BAD_VALUE', () => {
    const loaded = load({ rooms: [{ _id: 'r1', name: 'Room 1', location: 7 }] });
    expect(codes(loaded)).toEqual([['BAD_VALUE', 'rooms', 'r1', 'location']]);
  });
});

describe('contracts', () => {
  const C = 'c0000000000000000000000a';
  it('the payer is the location contact, else the service user contact, else the resident', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'c1',
          location_contact: 'lc',
          service_user_contact: 'suc',
          fee_contribution: 1,
          fee_contribution_unit: 'day',
        }),
        contract({
          _id: 'c2',
          service_user_contact: 'suc',
          fee_contribution: 1,
          fee_contribution_unit: 'day',
        }),
        contract({ _id: 'c3' }),
      ],
    });
    expect(loaded.dataset.contracts.map((c) => c.payer)).toEqual([
      { kind: 'location_contact', id: 'lc' },
      { kind: 'service_user_contact', id: 'suc' },
      { kind: 'service_user', id: SU },
    ]);
  });

  it('a contract naming no payer at all is MISSING_FIELD', () => {
    const loaded = load({ 'billing-contracts': [contract({ service_user: null })] });
    expect(codes(loaded)).toEqual([['MISSING_FIELD', 'billing-contracts', C, 'service_user']]);
    expect(loaded.parked[0]?.serviceUser).toBeNull();
  });

  it('a block-bed contract names a payer but no resident', () => {
    const loaded = load({
      'billing-contracts': [
        contract({ service_user: null, location_contact: 'lc', contribution_type: 'block_bed' }),
      ],
    });
    expect(loaded.parked).toEqual([]);
    expect(loaded.dataset.contracts[0]).toMatchObject({
      serviceUser: null,
      contributionType: 'block_bed',
    });
  });

  it.each([
    [{ start_date: null }, 'MISSING_FIELD', 'start_date'],
    [{ fee_contribution: 23588 }, 'MISSING_FIELD', 'fee_contribution_unit'],
    [
      { fee_contribution: 23588, fee_contribution_unit: 'month' },
      'BAD_VALUE',
      'fee_contribution_unit',
    ],
    [
      { fee_contribution: '235.88', fee_contribution_unit: 'week' },
      'BAD_MONEY',
      'fee_contribution',
    ],
    [{ contributes_to: ['c2'] }, 'MISSING_FIELD', 'fee_contribution'],
    [{ start_date: '2024-02-01', end_date: '2024-01-31' }, 'END_BEFORE_START', 'end_date'],
    [
      { contributes_to: 'c2', fee_contribution: 1, fee_contribution_unit: 'day' },
      'BAD_VALUE',
      'contributes_to',
    ],
  ])('%j is %s on %s', (overrides, code, field) => {
    const other = contract({ _id: 'c2', fee_contribution: 1, fee_contribution_unit: 'day' });
    const loaded = load({ 'billing-contracts': [contract(overrides), other] });
    expect(codes(loaded)).toEqual([[code, 'billing-contracts', C, field]]);
    expect(loaded.parkedServiceUsers.has(SU)).toBe(true);
    expect(loaded.dataset.contracts).toEqual([]); // the resident's other contract goes too
  });

  it('the SPEC §3.3 linked contracts load as given', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'la',
          location_contact: 'occ',
          fee_contribution: 100000,
          fee_contribution_unit: 'week',
          contributes_to: ['res', 'fnc'],
        }),
        contract({ _id: 'res', fee_contribution: '10000', fee_contribution_unit: 'week' }),
        contract({
          _id: 'fnc',
          location_contact: 'icb',
          fee_contribution: 23588,
          fee_contribution_unit: 'week',
        }),
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(
      loaded.dataset.contracts.map((c) => [c.id, c.feeContributionPence, c.contributesTo]),
    ).toEqual([
      ['fnc', 23588, []],
      ['la', 100000, ['res', 'fnc']],
      ['res', 10000, []],
    ]);
  });
});

describe('cross-record rules', () => {
  const b = (id: string, start: string, end: string | null, extra: Record<string, unknown> = {}) =>
    booking({ _id: id, start_date: start, end_date: end, ...extra });

  it.each([
    [
      'touching by one day',
      [b('a', '2024-01-01', '2024-01-10'), b('b', '2024-01-10', null)],
      ['a', 'b'],
    ],
    ['back to back', [b('a', '2024-01-01', '2024-01-09'), b('b', '2024-01-10', null)], []],
    [
      'an open stay runs forever',
      [b('a', '2020-01-01', null), b('b', '2030-01-01', '2030-01-02')],
      ['a', 'b'],
    ],
    [
      'one inside another',
      [
        b('a', '2024-01-01', '2024-12-31'),
        b('b', '2024-03-01', '2024-03-02'),
        b('c', '2024-06-01', '2024-06-02'),
      ],
      ['a', 'b', 'c'],
    ],
    [
      'cancelled ones do not count',
      [
        b('a', '2024-01-01', null),
        b('b', '2024-02-01', null, { cancelled: '2024-01-20 10:00:00' }),
      ],
      [],
    ],
    [
      'out-of-service ones do not count',
      [b('a', '2024-01-01', null), b('b', '2024-02-01', null, { booking_type: 'out_of_service' })],
      [],
    ],
    [
      'other residents do not count',
      [b('a', '2024-01-01', null), b('b', '2024-02-01', null, { service_user: 'other' })],
      [],
    ],
  ])('overlapping bookings: %s', (_label, bookings, flagged) => {
    const loaded = load({ bookings });
    const hits = allProblems(loaded).filter((p) => p.code === 'OVERLAPPING_BOOKINGS');
    expect(hits.map((p) => p.id)).toEqual(flagged);
    if (flagged.length > 0) expect(loaded.parked.map((e) => e.serviceUser)).toEqual([SU]);
  });

  const c = (id: string, start: string, end: string | null, extra: Record<string, unknown> = {}) =>
    contract({ _id: id, start_date: start, end_date: end, ...extra });
  it.each([
    [
      'overlapping, same location',
      [c('a', '2024-01-01', null), c('b', '2024-06-01', null)],
      ['a', 'b'],
    ],
    [
      'overlapping, one location null',
      [c('a', '2024-01-01', null, { location: null }), c('b', '2024-06-01', null)],
      ['a', 'b'],
    ],
    [
      'different locations',
      [c('a', '2024-01-01', null), c('b', '2024-06-01', null, { location: 'elsewhere' })],
      [],
    ],
    ['consecutive', [c('a', '2024-01-01', '2024-05-31'), c('b', '2024-06-01', null)], []],
    [
      'one cancelled',
      [c('a', '2024-01-01', null), c('b', '2024-06-01', null, { cancelled: '2024-05-01' })],
      [],
    ],
    [
      'one a contributor',
      [
        c('a', '2024-01-01', null),
        c('b', '2024-06-01', null, { fee_contribution: 5000, fee_contribution_unit: 'week' }),
      ],
      [],
    ],
    [
      'a long one spanning two other locations',
      [
        c('a', '2024-01-01', null, { location: null }),
        c('b', '2024-02-01', '2024-02-10', { location: 'x' }),
        c('d', '2024-03-01', null, { location: 'y' }),
      ],
      ['a', 'b', 'd'],
    ],
  ])('two balance payers: %s', (_label, contracts, flagged) => {
    const loaded = load({ 'billing-contracts': contracts });
    const hits = allProblems(loaded).filter((p) => p.code === 'TWO_BALANCE_PAYERS');
    expect(hits.map((p) => p.id)).toEqual(flagged);
  });
});

describe('warnings', () => {
  it.each(['=SUM(A1)', '+44 1234', '-5', '@cmd', '\tTab'])(
    'FORMULA_TEXT for a name starting %j',
    (name) => {
      const loaded = load({ rooms: [{ _id: 'r1', name }] });
      expect(codes(loaded)).toEqual([['FORMULA_TEXT', 'rooms', 'r1', 'name']]);
      expect(loaded.dataset.rooms.get('r1')).toBeDefined();
    },
  );

  it.each(['a\u0000b', 'a\u0007b', '\uFFFE', 'x\uFFFF', 'lone \uD800 high', 'lone \uDC00 low'])(
    'INVALID_TEXT for %j',
    (text) => {
      const loaded = load({
        'care-funds': [
          {
            _id: 'f1',
            service_user: SU,
            description: text,
            opening_balance: 1,
            opening_balance_date: '2024-01-01',
          },
        ],
      });
      expect(codes(loaded)).toEqual([['INVALID_TEXT', 'care-funds', 'f1', 'description']]);
    },
  );

  it('a name starting with CR is both FORMULA_TEXT and INVALID_TEXT (CR is a C0 control)', () => {
    const loaded = load({ rooms: [{ _id: 'r1', name: '\rCR' }] });
    expect(codes(loaded)).toEqual([
      ['FORMULA_TEXT', 'rooms', 'r1', 'name'],
      ['INVALID_TEXT', 'rooms', 'r1', 'name'],
    ]);
  });

  it('tabs, newlines and astral characters are fine', () => {
    const loaded = load({ rooms: [{ _id: 'r1', name: 'Rose\tRoom\n🌹' }] });
    expect(allProblems(loaded)).toEqual([]);
  });

  it('FORMULA_TEXT names the nested field', () => {
    const loaded = load({
      'location-contacts': [{ ...OCC, postal_address: { address_1: '=cmd|x', postcode: 'OX1' } }],
    });
    expect(codes(loaded)).toEqual([
      ['FORMULA_TEXT', 'location-contacts', OCC._id, 'postal_address.address_1'],
    ]);
  });

  it('NEGATIVE_OPENING_BALANCE is a warning; the fund stays', () => {
    const loaded = load({
      'care-funds': [
        {
          _id: 'f1',
          service_user: SU,
          opening_balance: '-2500',
          opening_balance_date: '2024-01-01',
        },
      ],
    });
    expect(codes(loaded)).toEqual([
      ['NEGATIVE_OPENING_BALANCE', 'care-funds', 'f1', 'opening_balance'],
    ]);
    expect(loaded.dataset.careFunds[0]?.openingBalancePence).toBe(-2500);
  });
});

describe('hostile input never throws', () => {
  it('__proto__ and constructor keys pollute nothing', () => {
    const text = `[{"_id": "${BK}", "__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "booking_type": "service_user", "service_user": "${SU}", "start_date": "2024-01-01", "rate": 1, "rate_period": "daily"}]`;
    const roomText =
      '[{"_id": "__proto__", "name": "Proto"}, {"_id": "constructor", "name": "Ctor"}]';
    const loaded = loadDataset({ bookings: text, rooms: roomText });
    expect(loaded.errors).toEqual([]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(loaded.dataset.rooms.get('__proto__')?.name).toBe('Proto');
    expect(loaded.dataset.rooms.get('constructor')?.name).toBe('Ctor');
    expect(loaded.dataset.bookings[0]?.room).toBeNull();
  });

  it('a __proto__ key as a money field name reads nothing inherited', () => {
    const loaded = loadDataset({
      bookings: `[{"_id": "b1", "service_user": "s", "start_date": "2024-01-01", "rate_period": "daily", "__proto__": {"rate": 5}}]`,
    });
    expect(codes(loaded)).toEqual([['MISSING_FIELD', 'bookings', 'b1', 'rate']]);
  });

  it('100k-character notes are ignored; a 100k-character name is TEXT_TOO_LONG', () => {
    const long = 'x'.repeat(100_000);
    const loaded = load({
      bookings: [booking({ notes: long })],
      rooms: [{ _id: '6724fbc84f73a2cebf637858', name: `=${long}` }],
    });
    // The booking's room is broken, so its resident is parked with the room's problem.
    expect(loaded.dataset.bookings).toHaveLength(0);
    const problem = loaded.parked[0]?.problems[0];
    expect(problem?.code).toBe('TEXT_TOO_LONG');
    expect(problem?.field).toBe('name');
    expect(problem?.value.length).toBe(80);
    expect(problem?.message).toContain('100,001 characters long; carebill takes at most 255');
  });

  it('deeply nested junk in any field', () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const text = `[{"_id": "b1", "service_user": "s", "start_date": ${deep}, "rate": ${deep}, "rate_period": "daily", "notes": ${deep}}]`;
    const loaded = loadDataset({ bookings: text });
    expect(codes(loaded)).toEqual([
      ['BAD_MONEY', 'bookings', 'b1', 'rate'],
      ['BAD_DATE', 'bookings', 'b1', 'start_date'],
    ]);
    expect(loaded.parked[0]?.problems[0]?.value).toBe('[…]');
  });

  it('huge arrays in list fields', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `c${i}`);
    const loaded = load({
      'billing-contracts': [
        contract({ contributes_to: many, fee_contribution: 1, fee_contribution_unit: 'day' }),
      ],
    });
    expect(loaded.parked[0]?.problems.map((p) => [p.code, p.field])).toEqual([
      ['LIST_TOO_LONG', 'contributes_to'],
    ]);
  });

  it.each([
    ['a number', '42'],
    ['true', 'true'],
    ['nested pages', '[[{"item_count": 0}]]'],
    [
      'items not a list',
      '{"item_count": 0, "items": {}, "page": 1, "page_count": 1, "per_page": 10}',
    ],
  ])('a file holding %s is a dataset error', (_label, text) => {
    const loaded = loadDataset({ bookings: text, rooms: text, 'care-funds': text });
    expect(loaded.errors.length).toBeGreaterThanOrEqual(3);
  });
});

describe('report order', () => {
  it('problems are sorted (resource, id, field); parked by resident, records without one last', () => {
    const loaded = load({
      bookings: [
        booking({ _id: 'b2', service_user: 'su-b', rate: 'x' }),
        booking({ _id: 'b1', service_user: 'su-a', start_date: 'x', rate: 'y' }),
        booking({ _id: 'b3', service_user: null, booking_type: 'block_contract', rate: 'z' }),
      ],
      'billing-contracts': [contract({ _id: 'c1', service_user: 'su-b', start_date: null })],
    });
    expect(
      loaded.parked.map((e) => [
        e.serviceUser,
        e.problems.map((p) => `${p.resource}/${p.id}/${p.field}`),
      ]),
    ).toEqual([
      ['su-a', ['bookings/b1/rate', 'bookings/b1/start_date']],
      ['su-b', ['billing-contracts/c1/start_date', 'bookings/b2/rate']],
      [null, ['bookings/b3/rate']],
    ]);
  });
});
