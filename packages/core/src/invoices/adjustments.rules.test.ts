/**
 * SPEC §10 "The comparison" and "Where they go", rule by rule: which adjustments are made,
 * what `was` is when several issued previews speak of one period, what an adjustment line
 * says, which invoice it joins and in what order, and when it waits. The worked numbers of
 * §10 are in adjustments.test.ts; reading issued previews in issued.rules.test.ts.
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
  room,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import { type DayRange, monthPeriod } from '../calendar/range.js';
import { createChargeContext } from '../charges/context.js';
import type { Booking, Dataset } from '../dataset/model.js';
import { adjustmentDescription, compareIssued } from './adjustments.js';
import { issuedFromPreview } from './issued.js';
import { buildPreview } from './preview.js';
import type { IssuedPreview, Preview } from './types.js';

const SEP = monthPeriod(2024, 9);
const OCT = monthPeriod(2024, 10);
const NOV = monthPeriod(2024, 11);
const DEC = monthPeriod(2024, 12);
const JAN = monthPeriod(2025, 1);

const preview = (
  data: Dataset,
  period: DayRange,
  invoiced: readonly IssuedPreview[] = [],
  parked: string[] = [],
): Preview => buildPreview(loaded(data, parked), { period, invoiced });
const issue = (p: Preview) => issuedFromPreview(p);
const adjustmentLines = (p: Preview) =>
  p.invoices.flatMap((invoice) => invoice.lines.filter((line) => line.adjusts !== null));

/**
 * Ann Ash at £1,385.54 a week from 1 September 2024, the council her balance payer; `ann`
 * changes her booking, `more` adds records.
 */
function ann(
  fields: Partial<Booking> = {},
  more: { contracts?: Dataset['contracts']; bookings?: Booking[] } = {},
): Dataset {
  return dataset({
    locations: [location('loc1')],
    serviceUsers: [serviceUser('ann', { firstName: 'Ann', lastName: 'Ash' })],
    bookings: [
      booking({ id: 'b-ann', serviceUser: 'ann', startDate: d('2024-09-01'), ...fields }),
      ...(more.bookings ?? []),
    ],
    contracts: [contract({ id: 'c-ann', serviceUser: 'ann' }), ...(more.contracts ?? [])],
  });
}

describe('SPEC §10 The comparison: was(k) is the period’s own lines plus every issued adjustment of it', () => {
  it('an adjustment’s “invoiced … for N days” quotes the days of the latest issued line, whatever order the previews are given in', () => {
    // Fees anchored at 1 September: Cum(n) = roundHalfUp(138554 × n / 7); October = Cum(61) − Cum(30).
    const october = issue(preview(ann(), OCT));
    // A discharge recorded as 15 October (November credits 16 days), corrected to the 20th
    // (December charges 5 days back).
    const november = issue(preview(ann({ endDate: d('2024-10-15') }), NOV, [october]));
    const december = issue(preview(ann({ endDate: d('2024-10-20') }), DEC, [october, november]));
    expect(
      [october, november, december].map((p) =>
        p.lines.filter((l) => l.booking === 'b-ann').map((l) => [l.days, l.amountPence]),
      ),
    ).toEqual([
      [[31, 613596]], // 1207399 − 593803
      [[15, 296901 - 613596]], // Cum(45) − Cum(30) = 890704 − 593803
      [[20, 395868 - 296901]], // Cum(50) − Cum(30) = 989671 − 593803
    ]);
    // January, with the rate raised to £1,450.00: October was 613596 − 316695 + 98967 =
    // 395868 for 20 days (December's days, not October's 31 nor November's 15); now
    // roundHalfUp(145000 × 50 / 7) − roundHalfUp(145000 × 30 / 7) = 1035714 − 621429.
    const january = preview(ann({ endDate: d('2024-10-20'), ratePence: 145000 }), JAN, [
      december,
      november,
      october,
    ]);
    expect(adjustmentLines(january).map((l) => [l.wasPence, l.nowPence, l.description])).toEqual([
      [
        395868,
        414285,
        'Adjustment for 1–31 Oct 2024: invoiced £3,958.68 for 20 days, now £4,142.85 for 20 days',
      ],
    ]);
  });

  it('adjustment lines of a period not given among the issued previews are not part of any was', () => {
    const october = issue(preview(ann(), OCT));
    const november = issue(preview(ann({ endDate: d('2024-10-15') }), NOV, [october]));
    // December is given November but not October: November's own lines are all there is.
    const december = preview(ann({ endDate: d('2024-10-15') }), DEC, [november]);
    expect(adjustmentLines(december)).toEqual([]);
  });
});

