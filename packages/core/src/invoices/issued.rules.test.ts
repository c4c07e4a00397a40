/**
 * SPEC §10 "What was invoiced", rule by rule: what an issued preview.json must hold to be
 * used, every refusal in its words (each naming where in the file it is), and the periods
 * given together. The worked numbers of §10 are in adjustments.test.ts; the adjustments'
 * own rules in adjustments.rules.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { d } from '../../test/builders.js';
import { type DayRange, monthPeriod } from '../calendar/range.js';
import { issuedPeriodProblems, readIssuedPreview } from './issued.js';
import type { IssuedLine, IssuedPreview } from './types.js';

const OCT = monthPeriod(2024, 10);
const NOV = monthPeriod(2024, 11);

/** A line of an issued preview.json as `carebill preview` writes it. */
const jsonLine = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  booking: 'b-ann',
  contract: 'c-ann',
  basis: 'contract',
  service_user: 'ann',
  from: '2024-10-01',
  to: '2024-10-31',
  days: 31,
  amount_pence: 613596,
  adjusts: null,
  ...fields,
});

/** An issued October preview.json, parsed; `invoice` and `options` fields replace the defaults. */
const jsonPreview = (
  parts: {
    lines?: unknown[];
    invoice?: Record<string, unknown>;
    options?: unknown;
    period?: unknown;
  } = {},
): Record<string, unknown> => ({
  period: 'period' in parts ? parts.period : { from: '2024-10-01', to: '2024-10-31' },
  options:
    'options' in parts
      ? parts.options
      : { day_rule: 'day', monthly52: false, prefix: 'INV', due_days: 14 },
  invoices: [
    {
      number: 'INV-202410-0001',
      kind: 'invoice',
      payer: { type: 'location_contact', id: 'la' },
      location: 'loc1',
      lines: parts.lines ?? [jsonLine()],
      ...parts.invoice,
    },
  ],
  totals: { fees_pence: 613596 },
});

/** The problems of a reading, or 'ok'. */
const problemsOf = (value: unknown) => {
  const reading = readIssuedPreview(value);
  return reading.ok ? 'ok' : reading.problems;
};

const options = (fields: Record<string, unknown>) => ({
  day_rule: 'day',
  monthly52: false,
  prefix: 'INV',
  due_days: 14,
  ...fields,
});

describe('SPEC §10 What was invoiced: an issued preview that is not a carebill preview.json is refused', () => {
  const NOT_A_PREVIEW = [
    'is not a carebill preview.json: it needs "period", "invoices" and "totals" (the file `carebill preview` writes)',
  ];
  it.each([
    ['null', null],
    ['a list', [jsonPreview()]],
    ['text', 'preview'],
    ['no period', { ...jsonPreview(), period: undefined }],
    ['a period that is not an object', { ...jsonPreview(), period: '2024-10' }],
    ['invoices that are not a list', { ...jsonPreview(), invoices: {} }],
    ['no totals', { ...jsonPreview(), totals: undefined }],
    ['totals that are a list', { ...jsonPreview(), totals: [] }],
  ])('%s', (_, value) => {
    expect(problemsOf(value)).toEqual(NOT_A_PREVIEW);
  });

  it('a preview.json as carebill writes it is read', () => {
    expect(problemsOf(jsonPreview())).toBe('ok');
  });
});

