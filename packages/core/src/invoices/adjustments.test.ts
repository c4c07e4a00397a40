/**
 * SPEC §10 worked numbers: back-dated changes against an issued October, carried onto
 * November's invoices, credit notes, unbilled adjustments and convergence.
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
import { monthPeriod } from '../calendar/range.js';
import type { Dataset } from '../dataset/model.js';
import { CarebillError } from '../errors/carebill-error.js';
import { formatPeriodShort } from './adjustments.js';
import { issuedFromPreview, readIssuedPreview } from './issued.js';
import { buildPreview } from './preview.js';
import type { IssuedPreview, Preview } from './types.js';

const OCT = monthPeriod(2024, 10);
const NOV = monthPeriod(2024, 11);
const DEC = monthPeriod(2024, 12);

/** Ann, weekly £1,385.54 from 1 Oct 2024, the council her balance payer; Bob self-funding. */
function home(changes: { rate?: number; annEnd?: string; bobBilling?: boolean } = {}): Dataset {
  return dataset({
    locations: [location('loc1')],
    serviceUsers: [
      serviceUser('ann', { firstName: 'Ann', lastName: 'Ash' }),
      serviceUser('bob', { firstName: 'Bob', lastName: 'Birch' }),
    ],
    serviceUserContacts: [
      serviceUserContact('bob-son', {
        serviceUser: 'bob',
        firstName: 'Ben',
        lastName: 'Birch',
        billingEnabled: changes.bobBilling ?? true,
      }),
    ],
    locationContacts: [locationContact('la', { companyName: 'Oxfordshire County Council' })],
    bookings: [
      booking({
        id: 'b-ann',
        serviceUser: 'ann',
        startDate: d('2024-10-01'),
        endDate: changes.annEnd === undefined ? null : d(changes.annEnd),
        ratePence: changes.rate ?? 138554,
      }),
      booking({ id: 'b-bob', serviceUser: 'bob', startDate: d('2024-10-01'), ratePence: 70000 }),
    ],
    contracts: [contract({ id: 'c-ann', serviceUser: 'ann' })],
  });
}

function preview(data: Dataset, period = NOV, invoiced: readonly IssuedPreview[] = []): Preview {
  return buildPreview(loaded(data), { period, invoiced });
}

/**
 * October as issued, made afresh in each test: code run when the file loads would make its
 * mutants "static" to Stryker, run against every test of the module (docs/testing.md).
 */
const issuedOctober = () => issuedFromPreview(preview(home(), OCT));
const adjustmentLines = (p: Preview) =>
  p.invoices.flatMap((invoice) => invoice.lines.filter((line) => line.adjusts !== null));