describe('SPEC §10 Where they go: unbilled adjustments, ordered by the period they adjust, then key', () => {
  /** Bob, paid by his son, whose billing is switched off after September and October were issued. */
  const bob = (billingEnabled: boolean, rate = 70000) =>
    dataset({
      serviceUsers: [serviceUser('bob', { firstName: 'Bob', lastName: 'Birch' })],
      serviceUserContacts: [
        serviceUserContact('ben', {
          serviceUser: 'bob',
          firstName: 'Ben',
          lastName: 'Birch',
          billingEnabled,
        }),
      ],
      bookings: [
        // listed against id order: b-2 is the earlier stay
        booking({
          id: 'b-2',
          serviceUser: 'bob',
          startDate: d('2024-09-01'),
          endDate: d('2024-09-15'),
          ratePence: rate,
        }),
        booking({ id: 'b-1', serviceUser: 'bob', startDate: d('2024-09-16'), ratePence: rate }),
      ],
    });

  it('offered in unbilled with the reason, period by period, booking by booking', () => {
    const september = issue(preview(bob(true), SEP));
    const october = issue(preview(bob(true), OCT, [september]));
    const november = preview(bob(false, 77000), NOV, [october, september]);
    expect(
      november.unbilled
        .filter((e) => e.adjusts !== null)
        .map((e) => [e.adjusts?.from, e.booking, e.payerName, e.reason]),
    ).toEqual([
      [SEP.from, 'b-1', 'Ben Birch', 'BILLING_NOT_ENABLED'],
      [SEP.from, 'b-2', 'Ben Birch', 'BILLING_NOT_ENABLED'],
      [OCT.from, 'b-1', 'Ben Birch', 'BILLING_NOT_ENABLED'],
    ]);
  });

  it('a payer no longer in the data cannot be invoiced: unbilled, with no name', () => {
    const september = issue(preview(bob(true), SEP));
    const gone = { ...bob(true), serviceUserContacts: new Map() };
    const october = preview(gone, OCT, [september]);
    expect(
      october.unbilled
        .filter((e) => e.adjusts !== null)
        .map((e) => [e.payer, e.payerName, e.reason, e.amountPence]),
    ).toEqual([
      ['ben', '', 'BILLING_NOT_ENABLED', -(70000 * 15) / 7],
      ['ben', '', 'BILLING_NOT_ENABLED', -(70000 * 15) / 7],
    ]);
  });
});

describe('SPEC §10 The comparison: a resident parked has no adjustment, with warning ADJUSTMENT_HELD', () => {
  it('parked while billing the issued period again (two balance payers that October): held', () => {
    const october = issue(preview(ann(), OCT));
    const second = contract({
      id: 'c-second',
      serviceUser: 'ann',
      startDate: d('2024-10-01'),
      endDate: d('2024-10-31'),
      payer: { kind: 'location_contact', id: 'la2' },
    });
    const november = preview(ann({}, { contracts: [second] }), NOV, [october]);
    expect(adjustmentLines(november)).toEqual([]);
    expect(november.unbilled.filter((e) => e.adjusts !== null)).toEqual([]);
    expect(november.warnings.filter((w) => w.code === 'ADJUSTMENT_HELD')).toEqual([
      {
        severity: 'warning',
        code: 'ADJUSTMENT_HELD',
        resource: 'service-users',
        id: 'ann',
        field: '',
        value: '',
        message:
          'The resident is parked, so what changed for them in the issued period 1–31 Oct 2024 is not adjusted yet; fix the record and the next preview adjusts it.',
      },
    ]);
  });

  it('parked today: one warning naming every issued period held', () => {
    const september = issue(preview(ann(), SEP));
    const october = issue(preview(ann(), OCT, [september]));
    const november = preview(ann({ ratePence: 145000 }), NOV, [september, october], ['ann']);
    expect(
      november.warnings.filter((w) => w.code === 'ADJUSTMENT_HELD').map((w) => w.message),
    ).toEqual([
      'The resident is parked, so what changed for them in the issued periods 1–30 Sep 2024, 1–31 Oct 2024 is not adjusted yet; fix the record and the next preview adjusts it.',
    ]);
  });

  it('warnings come one per resident, by resident id', () => {
    const two = (rate: number) =>
      dataset({
        serviceUsers: [serviceUser('zed'), serviceUser('amy')],
        bookings: [
          booking({ id: 'b-1', serviceUser: 'zed', startDate: d('2024-10-01'), ratePence: rate }),
          booking({ id: 'b-2', serviceUser: 'amy', startDate: d('2024-10-01'), ratePence: rate }),
        ],
        contracts: [
          contract({ id: 'c-1', serviceUser: 'zed' }),
          contract({ id: 'c-2', serviceUser: 'amy' }),
        ],
      });
    const october = issue(preview(two(70000), OCT));
    const now = two(77000);
    const comparison = compareIssued(
      now,
      new Set(['zed', 'amy']),
      [october],
      createChargeContext(now),
    );
    expect(comparison.adjustments).toEqual([]);
    expect(comparison.warnings.map((w) => w.id)).toEqual(['amy', 'zed']);
  });
});

