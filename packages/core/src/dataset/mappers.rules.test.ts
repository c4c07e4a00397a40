/**
 * The record rules of SPEC §2 and §3.3, one boundary at a time: defaults, what is
 * required of which kind of record, each limit by its period or unit, and when a warning
 * is (and is not) given.
 */
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

const BK = '6724fbca4f73a2cebf63868c';
const CT = 'c0000000000000000000000a';
const problemsOf = (records: Parameters<typeof load>[0]) =>
  allProblems(load(records)).map((p) => [p.code, p.field, p.message]);

describe('bookings', () => {
  it.each([undefined, null])(
    'a booking_type of %j is a resident’s stay, which needs a resident',
    (type) => {
      const ok = load({ bookings: [booking({ booking_type: type })] });
      expect(ok.dataset.bookings[0]?.type).toBe('service_user');
      const none = load({ bookings: [booking({ booking_type: type, service_user: null })] });
      expect(codes(none)).toEqual([['MISSING_FIELD', 'bookings', BK, 'service_user']]);
    },
  );

  it.each([
    ['cancelled', { cancelled: '2024-01-05 10:00:00' }],
    ['out of service', { booking_type: 'out_of_service', service_user: null }],
    ['with an end date', { end_date: '2024-12-31' }],
    ['not respite', { respite: false }],
  ])('no RESPITE_WITHOUT_END for a stay %s', (_label, fields) => {
    const loaded = load({ bookings: [booking({ respite: true, ...fields })] });
    expect(allProblems(loaded)).toEqual([]);
  });

  it('an out-of-service booking without rate or period is 0 a day; with them, it keeps them', () => {
    const without = load({
      bookings: [booking({ booking_type: 'out_of_service', rate: null, rate_period: null })],
    });
    expect(without.dataset.bookings[0]).toMatchObject({ ratePence: 0, ratePeriod: 'daily' });
    const given = load({ bookings: [booking({ booking_type: 'out_of_service' })] });
    expect(given.dataset.bookings[0]).toMatchObject({ ratePence: 138554, ratePeriod: 'weekly' });
  });

  it('a daily rate is limited to £10,000 a day, a weekly one to £70,000 a week', () => {
    expect(problemsOf({ bookings: [booking({ rate: 1_000_000, rate_period: 'daily' })] })).toEqual(
      [],
    );
    expect(problemsOf({ bookings: [booking({ rate: 7_000_000, rate_period: 'weekly' })] })).toEqual(
      [],
    );
    expect(problemsOf({ bookings: [booking({ rate: 1_000_001, rate_period: 'daily' })] })).toEqual([
      [
        'MONEY_OUT_OF_RANGE',
        'rate',
        'rate is 1000001 pence (£10,000.01), beyond the largest daily rate carebill accepts, £10,000.00 (1000000 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
      ],
    ]);
  });

  it('with an unknown period, the rate is held to the weekly limit', () => {
    const within = problemsOf({ bookings: [booking({ rate: 7_000_000, rate_period: 'monthly' })] });
    expect(within.map(([code]) => code)).toEqual(['UNKNOWN_RATE_PERIOD']);
    const beyond = problemsOf({ bookings: [booking({ rate: 7_000_001, rate_period: 'monthly' })] });
    expect(beyond.map(([code]) => code)).toEqual(['MONEY_OUT_OF_RANGE', 'UNKNOWN_RATE_PERIOD']);
    expect(beyond[0]?.[2]).toContain('beyond the largest weekly rate');
  });
});