describe('SPEC §10 What was invoiced: every preview.json records the options it was made with', () => {
  it('one without options was made before adjustments, and is refused saying what to do', () => {
    expect(problemsOf(jsonPreview({ options: undefined }))).toEqual([
      'has no "options": it was made by a carebill older than back-dated adjustments, so what it billed cannot be recomputed exactly; make that period\'s preview again with this carebill from the data as it was issued, or leave it out',
    ]);
  });

  it('options that are not an object, or null, are refused', () => {
    const rule = ['"options" must be an object {"day_rule", "monthly52", "prefix", "due_days"}'];
    expect(problemsOf(jsonPreview({ options: 'day' }))).toEqual(rule);
    expect(problemsOf(jsonPreview({ options: null }))).toEqual(rule);
  });

  it('day_rule is day or night; monthly52 true or false', () => {
    expect(problemsOf(jsonPreview({ options: options({ day_rule: 'week' }) }))).toEqual([
      'options.day_rule must be one of day, night; found "week"',
    ]);
    expect(problemsOf(jsonPreview({ options: options({ day_rule: 'night' }) }))).toBe('ok');
    expect(problemsOf(jsonPreview({ options: options({ monthly52: 'yes' }) }))).toEqual([
      'options.monthly52 must be true or false; found "yes"',
    ]);
    expect(problemsOf(jsonPreview({ options: options({ monthly52: true }) }))).toBe('ok');
  });

  it('the prefix is one the preview options accept: 1–20 letters, digits, - or _, not starting with - or _', () => {
    for (const prefix of ['A', 'a_-9', 'A'.repeat(20)])
      expect(problemsOf(jsonPreview({ options: options({ prefix }) })), prefix).toBe('ok');
    for (const prefix of ['', '-INV', '_INV', 'A'.repeat(21), 'IN V', 'INV/1', 'ÉTÉ', 7]) {
      expect(problemsOf(jsonPreview({ options: options({ prefix }) })), String(prefix)).toEqual([
        `options.prefix must be an invoice number prefix; found ${JSON.stringify(prefix)}`,
      ]);
    }
  });

  it('due_days is a whole number, 0 or more', () => {
    expect(problemsOf(jsonPreview({ options: options({ due_days: 0 }) }))).toBe('ok');
    expect(problemsOf(jsonPreview({ options: options({ due_days: -1 }) }))).toEqual([
      'options.due_days must be a whole number (0 or more); found -1',
    ]);
    expect(problemsOf(jsonPreview({ options: options({ due_days: 1.5 }) }))).toEqual([
      'options.due_days must be a whole number (0 or more); found 1.5',
    ]);
  });

  it('the options are read as recorded', () => {
    const reading = readIssuedPreview(
      jsonPreview({ options: { day_rule: 'night', monthly52: true, prefix: 'SEP', due_days: 0 } }),
    );
    expect(reading.ok && reading.issued.options).toEqual({
      dayRule: 'night',
      monthly52: true,
      prefix: 'SEP',
      dueDays: 0,
    });
  });
});

describe('SPEC §10 What was invoiced: the period', () => {
  it('a period of one day is a period', () => {
    const reading = readIssuedPreview(
      jsonPreview({ period: { from: '2024-10-31', to: '2024-10-31' }, lines: [] }),
    );
    expect(reading.ok && reading.issued.period).toEqual({
      from: d('2024-10-31'),
      to: d('2024-10-31'),
    });
  });

  it('a period that ends before it starts is refused, both dates named', () => {
    expect(
      problemsOf(jsonPreview({ period: { from: '2024-10-01', to: '2024-09-30' }, lines: [] })),
    ).toEqual(['period ends (2024-09-30) before it starts (2024-10-01)']);
  });

  it('each end is a date YYYY-MM-DD', () => {
    expect(
      problemsOf(jsonPreview({ period: { from: '2024-10-32', to: 20241031 }, lines: [] })),
    ).toEqual([
      'period.from must be a date YYYY-MM-DD; found "2024-10-32"',
      'period.to must be a date YYYY-MM-DD; found 20241031',
    ]);
  });
});