describe('SPEC §10 The comparison: what an adjustment line carries', () => {
  it('each issued period is billed again with its own options: issued by the night rule and nothing changed, nothing is adjusted', () => {
    // Ann leaves on 20 October: 19 nights by the night rule, 20 days by the day rule.
    const data = ann({ endDate: d('2024-10-20') });
    const october = issue(buildPreview(loaded(data), { period: OCT, dayRule: 'night' }));
    expect(october.lines.map((l) => l.days)).toEqual([19]);
    expect(adjustmentLines(preview(data, NOV, [october]))).toEqual([]);
  });

  it('a key that bills nothing now: the booking’s resident and location as today’s data has them, not provisional', () => {
    const october = issue(preview(ann(), OCT));
    // Corrected since: the stay was at loc2, and the council's contract never existed.
    const now = { ...ann({ location: 'loc2' }), contracts: [] };
    const november = preview(now, NOV, [october]);
    expect(
      november.invoices.map((i) => [
        i.location,
        i.serviceUsers,
        i.lines.map((l) => [l.adjusts?.from, l.provisional, l.amountPence]),
      ]),
    ).toEqual([['loc2', ['ann'], [[OCT.from, false, -613596]]]]);
  });

  it('a provisional stay’s adjustment is provisional, and names the room', () => {
    const respite = (rate: number) =>
      dataset({
        serviceUsers: [serviceUser('ann', { firstName: 'Ann', lastName: 'Ash' })],
        rooms: [room('r1', { name: 'Garden Room' })],
        bookings: [
          booking({
            id: 'b-ann',
            serviceUser: 'ann',
            room: 'r1',
            respite: true,
            startDate: d('2024-10-01'),
            proposedCheckoutDate: d('2024-10-20'),
            ratePence: rate,
          }),
        ],
        contracts: [contract({ id: 'c-ann', serviceUser: 'ann' })],
      });
    const october = issue(preview(respite(70000), OCT));
    const [line] = adjustmentLines(preview(respite(77000), NOV, [october]));
    expect([line?.provisional, line?.days, line?.amountPence, line?.description]).toEqual([
      true,
      20,
      20000,
      'Adjustment for 1–31 Oct 2024: invoiced £2,000.00 for 20 days, now £2,200.00 for 20 days, Garden Room',
    ]);
  });

  it('a room missing from rooms.json adds nothing to the description', () => {
    const october = issue(preview(ann({ room: 'r9' }), OCT));
    const [line] = adjustmentLines(preview(ann({ room: 'r9', ratePence: 145000 }), NOV, [october]));
    expect([line?.provisional, line?.description]).toEqual([
      false,
      'Adjustment for 1–31 Oct 2024: invoiced £6,135.96 for 31 days, now £6,421.42 for 31 days',
    ]);
  });

  it('says “nothing” only for no money and no days, and 1 day as a day', () => {
    const draft = { adjusts: OCT, wasPence: 0, wasDays: 3, nowPence: 5, nowDays: 0 };
    expect(adjustmentDescription(draft)).toBe(
      'Adjustment for 1–31 Oct 2024: invoiced £0.00 for 3 days, now £0.05 for 0 days',
    );
    expect(adjustmentDescription({ ...draft, wasDays: 1, nowPence: 0 })).toBe(
      'Adjustment for 1–31 Oct 2024: invoiced £0.00 for 1 day, now nothing',
    );
  });
});

