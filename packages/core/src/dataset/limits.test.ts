import { describe, expect, it } from 'vitest';
import { booking, codes, contract, load, SU } from '../../test/dataset-helpers.js';
import { monthOffset, parseDay } from '../calendar/day.js';
import { buildPreview } from '../invoices/preview.js';
import { projectRunway } from '../runway/project.js';
import {
  FIRST_DAY,
  LAST_DAY,
  MAX_CONTRACTS_PER_RESIDENT,
  MAX_DAILY_PENCE,
  MAX_DAYS_BEFORE_NOTIFICATION,
  MAX_DUE_DAYS,
  MAX_ID_LENGTH,
  MAX_LIST_ITEMS,
  MAX_LONG_TEXT_LENGTH,
  MAX_OPENING_BALANCE_PENCE,
  MAX_PERIOD_DAYS,
  MAX_RATE_PENCE,
  MAX_RECORDS_PER_FILE,
  MAX_RUNWAY_MONTHS,
  MAX_TEXT_LENGTH,
  MAX_UPLIFT_PERCENT,
} from './limits.js';
import { loadDataset } from './load.js';
import { tooManyRecords } from './volume.js';

const SAFE = Number.MAX_SAFE_INTEGER;

describe('the limits keep every amount below 2^53 pence', () => {
  // The worst case, worked from the limits (docs/input.md "Limits" shows the numbers).
  const horizonYear = monthOffset(LAST_DAY, MAX_RUNWAY_MONTHS).year;
  const uplifts = horizonYear - 2199 + 1; // uplift days after T = 31 Dec 2199, to the horizon
  const upliftFactor = (1 + MAX_UPLIFT_PERCENT / 100) ** uplifts;
  const daysBeforeT = LAST_DAY - FIRST_DAY + 1;
  let upliftedYears = 0;
  for (let k = 1; k <= uplifts; k++) upliftedYears += 366 * (1 + MAX_UPLIFT_PERCENT / 100) ** k;
  /** What one booking or contract can draw from the first date to the longest horizon. */
  const perRecord = MAX_DAILY_PENCE * (daysBeforeT + upliftedYears + 366);

  it('no horizon, due date or notice date leaves the years the limits allow', () => {
    expect(horizonYear).toBe(2249);
    const dueYear = monthOffset((LAST_DAY + MAX_PERIOD_DAYS + MAX_DUE_DAYS) as never, 0).year;
    expect(dueYear).toBeLessThan(9999);
    expect(FIRST_DAY - MAX_DAYS_BEFORE_NOTIFICATION).toBeGreaterThan(parseDay('0001-01-01') ?? 0);
  });

  it('one uplifted weekly rate times the days of a segment is exact', () => {
    const rate = MAX_RATE_PENCE.weekly * upliftFactor;
    expect(rate * 366).toBeLessThan(SAFE);
    expect(MAX_RATE_PENCE.weekly * (LAST_DAY + MAX_PERIOD_DAYS - FIRST_DAY)).toBeLessThan(SAFE);
  });

  it("a fund's draw: every contract of its resident and the fee, over the longest horizon", () => {
    expect(perRecord * (MAX_CONTRACTS_PER_RESIDENT + 1)).toBeLessThan(SAFE);
  });

  it("a group's preview totals and a resident's balances", () => {
    const perBookingPeriod = MAX_DAILY_PENCE * MAX_PERIOD_DAYS;
    // fees + every contract share + unallocated, over full files of bookings and contracts
    expect(3 * MAX_RECORDS_PER_FILE * perBookingPeriod).toBeLessThan(SAFE);
    expect(MAX_RECORDS_PER_FILE * MAX_OPENING_BALANCE_PENCE).toBeLessThan(SAFE);
  });

  it('a dataset at every limit bills and projects without an inexact amount', () => {
    const contracts = Array.from({ length: MAX_CONTRACTS_PER_RESIDENT }, (_, i) =>
      contract({
        _id: `c${String(i).padStart(3, '0')}`,
        start_date: '1900-01-01',
        fee_contribution: MAX_RATE_PENCE.weekly,
        fee_contribution_unit: 'week',
        care_fund: 'f1',
      }),
    );
    const loaded = load({
      'service-users': [{ _id: SU }, { _id: 'su2' }],
      bookings: [
        booking({ start_date: '1900-01-01', rate: MAX_RATE_PENCE.weekly }),
        booking({
          _id: 'b2',
          service_user: 'su2',
          start_date: '1900-01-01',
          rate: MAX_RATE_PENCE.daily,
          rate_period: 'daily',
        }),
      ],
      'billing-contracts': contracts,
      'care-funds': [
        { _id: 'f1', service_user: SU, opening_balance: MAX_OPENING_BALANCE_PENCE },
        { _id: 'f2', service_user: 'su2', opening_balance: -MAX_OPENING_BALANCE_PENCE },
        { _id: 'f3', service_user: 'su2', opening_balance: MAX_OPENING_BALANCE_PENCE },
      ].map((f) => ({ ...f, opening_balance_date: '1900-01-01' })),
    });
    expect(loaded.errors).toEqual([]);
    expect(loaded.parked).toEqual([]);
    const runway = projectRunway(loaded, {
      asOf: LAST_DAY,
      months: MAX_RUNWAY_MONTHS,
      uplift: { percent: String(MAX_UPLIFT_PERCENT) },
    });
    expect(runway.funds).toHaveLength(3);
    for (const fund of runway.funds) {
      for (const m of fund.monthly) expect(Number.isSafeInteger(m.closingBalancePence)).toBe(true);
    }
    const preview = buildPreview(loaded, {
      period: { from: (LAST_DAY - MAX_PERIOD_DAYS + 1) as never, to: LAST_DAY },
      dueDays: MAX_DUE_DAYS,
    });
    expect(preview.totals.feesPence).toBe(2 * MAX_DAILY_PENCE * MAX_PERIOD_DAYS);
  });
});