describe('SPEC §10 What was invoiced: each invoice names its payer and home', () => {
  it.each([
    ['an invoice that is not an object', { invoices: ['INV-1'] }, 'invoices[0] must be an object'],
    [
      'a payer that is not an object',
      { invoice: { payer: 'la' } },
      'invoices[0].payer must be an object',
    ],
    [
      'an unknown payer type',
      { invoice: { payer: { type: 'council', id: 'la' } } },
      'invoices[0].payer.type must be one of location_contact, service_user_contact, service_user; found "council"',
    ],
    [
      'an empty payer id',
      { invoice: { payer: { type: 'service_user', id: '' } } },
      'invoices[0].payer.id must be an id; found ""',
    ],
    [
      'a home that is not an id',
      { invoice: { location: 5 } },
      'invoices[0].location must be an id; found 5',
    ],
    ['lines that are not a list', { invoice: { lines: null } }, 'invoices[0].lines must be a list'],
  ])('%s', (_, parts, problem) => {
    const value =
      'invoices' in parts ? { ...jsonPreview(), invoices: parts.invoices } : jsonPreview(parts);
    expect(problemsOf(value)).toEqual([problem]);
  });

  it('an invoice with no home (a block bed of no location) is read, its lines keyed by payer', () => {
    const reading = readIssuedPreview(
      jsonPreview({ invoice: { location: null, payer: { type: 'service_user', id: 'ann' } } }),
    );
    expect(reading.ok && reading.issued.lines).toEqual([
      {
        payerKind: 'service_user',
        payer: 'ann',
        booking: 'b-ann',
        contract: 'c-ann',
        basis: 'contract',
        serviceUser: 'ann',
        location: null,
        adjusts: null,
        days: 31,
        amountPence: 613596,
      },
    ]);
  });
});

describe('SPEC §10 What was invoiced: each line says what it bills for', () => {
  const at = 'invoices[0].lines[0]';
  it.each([
    ['a line that is not an object', 'b-ann', `${at} must be an object`],
    ['no booking', jsonLine({ booking: undefined }), `${at}.booking must be an id; found nothing`],
    ['an empty contract', jsonLine({ contract: '' }), `${at}.contract must be an id; found ""`],
    [
      'an unknown basis',
      jsonLine({ basis: 'council' }),
      `${at}.basis must be one of contract, default; found "council"`,
    ],
    [
      'a resident that is not an id',
      jsonLine({ service_user: 12 }),
      `${at}.service_user must be an id; found 12`,
    ],
    [
      'no adjusts (a preview made before adjustments)',
      jsonLine({ adjusts: undefined }),
      `${at}.adjusts is missing (null for the preview's own period, else {"from", "to"})`,
    ],
    [
      'adjusts that is not a period',
      jsonLine({ adjusts: '2024-09' }),
      `${at}.adjusts must be {"from": "YYYY-MM-DD", "to": "YYYY-MM-DD"}`,
    ],
    [
      'days below 0',
      jsonLine({ days: -1 }),
      `${at}.days must be a whole number (0 or more); found -1`,
    ],
    [
      'an amount that is not whole pence',
      jsonLine({ amount_pence: '613596' }),
      `${at}.amount_pence must be a whole number; found "613596"`,
    ],
    [
      'an amount past exact whole numbers',
      jsonLine({ amount_pence: 2 ** 53 }),
      `${at}.amount_pence must be a whole number; found 9007199254740992`,
    ],
  ])('%s', (_, line, problem) => {
    expect(problemsOf(jsonPreview({ lines: [line] }))).toEqual([problem]);
  });

  it('a default payer’s line has no contract, a block bed’s no resident; 0 days and a credit are lines', () => {
    const reading = readIssuedPreview(
      jsonPreview({
        lines: [
          jsonLine({ contract: null, basis: 'default', service_user: null, days: 0 }),
          jsonLine({
            adjusts: { from: '2024-09-01', to: '2024-09-30' },
            amount_pence: -296901,
            days: 15,
          }),
        ],
      }),
    );
    expect(
      reading.ok && reading.issued.lines.map((l) => [l.contract, l.basis, l.serviceUser]),
    ).toEqual([
      [null, 'default', null],
      ['c-ann', 'contract', 'ann'],
    ]);
    expect(
      reading.ok && reading.issued.lines.map((l) => [l.adjusts, l.days, l.amountPence]),
    ).toEqual([
      [null, 0, 613596],
      [monthPeriod(2024, 9), 15, -296901],
    ]);
  });

  it('values are quoted as found, long ones cut at 40 characters', () => {
    const quoted = (booking: unknown) =>
      problemsOf(jsonPreview({ lines: [jsonLine({ booking })] }));
    // ["aaa…"] of 36 a's is 40 characters: quoted whole; of 37, cut to 39 and an ellipsis.
    expect(quoted(['a'.repeat(36)])).toEqual([
      `${at}.booking must be an id; found ["${'a'.repeat(36)}"]`,
    ]);
    expect(quoted(['a'.repeat(37)])).toEqual([
      `${at}.booking must be an id; found ["${'a'.repeat(37)}…`,
    ]);
    expect(quoted(null)).toEqual([`${at}.booking must be an id; found null`]);
  });
});