describe('back-dated adjustments (SPEC §10)', () => {
  it('issued October as billed: Ann 31 days at £1,385.54/wk = £6,135.96, Bob £3,100.00', () => {
    expect(issuedOctober().lines.map((l) => [l.booking, l.days, l.amountPence])).toEqual([
      ['b-bob', 31, 310000], // Ben Birch's invoice first: 70000 × 31 / 7
      ['b-ann', 31, 613596], // roundHalfUp(138554 × 31 / 7) = 613596.29 → 613596
    ]);
  });

  it('adds nothing when nothing changed', () => {
    const november = preview(home(), NOV, [issuedOctober()]);
    expect(adjustmentLines(november)).toEqual([]);
    expect(november.totals.adjustmentsPence).toBe(0);
    expect(november).toEqual(preview(home(), NOV));
  });

  it('carries a back-dated uplift onto November after its own line, to the penny', () => {
    const november = preview(home({ rate: 145000 }), NOV, [issuedOctober()]);
    const council = november.invoices.find((i) => i.payer.id === 'la');
    // October now: roundHalfUp(145000 × 31 / 7) = 642142.86 → 642143; was 613596.
    expect(council?.lines.map((l) => [l.adjusts === null ? 'own' : 'adj', l.amountPence])).toEqual([
      // November, anchored at 1 Oct: roundHalfUp(145000 × 61 / 7) − 642143 = 1263571 − 642143
      ['own', 621428],
      ['adj', 28547],
    ]);
    const adjustment = council?.lines[1];
    expect(adjustment).toMatchObject({
      booking: 'b-ann',
      contract: 'c-ann',
      basis: 'contract',
      serviceUser: 'ann',
      label: 'Ann Ash',
      from: OCT.from,
      to: OCT.to,
      days: 31,
      adjusts: OCT,
      wasPence: 613596,
      nowPence: 642143,
      description:
        'Adjustment for 1–31 Oct 2024: invoiced £6,135.96 for 31 days, now £6,421.43 for 31 days',
    });
    expect(council?.totalPence).toBe(621428 + 28547);
    expect(council?.kind).toBe('invoice');
    expect(november.totals).toMatchObject({ adjustmentsPence: 28547, unbilledAdjustmentsPence: 0 });
    const t = november.totals;
    expect(t.feesPence).toBe(
      t.invoicedPence - t.adjustmentsPence + t.unbilledPence + t.unallocatedPence,
    );
  });

  it('makes a credit note of a discharge recorded late, saying how the credit is applied', () => {
    const november = preview(home({ annEnd: '2024-10-15' }), NOV, [issuedOctober()]);
    const council = november.invoices.find((i) => i.payer.id === 'la');
    // October now: 15 days, roundHalfUp(138554 × 15 / 7) = 296901.43 → 296901.
    expect(council?.lines).toHaveLength(1);
    expect(council?.lines[0]).toMatchObject({
      amountPence: 296901 - 613596,
      wasPence: 613596,
      nowPence: 296901,
      days: 15,
      description:
        'Adjustment for 1–31 Oct 2024: invoiced £6,135.96 for 31 days, now £2,969.01 for 15 days',
    });
    expect(council?.kind).toBe('credit_note');
    expect(council?.totalPence).toBe(-316695);
    expect(council?.paymentInstructions).toBe(
      'Nothing to pay: this credit note is for £3,166.95. It will be taken off your next invoice from Rectory Care Ltd. If no further invoice is due, or you would rather have the money back, contact Rectory Care Ltd at accounts@rectory.example and it will be refunded to you.',
    );
    expect(november.invoices.filter((i) => i.kind === 'credit_note')).toHaveLength(1);
    expect(november.totals.adjustmentsPence).toBe(-316695);
  });

  it('converges: once November is issued, December adds nothing more', () => {
    const changed = home({ rate: 145000, annEnd: '2024-11-20' });
    const november = issuedFromPreview(preview(changed, NOV, [issuedOctober()]));
    const december = preview(changed, DEC, [issuedOctober(), november]);
    expect(adjustmentLines(december)).toEqual([]);
    // and every key of October now sums to what today's data bills October
    const octoberNow = preview(changed, OCT);
    const sumFor = (booking: string) =>
      [
        ...issuedOctober().lines.filter((l) => l.adjusts === null),
        ...november.lines.filter((l) => l.adjusts?.from === OCT.from),
      ]
        .filter((l) => l.booking === booking)
        .reduce((s, l) => s + l.amountPence, 0);
    const billedNow = (booking: string) =>
      octoberNow.invoices
        .flatMap((i) => i.lines)
        .filter((l) => l.booking === booking)
        .reduce((s, l) => s + l.amountPence, 0);
    expect(sumFor('b-ann')).toBe(billedNow('b-ann'));
    expect(sumFor('b-bob')).toBe(billedNow('b-bob'));
  });

  it('parks an adjustment for a payer who cannot be invoiced now, and offers it again next month', () => {
    const off = home({ bobBilling: false });
    const november = preview(off, NOV, [issuedOctober()]);
    const unbilled = november.unbilled.filter((e) => e.adjusts !== null);
    expect(unbilled).toEqual([
      {
        booking: 'b-bob',
        contract: null,
        payerKind: 'service_user_contact',
        payer: 'bob-son',
        payerName: 'Ben Birch',
        from: OCT.from,
        to: OCT.to,
        days: 0,
        amountPence: -310000,
        reason: 'BILLING_NOT_ENABLED',
        adjusts: OCT,
        wasPence: 310000,
        nowPence: 0,
      },
    ]);
    expect(november.totals.unbilledAdjustmentsPence).toBe(-310000);
    // Nobody else may pay Bob's November by default: it is unallocated (NO_PAYER).
    expect(november.totals).toMatchObject({ unbilledPence: 0, unallocatedPence: 300000 });
    const t = november.totals;
    expect(t.feesPence).toBe(
      t.invoicedPence - t.adjustmentsPence + t.unbilledPence + t.unallocatedPence,
    );
    // Issued, November carries nothing for Bob's October, so December offers it again.
    const december = preview(off, DEC, [issuedOctober(), issuedFromPreview(november)]);
    expect(
      december.unbilled
        .filter((e) => e.adjusts !== null)
        .map((e) => [e.adjusts?.from, e.amountPence]),
    ).toEqual([[OCT.from, -310000]]);
  });

  it('credits a booking no longer in the data on the invoice of the resident it named', () => {
    const data = home();
    const gone = { ...data, bookings: data.bookings.filter((b) => b.id !== 'b-ann') };
    const november = preview(gone, NOV, [issuedOctober()]);
    const credit = november.invoices.find((i) => i.payer.id === 'la');
    expect(credit).toMatchObject({ kind: 'credit_note', location: 'loc1', serviceUsers: ['ann'] });
    expect(credit?.lines.map((l) => [l.booking, l.amountPence, l.description])).toEqual([
      [
        'b-ann',
        -613596,
        'Adjustment for 1–31 Oct 2024: invoiced £6,135.96 for 31 days, now nothing',
      ],
    ]);
  });

  it('charges what was never invoiced: a contract added back-dated', () => {
    const data = home();
    const added = {
      ...data,
      contracts: [
        ...data.contracts,
        contract({
          id: 'c-fnc',
          serviceUser: 'ann',
          feeContributionPence: 23588,
          payer: { kind: 'location_contact', id: 'nhs' },
        }),
      ],
      locationContacts: new Map([
        ...data.locationContacts,
        ['nhs', locationContact('nhs', { companyName: 'NHS ICB' })],
      ]),
    };
    const november = preview(added, NOV, [issuedOctober()]);
    const lines = (payer: string) =>
      november.invoices
        .filter((i) => i.payer.id === payer)
        .flatMap((i) => i.lines.filter((l) => l.adjusts !== null))
        .map((l) => [l.wasPence, l.nowPence, l.amountPence, l.description]);
    // FNC from 2020-01-01: October's share of 23588/wk over 31 days is 104462 or 104461.
    const [[was, now, amount, description]] = lines('nhs') as [[number, number, number, string]];
    expect([was, amount]).toEqual([0, now]);
    expect(description).toMatch(
      /^Adjustment for 1–31 Oct 2024: invoiced nothing, now £1,044\.6\d for 31 days$/,
    );
    // and the council, the balance payer, pays that much less for October
    expect(lines('la')).toEqual([[613596, 613596 - now, -now, expect.any(String)]]);
  });

  it('issues an invoice of adjustments that cancel out, so they are settled', () => {
    // Ann moved rooms on the 16th, recorded as the 21st at first: +5 days on the first stay,
    // −5 on the second, at the same £100.00 a day; she left on 31 October.
    const stays = (moved: string) =>
      dataset({
        serviceUsers: [serviceUser('ann', { firstName: 'Ann', lastName: 'Ash' })],
        bookings: [
          booking({
            id: 'b-1',
            serviceUser: 'ann',
            startDate: d('2024-10-01'),
            endDate: d(moved),
            ratePence: 10000,
            ratePeriod: 'daily',
          }),
          booking({
            id: 'b-2',
            serviceUser: 'ann',
            startDate: (d(moved) + 1) as ReturnType<typeof d>,
            endDate: d('2024-10-31'),
            ratePence: 10000,
            ratePeriod: 'daily',
          }),
        ],
        contracts: [contract({ id: 'c-ann', serviceUser: 'ann' })],
      });
    const issued = issuedFromPreview(preview(stays('2024-10-20'), OCT));
    const november = preview(stays('2024-10-15'), NOV, [issued]);
    expect(november.invoices).toHaveLength(1);
    expect(november.invoices[0]).toMatchObject({ kind: 'invoice', totalPence: 0 });
    expect(november.invoices[0]?.lines.map((l) => [l.booking, l.amountPence])).toEqual([
      ['b-1', -50000],
      ['b-2', 50000],
    ]);
    // Issued, it settles them: December adds nothing.
    const december = preview(stays('2024-10-15'), DEC, [issued, issuedFromPreview(november)]);
    expect(december.invoices).toEqual([]);
  });

  it('holds the adjustments of a resident parked today, with a warning', () => {
    const november = buildPreview(loaded(home({ rate: 145000 }), ['ann']), {
      period: NOV,
      invoiced: [issuedOctober()],
    });
    expect(adjustmentLines(november)).toEqual([]);
    expect(november.warnings.map((w) => [w.code, w.id])).toContainEqual(['ADJUSTMENT_HELD', 'ann']);
  });

  it('refuses issued periods that overlap each other or the period previewed', () => {
    const refused = (invoiced: IssuedPreview[], period = NOV) => {
      try {
        buildPreview(loaded(home()), { period, invoiced });
      } catch (error) {
        return error instanceof CarebillError ? [error.code, error.option] : error;
      }
      return 'accepted';
    };
    expect(refused([issuedOctober(), issuedOctober()])).toEqual(['INVALID_OPTION', 'invoiced[1]']);
    expect(refused([issuedOctober()], OCT)).toEqual(['INVALID_OPTION', 'invoiced[0]']);
    expect(refused([issuedOctober()], { from: d('2024-10-31'), to: d('2024-11-29') })).toEqual([
      'INVALID_OPTION',
      'invoiced[0]',
    ]);
    expect(refused([issuedOctober()], monthPeriod(2024, 9))).toEqual([
      'INVALID_OPTION',
      'invoiced[0]',
    ]);
    expect(refused([issuedOctober()])).toBe('accepted');
  });
});