describe('billing contracts', () => {
  it('a balance payer needs no unit: "" and null are no unit, and the contract reads week', () => {
    for (const unit of ['', null]) {
      const loaded = load({ 'billing-contracts': [contract({ fee_contribution_unit: unit })] });
      expect(allProblems(loaded)).toEqual([]);
      expect(loaded.dataset.contracts[0]?.feeContributionUnit).toBe('week');
    }
  });

  it('a contribution needs its unit: "" is missing', () => {
    const loaded = load({
      'billing-contracts': [contract({ fee_contribution: 100, fee_contribution_unit: '' })],
    });
    expect(codes(loaded)).toEqual([
      ['MISSING_FIELD', 'billing-contracts', CT, 'fee_contribution_unit'],
    ]);
  });

  it.each([
    ['day', 1_000_000, []],
    ['week', 7_000_000, []],
    [
      'day',
      1_000_001,
      [
        'fee_contribution is 1000001 pence (£10,000.01), beyond the largest contribution a day carebill accepts, £10,000.00 (1000000 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
      ],
    ],
    [
      'week',
      -7_000_001,
      [
        'fee_contribution is -7000001 pence (-£70,000.01), beyond the largest contribution a week carebill accepts, £70,000.00 (7000000 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
      ],
    ],
  ])('a contribution a %s of %d pence', (unit, fee, messages) => {
    const loaded = load({
      'billing-contracts': [contract({ fee_contribution: fee, fee_contribution_unit: unit })],
    });
    expect(allProblems(loaded).map((p) => p.message)).toEqual(messages);
    if (messages.length === 0) expect(loaded.dataset.contracts[0]?.feeContributionPence).toBe(fee);
  });

  it('a contribution without its unit is held to the weekly limit', () => {
    const loaded = load({ 'billing-contracts': [contract({ fee_contribution: 7_000_001 })] });
    expect(allProblems(loaded).map((p) => [p.code, p.field])).toEqual([
      ['MONEY_OUT_OF_RANGE', 'fee_contribution'],
      ['MISSING_FIELD', 'fee_contribution_unit'],
    ]);
    expect(allProblems(loaded)[0]?.message).toContain('the largest contribution a week');
  });

  it('payer fields that are "" name no payer', () => {
    const loaded = load({
      'billing-contracts': [
        contract({ service_user: '', location_contact: '', service_user_contact: '' }),
      ],
    });
    expect(codes(loaded)).toEqual([['MISSING_FIELD', 'billing-contracts', CT, 'service_user']]);
  });

  it('a parent whose fee_contribution is set but wrong is BAD_MONEY, not also missing', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'p',
          fee_contribution: '12.50',
          fee_contribution_unit: 'week',
          contributes_to: ['q'],
        }),
        contract({ _id: 'q', fee_contribution: 100, fee_contribution_unit: 'week' }),
      ],
    });
    expect(codes(loaded)).toEqual([['BAD_MONEY', 'billing-contracts', 'p', 'fee_contribution']]);
  });

  it('a parent with its fee_contribution, listing others, is fine', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          _id: 'p',
          fee_contribution: 500,
          fee_contribution_unit: 'week',
          contributes_to: ['q'],
        }),
        contract({ _id: 'q', fee_contribution: 100, fee_contribution_unit: 'week' }),
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.contracts.map((c) => [c.id, c.contributesTo])).toEqual([
      ['p', ['q']],
      ['q', []],
    ]);
  });

  it('carries its texts trimmed, and its care fund', () => {
    const loaded = load({
      'billing-contracts': [
        contract({
          contribution_type: ' Top-up ',
          invoice_ref: ' PO 7 ',
          line_item_description: ` ${'d'.repeat(1998)} `,
          care_fund: 'f1',
        }),
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.contracts[0]).toMatchObject({
      contributionType: 'Top-up',
      invoiceRef: 'PO 7',
      lineItemDescription: 'd'.repeat(1998),
      careFund: 'f1',
      location: LOC,
      serviceUser: SU,
    });
  });
});

describe('care funds', () => {
  const fund = (opening_balance: unknown) => ({
    _id: 'f1',
    service_user: SU,
    opening_balance,
    opening_balance_date: '2024-01-01',
    care_fund_type: 't1',
    description: ' Savings account ',
  });

  it('an opening balance of 0 is no warning; a penny below is NEGATIVE_OPENING_BALANCE', () => {
    expect(allProblems(load({ 'care-funds': [fund(0)] }))).toEqual([]);
    expect(codes(load({ 'care-funds': [fund(-1)] }))).toEqual([
      ['NEGATIVE_OPENING_BALANCE', 'care-funds', 'f1', 'opening_balance'],
    ]);
    expect(load({ 'care-funds': [fund(-1)] }).dataset.careFunds[0]).toMatchObject({
      openingBalancePence: -1,
      careFundType: 't1',
      description: 'Savings account',
    });
  });
});

describe('people', () => {
  it('a display name: company (a location contact’s only), else full name, else account code, else the id', () => {
    const loaded = load({
      'location-contacts': [
        { _id: 'la1', company_name: ' Council ', first_name: 'Ann' },
        { _id: 'la2', company_name: '', account_code: 'ACC2' },
        { _id: 'la3' },
      ],
      'service-user-contacts': [
        { _id: 'suc1', service_user: SU, company_name: 'Not Used Ltd', first_name: 'Abbey' },
      ],
      'service-users': [{ _id: SU, company_name: 'Not Used Ltd', account_code: 'AW1' }],
    });
    expect(allProblems(loaded)).toEqual([]);
    const { locationContacts, serviceUserContacts, serviceUsers } = loaded.dataset;
    expect([...locationContacts.values()].map((c) => [c.displayName, c.companyName])).toEqual([
      ['Council', 'Council'],
      ['ACC2', ''],
      ['la3', ''],
    ]);
    expect(serviceUserContacts.get('suc1')).toMatchObject({
      displayName: 'Abbey',
      companyName: '',
    });
    expect(serviceUsers.get(SU)).toMatchObject({ displayName: 'AW1', companyName: '' });
  });

  it('initials are the first letters, upper-cased, astral ones whole', () => {
    const loaded = load({
      'service-users': [{ _id: SU, first_name: 'émile', last_name: '𝒜da' }],
    });
    expect(loaded.dataset.serviceUsers.get(SU)?.initials).toBe('É𝒜');
  });

  it('an address of empty parts is no address; a set part keeps the others as ""', () => {
    const loaded = load({
      'location-contacts': [
        { _id: 'la1', postal_address: { address_1: ' ', town: '' } },
        { _id: 'la2', postal_address: { town: ' Oxford ' } },
      ],
    });
    expect(loaded.dataset.locationContacts.get('la1')?.postalAddress).toBeNull();
    expect(loaded.dataset.locationContacts.get('la2')?.postalAddress).toEqual({
      address1: '',
      address2: '',
      town: 'Oxford',
      county: '',
      postcode: '',
      country: '',
    });
  });

  it('no id fields (null or []) means the full name; consolidating is a location contact’s only', () => {
    const loaded = load({
      'service-user-contacts': [
        {
          _id: 'suc1',
          service_user: SU,
          invoices_service_user_id_fields: [],
          billing_consolidate_invoices: true,
        },
      ],
      'location-contacts': [{ _id: 'la1', billing_consolidate_invoices: true }],
    });
    expect(loaded.dataset.serviceUserContacts.get('suc1')).toMatchObject({
      idFields: ['full_name'],
      consolidateInvoices: false,
    });
    expect(loaded.dataset.locationContacts.get('la1')).toMatchObject({
      idFields: ['full_name'],
      consolidateInvoices: true,
    });
  });
});