describe('SPEC §10 What was invoiced: adjustments go forward', () => {
  it('a line adjusting a period that ends on or after the preview’s own first day is refused, once', () => {
    const adjusting = (from: string, to: string) =>
      jsonLine({ adjusts: { from, to }, booking: `b-${to}` });
    expect(problemsOf(jsonPreview({ lines: [adjusting('2024-09-01', '2024-09-30')] }))).toBe('ok');
    expect(
      problemsOf(
        jsonPreview({
          lines: [adjusting('2024-09-01', '2024-10-01'), adjusting('2024-10-01', '2024-10-31')],
        }),
      ),
    ).toEqual([
      "a line of booking b-2024-10-01 adjusts 2024-09-01 – 2024-10-01, which is not before the preview's own period 2024-10-01 – 2024-10-31",
    ]);
  });

  it.each([
    ['booking', { booking: '' }],
    ['contract', { contract: 5 }],
    ['basis', { basis: 'x' }],
    ['service_user', { service_user: '' }],
    ['days', { days: 'x' }],
    ['amount_pence', { amount_pence: null }],
  ])(
    'a line whose %s cannot be read is reported for that alone, not checked further',
    (_, fields) => {
      const problems = problemsOf(
        jsonPreview({
          lines: [jsonLine({ ...fields, adjusts: { from: '2024-10-01', to: '2024-10-31' } })],
        }),
      );
      expect(problems).toHaveLength(1);
      expect(problems[0]).not.toMatch(/not before/);
    },
  );

  it.each([
    ['payer.type', { payer: { type: 'x', id: 'la' } }],
    ['payer.id', { payer: { type: 'service_user', id: 7 } }],
    ['location', { location: '' }],
  ])('the lines of an invoice whose %s cannot be read are not checked further', (_, invoice) => {
    const problems = problemsOf(
      jsonPreview({
        invoice,
        lines: [jsonLine({ adjusts: { from: '2024-10-01', to: '2024-10-31' } })],
      }),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).not.toMatch(/not before/);
  });
});

describe('SPEC §10 What was invoiced: a file wrong throughout', () => {
  const withBadLines = (n: number) =>
    problemsOf(jsonPreview({ lines: Array.from({ length: n }, () => jsonLine({ booking: '' })) }));

  it('ten problems are listed whole', () => {
    const problems = withBadLines(10);
    expect(problems).toHaveLength(10);
    expect(problems[9]).toBe('invoices[0].lines[9].booking must be an id; found ""');
  });

  it('past ten, the first ten and how many more', () => {
    expect(withBadLines(11)).toHaveLength(11);
    expect(withBadLines(11)[10]).toBe('and 1 more problems like these');
    expect(withBadLines(25)[10]).toBe('and 15 more problems like these');
    expect(withBadLines(25)[9]).toBe('invoices[0].lines[9].booking must be an id; found ""');
  });
});

/** An issued preview as readIssuedPreview gives it. */
const issued = (period: DayRange, lines: IssuedLine[] = []): IssuedPreview => ({
  period,
  options: { dayRule: 'day', monthly52: false, prefix: 'INV', dueDays: 14 },
  lines,
});