describe('readIssuedPreview', () => {
  const json = {
    period: { from: '2024-10-01', to: '2024-10-31' },
    options: { day_rule: 'day', monthly52: false, prefix: 'INV', due_days: 14 },
    invoices: [
      {
        number: 'INV-202410-0001',
        kind: 'invoice',
        payer: { type: 'location_contact', id: 'la' },
        location: 'loc1',
        lines: [
          {
            booking: 'b-ann',
            contract: 'c-ann',
            basis: 'contract',
            service_user: 'ann',
            from: '2024-10-01',
            to: '2024-10-31',
            days: 31,
            amount_pence: 613596,
            adjusts: null,
          },
        ],
      },
    ],
    totals: { fees_pence: 613596 },
  };

  it('reads the period, options and keyed lines', () => {
    expect(readIssuedPreview(json)).toEqual({
      ok: true,
      issued: {
        period: OCT,
        options: { dayRule: 'day', monthly52: false, prefix: 'INV', dueDays: 14 },
        lines: [
          {
            payerKind: 'location_contact',
            payer: 'la',
            booking: 'b-ann',
            contract: 'c-ann',
            basis: 'contract',
            serviceUser: 'ann',
            location: 'loc1',
            adjusts: null,
            days: 31,
            amountPence: 613596,
          },
        ],
      },
    });
  });

  it('says what is wrong: not a preview, no options, a bad line', () => {
    expect(readIssuedPreview({ as_of: '2024-11-22', funds: [] })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/not a carebill preview/)],
    });
    const { options: _, ...old } = json;
    expect(readIssuedPreview(old)).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/has no "options"/)],
    });
    const bad = structuredClone(json);
    (bad.invoices[0]!.lines[0] as Record<string, unknown>)['amount_pence'] = 1.5;
    (bad.invoices[0]!.lines[0] as Record<string, unknown>)['adjusts'] = undefined;
    expect(readIssuedPreview(bad)).toMatchObject({
      ok: false,
      problems: [
        expect.stringMatching(/^invoices\[0\]\.lines\[0\]\.adjusts is missing/),
        expect.stringMatching(/^invoices\[0\]\.lines\[0\]\.amount_pence must be a whole number/),
      ],
    });
  });
});