describe('values over their limits are record problems', () => {
  const one = (records: Parameters<typeof load>[0]) =>
    codes(load(records)).filter(([code]) => code !== 'UNKNOWN_REFERENCE');

  it.each([
    ['daily', MAX_RATE_PENCE.daily],
    ['weekly', MAX_RATE_PENCE.weekly],
  ])(
    'a %s rate: the limit passes, a penny more (either sign) is MONEY_OUT_OF_RANGE',
    (period, max) => {
      expect(one({ bookings: [booking({ rate_period: period, rate: max })] })).toEqual([]);
      expect(one({ bookings: [booking({ rate_period: period, rate: -max })] })).toEqual([]);
      for (const rate of [max + 1, -(max + 1), 10 ** 15, String(10 ** 15)]) {
        const loaded = load({ bookings: [booking({ rate_period: period, rate })] });
        expect(codes(loaded)).toEqual([
          ['MONEY_OUT_OF_RANGE', 'bookings', '6724fbca4f73a2cebf63868c', 'rate'],
        ]);
        expect(loaded.parked[0]?.serviceUser).toBe(SU);
      }
    },
  );

  it('the rate of 10^15 pence from the issue names its record, field and fix', () => {
    const loaded = load({ bookings: [booking({ rate: 10 ** 15 })] });
    const problem = loaded.parked[0]?.problems[0];
    expect(problem?.message).toBe(
      'rate is 1000000000000000 pence (£10,000,000,000,000.00), beyond the largest weekly rate carebill accepts, £70,000.00 (7000000 pence) either way; money is in pence (138554 for £1,385.54): correct it in CareHQ',
    );
    expect(problem?.value).toBe('1000000000000000');
  });

  it('a contribution by its unit, and an opening balance', () => {
    const fee = (fee_contribution: number, fee_contribution_unit: string) =>
      one({ 'billing-contracts': [contract({ fee_contribution, fee_contribution_unit })] });
    expect(fee(MAX_RATE_PENCE.daily, 'day')).toEqual([]);
    expect(fee(MAX_RATE_PENCE.daily + 1, 'day')[0]?.[0]).toBe('MONEY_OUT_OF_RANGE');
    expect(fee(MAX_RATE_PENCE.weekly, 'week')).toEqual([]);
    expect(fee(MAX_RATE_PENCE.weekly + 1, 'week')[0]?.[3]).toBe('fee_contribution');
    const fund = (opening_balance: number) =>
      one({
        'care-funds': [
          { _id: 'f1', service_user: SU, opening_balance, opening_balance_date: '2024-01-01' },
        ],
      });
    expect(fund(MAX_OPENING_BALANCE_PENCE)).toEqual([]);
    expect(fund(MAX_OPENING_BALANCE_PENCE + 1)).toEqual([
      ['MONEY_OUT_OF_RANGE', 'care-funds', 'f1', 'opening_balance'],
    ]);
  });

  it('dates outside 1900–2199 are BAD_DATE; days_before_notification up to 10 years', () => {
    expect(
      one({ bookings: [booking({ start_date: '1900-01-01', end_date: '2199-12-31' })] }),
    ).toEqual([]);
    const loaded = load({
      bookings: [booking({ start_date: '1899-12-31', end_date: '2200-01-01' })],
    });
    expect(codes(loaded).map(([code, , , field]) => [code, field])).toEqual([
      ['BAD_DATE', 'end_date'],
      ['BAD_DATE', 'start_date'],
    ]);
    expect(loaded.parked[0]?.problems[1]?.message).toBe(
      'start_date 1899-12-31 is outside the dates carebill accepts, 1900-01-01 to 2199-12-31; correct the year in CareHQ',
    );
    const type = (days: number) =>
      one({ 'care-fund-types': [{ _id: 't1', days_before_notification: days }] });
    expect(type(MAX_DAYS_BEFORE_NOTIFICATION)).toEqual([]);
    expect(type(MAX_DAYS_BEFORE_NOTIFICATION + 1)).toEqual([
      ['BAD_VALUE', 'care-fund-types', 't1', 'days_before_notification'],
    ]);
  });

  it('text, long text, ids and lists over their lengths', () => {
    const name = (n: number) => one({ 'service-users': [{ _id: SU, last_name: 'x'.repeat(n) }] });
    expect(name(MAX_TEXT_LENGTH)).toEqual([]);
    expect(name(MAX_TEXT_LENGTH + 1)).toEqual([
      ['TEXT_TOO_LONG', 'service-users', SU, 'last_name'],
    ]);
    const instructions = (n: number) =>
      one({ locations: [{ _id: 'l1', invoice_payment_instructions_bac: 'x'.repeat(n) }] });
    expect(instructions(MAX_LONG_TEXT_LENGTH)).toEqual([]);
    expect(instructions(MAX_LONG_TEXT_LENGTH + 1)[0]?.[0]).toBe('TEXT_TOO_LONG');
    const address = one({
      'location-contacts': [{ _id: 'lc', postal_address: { town: 'y'.repeat(300) } }],
    });
    expect(address).toEqual([['TEXT_TOO_LONG', 'location-contacts', 'lc', 'postal_address.town']]);

    const longId = 'i'.repeat(MAX_ID_LENGTH + 1);
    const loaded = load({
      rooms: [{ _id: longId, name: 'Rose' }],
      bookings: [booking({ room: longId })],
    });
    expect(codes(loaded)).toEqual([
      ['TEXT_TOO_LONG', 'bookings', '6724fbca4f73a2cebf63868c', 'room'],
      ['TEXT_TOO_LONG', 'rooms', '#0', '_id'],
    ]);
    const emails = Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `a${i}@example.org`);
    expect(one({ 'service-users': [{ _id: SU, email_invoices_to: emails }] })).toEqual([
      ['LIST_TOO_LONG', 'service-users', SU, 'email_invoices_to'],
    ]);
    expect(one({ 'service-users': [{ _id: SU, email_invoices_to: emails.slice(1) }] })).toEqual([]);
  });

  it('a resident with more contracts than the limit is parked, named on the first one past it', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) =>
        contract({
          _id: `c${String(i).padStart(3, '0')}`,
          fee_contribution: 100,
          fee_contribution_unit: 'week',
          location_contact: 'la',
        }),
      );
    expect(load({ 'billing-contracts': many(MAX_CONTRACTS_PER_RESIDENT) }).parked).toEqual([]);
    const loaded = load({ 'billing-contracts': many(MAX_CONTRACTS_PER_RESIDENT + 1) });
    expect(loaded.parked.map((e) => e.serviceUser)).toEqual([SU]);
    expect(codes(loaded)).toEqual([
      ['TOO_MANY_CONTRACTS', 'billing-contracts', `c${MAX_CONTRACTS_PER_RESIDENT}`, 'service_user'],
    ]);
  });

  it('a file of more records than the limit is a dataset error naming the file, the count and the fix', () => {
    expect(tooManyRecords('rooms', MAX_RECORDS_PER_FILE)).toBeNull();
    expect(tooManyRecords('rooms', MAX_RECORDS_PER_FILE + 1)).toEqual({
      severity: 'dataset',
      code: 'TOO_MANY_RECORDS',
      resource: 'rooms',
      id: '',
      field: '',
      value: '1000001',
      message:
        'rooms.json holds 1,000,001 records; carebill reads at most 1,000,000 a file, so split the dataset (one folder per group of homes)',
    });
  });

  it('the loader reads no record of a file over the limit', () => {
    // Parsed records rather than text: the count is checked once either is read, and
    // scanning a million records' text takes minutes under mutation testing.
    const rooms = Array.from({ length: MAX_RECORDS_PER_FILE + 1 }, () => ({}));
    const loaded = loadDataset({ bookings: '[]', rooms });
    expect(loaded.errors.map((p) => [p.code, p.resource, p.value])).toEqual([
      ['TOO_MANY_RECORDS', 'rooms', String(MAX_RECORDS_PER_FILE + 1)],
    ]);
    expect(loaded.parked).toEqual([]);
  });
});