const adjustmentOf = (adjusts: DayRange): IssuedLine => ({
  payerKind: 'location_contact',
  payer: 'la',
  booking: 'b-ann',
  contract: 'c-ann',
  basis: 'contract',
  serviceUser: 'ann',
  location: 'loc1',
  adjusts,
  days: 31,
  amountPence: 100,
});

describe('SPEC §10 What was invoiced: the issued periods given together', () => {
  const SEP = monthPeriod(2024, 9);
  const DEC = monthPeriod(2024, 12);

  it('issued periods before the period previewed, each given once, can be used', () => {
    expect(issuedPeriodProblems([issued(SEP), issued(OCT)], DEC)).toEqual([]);
    expect(issuedPeriodProblems([issued(OCT)], NOV)).toEqual([]);
  });

  it('one overlapping the period previewed is refused: an issued period is corrected, not previewed again', () => {
    expect(issuedPeriodProblems([issued(OCT), issued(NOV)], NOV)).toEqual([
      {
        index: 1,
        message:
          'its period 2024-11-01 – 2024-11-30 overlaps the period being previewed (2024-11-01 – 2024-11-30): a period already issued is corrected by a later preview, not previewed again',
      },
    ]);
    // one starting on the period's last day overlaps it: it is not after it
    const lastDayOn = { from: d('2024-11-30'), to: d('2024-12-31') };
    expect(issuedPeriodProblems([issued(lastDayOn)], NOV).map((p) => p.message)).toEqual([
      'its period 2024-11-30 – 2024-12-31 overlaps the period being previewed (2024-11-01 – 2024-11-30): a period already issued is corrected by a later preview, not previewed again',
    ]);
  });

  it('one after the period previewed is refused: adjustments go onto a later period’s invoices', () => {
    expect(issuedPeriodProblems([issued(DEC)], NOV)).toEqual([
      {
        index: 0,
        message:
          "its period 2024-12-01 – 2024-12-31 is after the period being previewed (2024-11-01 – 2024-11-30): adjustments go onto a later period's invoices",
      },
    ]);
    // the day after the period previewed ends is after it
    expect(
      issuedPeriodProblems([issued({ from: d('2024-12-01'), to: d('2024-12-01') })], NOV),
    ).toHaveLength(1);
  });

  it('one overlapping another issued period is refused, naming the other', () => {
    const midOct = { from: d('2024-10-15'), to: d('2024-11-14') };
    expect(issuedPeriodProblems([issued(OCT), issued(midOct)], DEC)).toEqual([
      {
        index: 1,
        message:
          'its period 2024-10-15 – 2024-11-14 overlaps the period of another issued preview (2024-10-01 – 2024-10-31): give each issued period once',
      },
    ]);
  });

  it('an adjustment line must adjust an issued period exactly, or one not given', () => {
    const partOfOct = { from: d('2024-10-01'), to: d('2024-10-15') };
    expect(
      issuedPeriodProblems([issued(OCT), issued(NOV, [adjustmentOf(partOfOct)])], DEC),
    ).toEqual([
      {
        index: 1,
        message:
          'a line of booking b-ann adjusts 2024-10-01 – 2024-10-15, which overlaps the issued period 2024-10-01 – 2024-10-31 without being it',
      },
    ]);
    const lateOct = { from: d('2024-10-15'), to: d('2024-10-31') };
    expect(
      issuedPeriodProblems([issued(OCT), issued(NOV, [adjustmentOf(lateOct)])], DEC),
    ).toHaveLength(1);
    expect(issuedPeriodProblems([issued(OCT), issued(NOV, [adjustmentOf(OCT)])], DEC)).toEqual([]);
    // September was not given: its adjustment cannot be checked against it
    expect(issuedPeriodProblems([issued(NOV, [adjustmentOf(monthPeriod(2024, 9))])], DEC)).toEqual(
      [],
    );
  });
});