describe('SPEC §10 Where they go: after the period’s own lines, by the period adjusted, then as §4 orders lines', () => {
  /**
   * A consolidating council paying for three residents from 1 September: Zoe Adams (id a1),
   * and two Alan Browns (ids z0 and z1), booking ids against name order; `rate` is their
   * weekly fee.
   */
  const council = (rate: number) =>
    dataset({
      locations: [location('loc1')],
      locationContacts: [
        locationContact('la', { companyName: 'County Council', consolidateInvoices: true }),
      ],
      serviceUsers: [
        serviceUser('a1', { firstName: 'Zoe', lastName: 'Adams' }),
        serviceUser('z0', { firstName: 'Alan', lastName: 'Brown' }),
        serviceUser('z1', { firstName: 'Alan', lastName: 'Brown' }),
      ],
      bookings: [
        booking({ id: 'b-1', serviceUser: 'a1', startDate: d('2024-09-01'), ratePence: rate }),
        booking({ id: 'b-2', serviceUser: 'z1', startDate: d('2024-09-01'), ratePence: rate }),
        booking({ id: 'b-3', serviceUser: 'z0', startDate: d('2024-09-01'), ratePence: rate }),
      ],
      contracts: [
        contract({ id: 'c-3', serviceUser: 'a1' }),
        contract({ id: 'c-2', serviceUser: 'z1' }),
        contract({ id: 'c-1', serviceUser: 'z0' }),
      ],
    });

  it('one invoice: November’s own lines, then September’s adjustments, then October’s, each by resident name, id', () => {
    const september = issue(preview(council(70000), SEP));
    const october = issue(preview(council(70000), OCT, [september]));
    const november = preview(council(77000), NOV, [october, september]);
    expect(november.invoices).toHaveLength(1);
    expect(
      november.invoices[0]?.lines.map((l) => [l.adjusts?.from ?? null, l.serviceUser, l.booking]),
    ).toEqual([
      [null, 'z0', 'b-3'],
      [null, 'z1', 'b-2'],
      [null, 'a1', 'b-1'],
      [SEP.from, 'z0', 'b-3'],
      [SEP.from, 'z1', 'b-2'],
      [SEP.from, 'a1', 'b-1'],
      [OCT.from, 'z0', 'b-3'],
      [OCT.from, 'z1', 'b-2'],
      [OCT.from, 'a1', 'b-1'],
    ]);
  });

  it('one resident’s adjustments: by booking, then contract', () => {
    const two = (rate: number, fixed: number) =>
      dataset({
        locations: [location('loc1')],
        serviceUsers: [serviceUser('ann', { firstName: 'Ann', lastName: 'Ash' })],
        bookings: [
          booking({
            id: 'b-2',
            serviceUser: 'ann',
            startDate: d('2024-10-01'),
            endDate: d('2024-10-15'),
            ratePence: rate,
          }),
          booking({ id: 'b-1', serviceUser: 'ann', startDate: d('2024-10-16'), ratePence: rate }),
        ],
        contracts: [
          // the council pays a fixed £350.00 a week and the balance, on two contracts
          contract({ id: 'c-b', serviceUser: 'ann' }),
          contract({ id: 'c-a', serviceUser: 'ann', feeContributionPence: fixed }),
        ],
      });
    const october = issue(preview(two(70000, 35000), OCT));
    const november = preview(two(77000, 38500), NOV, [october]);
    expect(adjustmentLines(november).map((l) => [l.booking, l.contract])).toEqual([
      ['b-1', 'c-a'],
      ['b-1', 'c-b'],
      ['b-2', 'c-a'],
      ['b-2', 'c-b'],
    ]);
  });

  it('an invoice of adjustments only is numbered by the resident its adjustments name', () => {
    // The council pays for Ann (still here) and Zak (left on 31 October, his October fee
    // raised afterwards): Ann's invoice comes first by name, Zak's of one adjustment second.
    const home = (zakRate: number) =>
      dataset({
        locations: [location('loc1')],
        serviceUsers: [
          serviceUser('su-z', { firstName: 'Zak', lastName: 'Zeal' }),
          serviceUser('su-a', { firstName: 'Ann', lastName: 'Ash' }),
        ],
        bookings: [
          booking({
            id: 'b-z',
            serviceUser: 'su-z',
            startDate: d('2024-10-01'),
            endDate: d('2024-10-31'),
            ratePence: zakRate,
          }),
          booking({ id: 'b-a', serviceUser: 'su-a', startDate: d('2024-10-01') }),
        ],
        contracts: [
          contract({ id: 'c-z', serviceUser: 'su-z' }),
          contract({ id: 'c-a', serviceUser: 'su-a' }),
        ],
      });
    const october = issue(preview(home(70000), OCT));
    const november = preview(home(77000), NOV, [october]);
    expect(
      november.invoices.map((i) => [i.number, i.serviceUsers, i.lines.map((l) => l.booking)]),
    ).toEqual([
      ['PREVIEW-202411-0001', ['su-a'], ['b-a']],
      ['PREVIEW-202411-0002', ['su-z'], ['b-z']],
    ]);
  });
});