describe('formatPeriodShort', () => {
  it('writes a period as short as it reads', () => {
    expect(formatPeriodShort(OCT)).toBe('1–31 Oct 2024');
    expect(formatPeriodShort({ from: d('2024-10-15'), to: d('2024-11-14') })).toBe(
      '15 Oct – 14 Nov 2024',
    );
    expect(formatPeriodShort({ from: d('2024-12-15'), to: d('2025-01-14') })).toBe(
      '15 Dec 2024 – 14 Jan 2025',
    );
    expect(formatPeriodShort({ from: d('2024-10-15'), to: d('2024-10-15') })).toBe('15 Oct 2024');
  });
});

describe('readIssuedPreview on a file wrong throughout', () => {
  it('lists the first ten problems and counts the rest', () => {
    const lines = Array.from({ length: 25 }, () => ({ booking: '' }));
    const reading = readIssuedPreview({
      period: { from: '2024-10-01', to: '2024-10-31' },
      options: { day_rule: 'day', monthly52: false, prefix: 'P', due_days: 14 },
      invoices: [{ payer: { type: 'service_user', id: 'x' }, location: null, lines }],
      totals: {},
    });
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems).toHaveLength(11);
    expect(reading.problems[10]).toMatch(/^and \d+ more problems like these$/);
  });
});
