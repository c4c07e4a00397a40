/**
 * Record rules of SPEC §2.1 and §3.3 pinned one boundary at a time (issue #18, the
 * dataset-records mutation module): what a reference to a missing record says, what a
 * room and a contract may name, and which pairs of stays and balance payers share a day.
 */
import { describe, expect, it } from 'vitest';
import {
  allProblems,
  booking,
  codes,
  contract,
  LOC,
  load,
  pairedWith,
  SU,
} from '../../test/dataset-helpers.js';

describe('a reference to an id that does not exist names the record it should be', () => {
  const BK = '6724fbca4f73a2cebf63868c';
  const CT = 'c0000000000000000000000a';
  const fund = {
    _id: 'f1',
    service_user: SU,
    opening_balance: 1,
    opening_balance_date: '2024-01-01',
  };
  it.each([
    [
      'a stay’s resident',
      { bookings: [booking({ service_user: 'x' })], 'service-users': [] },
      [BK, 'service_user', 'service user', 'service-users'],
    ],
    [
      'a stay’s room',
      { bookings: [booking({ room: 'x' })], rooms: [] },
      [BK, 'room', 'room', 'rooms'],
    ],
    [
      'a contract’s location contact',
      { 'billing-contracts': [contract({ location_contact: 'x' })], 'location-contacts': [] },
      [CT, 'location_contact', 'location contact', 'location-contacts'],
    ],
    [
      'a contract’s service user contact',
      {
        'billing-contracts': [contract({ service_user_contact: 'x' })],
        'service-user-contacts': [],
      },
      [CT, 'service_user_contact', 'service user contact', 'service-user-contacts'],
    ],
    [
      'a contract’s care fund',
      { 'billing-contracts': [contract({ care_fund: 'x' })], 'care-funds': [] },
      [CT, 'care_fund', 'care fund', 'care-funds'],
    ],
    [
      'a fund’s type',
      { 'care-funds': [{ ...fund, care_fund_type: 'x' }], 'care-fund-types': [] },
      ['f1', 'care_fund_type', 'care fund type', 'care-fund-types'],
    ],
  ])('%s', (_label, records, [id, field, noun, file]) => {
    expect(allProblems(load(records)).map((p) => [p.code, p.id, p.field, p.message])).toEqual([
      [
        'UNKNOWN_REFERENCE',
        id,
        field,
        `${field} names ${noun} "x", which is not in ${file}.json; correct the id or add the ${noun} to the export`,
      ],
    ]);
  });
});