describe('homes and fund types', () => {
  it('payment instructions by method: only those given, trimmed', () => {
    const loaded = load({
      locations: [
        {
          _id: LOC,
          invoice_payment_instructions: ' Pay us ',
          invoice_payment_instructions_bac: ' Sort code 00-00-00 ',
          invoice_payment_instructions_card: '  ',
        },
      ],
    });
    expect(loaded.dataset.locations.get(LOC)).toMatchObject({
      paymentInstructions: 'Pay us',
      paymentInstructionsByMethod: { bac: 'Sort code 00-00-00' },
    });
  });

  it('days_before_notification null is the runway’s default (null)', () => {
    const loaded = load({ 'care-fund-types': [{ _id: 't1', days_before_notification: null }] });
    expect(loaded.dataset.careFundTypes.get('t1')?.daysBeforeNotification).toBeNull();
  });
});

describe('timestamps and date order on every resource', () => {
  const records: [string, Record<string, unknown>][] = [
    ['bookings', booking()],
    ['billing-contracts', contract()],
    [
      'care-funds',
      { _id: 'f1', service_user: SU, opening_balance: 1, opening_balance_date: '2024-01-01' },
    ],
    ['service-users', { _id: SU }],
    ['service-user-contacts', { _id: 'suc1', service_user: SU }],
    ['location-contacts', { _id: 'la1' }],
    ['locations', { _id: LOC }],
    ['rooms', { _id: 'r1' }],
    ['care-fund-types', { _id: 't1' }],
  ];

  it.each(records)(
    '%s: a malformed created or modified is a BAD_TIMESTAMP warning',
    (resource, record) => {
      const loaded = load({
        [resource]: [{ ...record, created: 'then', modified: '2024-11-01T10:00' }],
      });
      expect(allProblems(loaded).map((p) => [p.severity, p.code, p.field])).toEqual([
        ['warning', 'BAD_TIMESTAMP', 'created'],
        ['warning', 'BAD_TIMESTAMP', 'modified'],
      ]);
    },
  );

  it('a contract ending before it starts is END_BEFORE_START, naming both dates', () => {
    expect(problemsOf({ 'billing-contracts': [contract({ end_date: '2023-12-31' })] })).toEqual([
      [
        'END_BEFORE_START',
        'end_date',
        'end_date 2023-12-31 is before start_date 2024-01-01; correct one of the dates (the end is the last day, included)',
      ],
    ]);
  });

  it('a cancelled contract is cancelled; a malformed cancelled is BAD_DATE', () => {
    const ok = load({ 'billing-contracts': [contract({ cancelled: '2024-02-01 09:00:00' })] });
    expect(ok.dataset.contracts[0]?.cancelled).toBe(true);
    expect(codes(load({ 'billing-contracts': [contract({ cancelled: 'yes' })] }))).toEqual([
      ['BAD_DATE', 'billing-contracts', CT, 'cancelled'],
    ]);
  });

  it('an opening balance over its limit names the limit', () => {
    expect(
      problemsOf({
        'care-funds': [
          {
            _id: 'f1',
            service_user: SU,
            opening_balance: -1_000_000_001,
            opening_balance_date: '2024-01-01',
          },
        ],
      }),
    ).toEqual([
      [
        'MONEY_OUT_OF_RANGE',
        'opening_balance',
        'opening_balance is -1000000001 pence (-£10,000,000.01), beyond the largest opening balance carebill accepts, £10,000,000.00 (1000000000 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
      ],
    ]);
  });
});