describe('rooms', () => {
  it('a room keeps the home it names, even one not in locations.json (no invoice changes)', () => {
    const loaded = load({
      rooms: [
        { _id: 'r1', name: 'Room 1', location: LOC },
        { _id: 'r2', name: 'Room 2', location: 'elsewhere' },
        { _id: 'r3', name: 'Room 3' },
      ],
      locations: [{ _id: LOC }],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect([...loaded.dataset.rooms.values()]).toEqual([
      { id: 'r1', name: 'Room 1', location: LOC },
      { id: 'r2', name: 'Room 2', location: 'elsewhere' },
      { id: 'r3', name: 'Room 3', location: null },
    ]);
  });
});

describe('who a contract names as payer', () => {
  it('a contract naming only a service user contact has a payer: that contact', () => {
    const loaded = load({
      'billing-contracts': [contract({ service_user: null, service_user_contact: 'fam' })],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.contracts[0]?.payer).toEqual({
      kind: 'service_user_contact',
      id: 'fam',
    });
  });

  it('a contract naming only a location contact has a payer: that contact', () => {
    const loaded = load({
      'billing-contracts': [contract({ service_user: null, location_contact: 'la' })],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.contracts[0]?.payer).toEqual({ kind: 'location_contact', id: 'la' });
  });
});

describe('two live balance payers share a day', () => {
  const c = (id: string, start: string, end: string | null, extra: Record<string, unknown> = {}) =>
    contract({ _id: id, start_date: start, end_date: end, ...extra });

  it('one starting on the last day of the other shares that day (the end is included)', () => {
    const loaded = load({
      'billing-contracts': [c('a', '2024-01-01', '2024-05-31'), c('b', '2024-05-31', null)],
    });
    expect(codes(loaded)).toEqual([
      ['TWO_BALANCE_PAYERS', 'billing-contracts', 'a', 'fee_contribution'],
      ['TWO_BALANCE_PAYERS', 'billing-contracts', 'b', 'fee_contribution'],
    ]);
    expect(allProblems(loaded)[0]?.message).toContain('for the same resident from 2024-05-31;');
  });

  // [the first two's location, the third's]: undefined keeps the fixture's home.
  it.each([
    ['at one location', undefined, undefined],
    ['with no location', null, null],
    ['a third at a location, the two before at none', null, undefined],
  ])(
    '%s, a third overlapping two that end together is paired with the first of them',
    (_, two, third) => {
      const at = (location: null | undefined) => (location === undefined ? {} : { location });
      const loaded = load({
        'billing-contracts': [
          c('a', '2024-01-01', '2024-06-30', at(two)),
          c('b', '2024-02-01', '2024-06-30', at(two)),
          c('c', '2024-03-01', '2024-03-10', at(third)),
        ],
      });
      expect(pairedWith(loaded, /contract (\w+) both/)).toEqual([
        ['a', 'b'],
        ['b', 'a'],
        ['c', 'a'],
      ]);
    },
  );
});

describe('overlapping live stays of one resident', () => {
  const b = (id: string, start: string, end: string | null) =>
    booking({ _id: id, start_date: start, end_date: end });

  it('a third stay overlapping two that end together is paired with the first of them', () => {
    const loaded = load({
      bookings: [
        b('a', '2024-01-01', '2024-06-30'),
        b('b', '2024-02-01', '2024-06-30'),
        b('c', '2024-03-01', '2024-03-10'),
      ],
    });
    expect(pairedWith(loaded, /overlaps booking (\w+)/)).toEqual([
      ['a', 'b'],
      ['b', 'a'],
      ['c', 'a'],
    ]);
  });
});

describe('people: every field read, text trimmed (SPEC §2)', () => {
  it('a resident paying for themself: each field from its own CareHQ field', () => {
    const loaded = load({
      'service-users': [
        {
          _id: SU,
          title: ' Mr ',
          first_name: ' Arthur ',
          last_name: ' Pennington ',
          initials: ' AJP ',
          account_code: ' AP01 ',
          nhs_number: ' 943 476 5919 ',
          patient_id: ' P-77 ',
          ref: ' R12 ',
          email: ' arthur@example.org ',
          phone: ' 01865 000000 ',
          billing_enabled: true,
          future_billing_disabled: true,
          payment_method: 'cheque',
          has_direct_debit_mandate: true,
          billing_comms_preference: ['email', 'do_not_send'],
          email_invoices_to: [' a@example.org ', 'b@example.org'],
          large_print_requested_for_billing: true,
          invoices_service_user_id_fields: ['patient_id', 'ref'],
          postal_address: { address_2: ' Flat 2 ', county: ' Oxon ' },
        },
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.serviceUsers.get(SU)).toEqual({
      kind: 'service_user',
      id: SU,
      displayName: 'Arthur Pennington',
      title: 'Mr',
      firstName: 'Arthur',
      lastName: 'Pennington',
      companyName: '',
      accountCode: 'AP01',
      billingEnabled: true,
      futureBillingDisabled: true,
      paymentMethod: 'cheque',
      hasDirectDebitMandate: true,
      commsPreference: ['email', 'do_not_send'],
      email: 'arthur@example.org',
      emailInvoicesTo: ['a@example.org', 'b@example.org'],
      postalAddress: {
        address1: '',
        address2: 'Flat 2',
        town: '',
        county: 'Oxon',
        postcode: '',
        country: '',
      },
      phone: '01865 000000',
      largePrint: true,
      consolidateInvoices: false,
      idFields: ['patient_id', 'ref'],
      fullName: 'Arthur Pennington',
      initials: 'AJP',
      nhsNumber: '943 476 5919',
      patientId: 'P-77',
      ref: 'R12',
      parked: false,
    });
  });

  it('a service user contact: its resident and relationship; without a resident it is parked, kept with ""', () => {
    const loaded = load({
      'service-user-contacts': [
        { _id: 'fam', service_user: SU, relationship: ' Son ', payment_method: 'standing_order' },
        { _id: 'lost', first_name: 'Pat' },
      ],
    });
    expect(allProblems(loaded).map((p) => [p.code, p.id, p.field, p.message])).toEqual([
      [
        'MISSING_FIELD',
        'lost',
        'service_user',
        'service_user is required: set the _id of the resident this contact belongs to',
      ],
    ]);
    const { serviceUserContacts } = loaded.dataset;
    expect(serviceUserContacts.get('fam')).toMatchObject({
      serviceUser: SU,
      relationship: 'Son',
      paymentMethod: 'standing_order',
      parked: false,
    });
    expect(serviceUserContacts.get('lost')).toMatchObject({
      serviceUser: '',
      displayName: 'Pat',
      parked: true,
    });
  });

  it('a location contact: the homes it serves, as given (not checked against locations.json)', () => {
    const loaded = load({
      'location-contacts': [
        {
          _id: 'la',
          company_name: 'Council',
          locations: [LOC, ' elsewhere '],
          payment_method: 'cash',
        },
      ],
      locations: [{ _id: LOC }],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.locationContacts.get('la')).toMatchObject({
      locations: [LOC, 'elsewhere'],
      paymentMethod: 'cash',
      parked: false,
    });
  });
});

describe('block beds belong to no resident', () => {
  it('block-contract stays without a resident may overlap (each is a bed the home sold)', () => {
    const loaded = load({
      bookings: [
        booking({ _id: 'b1', booking_type: 'block_contract', service_user: null }),
        booking({ _id: 'b2', booking_type: 'block_contract', service_user: null }),
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.bookings.map((b) => b.id)).toEqual(['b1', 'b2']);
  });

  it('block-bed contracts without a resident are no TWO_BALANCE_PAYERS', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'k1',
          service_user: null,
          location_contact: 'la',
          contribution_type: 'block_bed',
        }),
        contract({
          _id: 'k2',
          service_user: null,
          location_contact: 'la',
          contribution_type: 'block_bed',
        }),
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.contracts.map((c) => c.id)).toEqual(['k1', 'k2']);
  });
});
