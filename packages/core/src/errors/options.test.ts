/**
 * Every option is checked in core: each silent wrong answer of issue #13 is now a
 * `CarebillError` with a stable code and the option's name.
 */
import { describe, expect, it } from 'vitest';
import { booking, careFund, d, dataset, loaded, serviceUser } from '../../test/builders.js';
import { firstOfMonth, formatDay, lastOfMonth } from '../calendar/day.js';
import { monthPeriod } from '../calendar/range.js';
import { loadDataset } from '../dataset/load.js';
import type { LoadedDataset } from '../dataset/load-types.js';
import { checkPreviewOptions, type PreviewOptions } from '../invoices/options.js';
import { buildPreview } from '../invoices/preview.js';
import { roundHalfUpDiv } from '../money/round.js';
import { encodeReferralBody } from '../referrals/encode.js';
import { referralCandidatesFromRunway } from '../referrals/from-runway.js';
import { checkReferralOptions } from '../referrals/options.js';
import { planReferrals } from '../referrals/plan.js';
import type { ReferralOptions } from '../referrals/types.js';
import { checkRunwayOptions, type RunwayOptions } from '../runway/options.js';
import { projectRunway } from '../runway/project.js';
import { CAREBILL_ERROR_CODES, CarebillError } from './carebill-error.js';

/** The CarebillError a call throws (failing the test when it throws nothing, or anything else). */
function refusal(run: () => unknown): CarebillError {
  try {
    run();
  } catch (error) {
    if (error instanceof CarebillError) return error;
    throw error;
  }
  throw new Error('expected a CarebillError, but nothing was thrown');
}

const what = (run: () => unknown) => {
  const error = refusal(run);
  return { code: error.code, option: error.option };
};

const home = loaded(
  dataset({
    bookings: [booking({ id: 'b1' })],
    serviceUsers: [serviceUser('su1', { billingEnabled: true })],
    careFunds: [careFund({ id: 'f1', openingBalanceDate: d('2024-11-01') })],
  }),
);
const NOV = monthPeriod(2024, 11);
const preview = (options: Partial<PreviewOptions>) =>
  buildPreview(home, { period: NOV, ...options } as PreviewOptions);
const runway = (options: Partial<RunwayOptions>) =>
  projectRunway(home, { asOf: d('2024-11-22'), ...options } as RunwayOptions);

describe('CarebillError', () => {
  it('is an Error with a name, a stable code, the option and a cause', () => {
    const cause = new Error('underlying');
    const error = new CarebillError('OUT_OF_RANGE', 'dueDays must be …', {
      option: 'dueDays',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CarebillError');
    expect([error.code, error.option, error.message, error.cause]).toEqual([
      'OUT_OF_RANGE',
      'dueDays',
      'dueDays must be …',
      cause,
    ]);
    expect(String(error)).toBe('CarebillError: dueDays must be …');
    expect(CAREBILL_ERROR_CODES).toEqual([
      'INVALID_OPTION',
      'OUT_OF_RANGE',
      'REVERSED_RANGE',
      'DATASET_ERRORS',
      'INTERNAL',
    ]);
  });

  it('a broken invariant is INTERNAL, names no option and asks for a report', () => {
    const error = refusal(() => roundHalfUpDiv(1, 0));
    expect([error.code, error.option]).toEqual(['INTERNAL', undefined]);
    expect(error.message).toContain('a bug in carebill');
  });
});

describe('preview options', () => {
  it('dueDays: -30 (a due date before the issue date) is OUT_OF_RANGE', () => {
    expect(what(() => preview({ dueDays: -30 }))).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'dueDays',
    });
    expect(refusal(() => preview({ dueDays: -30 })).message).toBe(
      'dueDays must be a whole number from 0 to 365 (days); found -30',
    );
    expect(what(() => preview({ dueDays: 366 }))).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'dueDays',
    });
  });

  it.each([Number.NaN, 1.5, '14', Number.POSITIVE_INFINITY])(
    'dueDays: %j is INVALID_OPTION',
    (dueDays) => {
      expect(what(() => preview({ dueDays: dueDays as number }))).toEqual({
        code: 'INVALID_OPTION',
        option: 'dueDays',
      });
    },
  );

  it('dueDays 0 and 365 are the bounds, both allowed', () => {
    expect(formatDay(preview({ dueDays: 0 }).invoices[0]!.dueDate)).toBe('2024-11-01');
    expect(formatDay(preview({ dueDays: 365 }).invoices[0]!.dueDate)).toBe('2025-11-01');
  });

  it.each([
    ['empty', ''],
    ['a slash', 'INV/2024'],
    ['a leading dash', '-INV'],
    ['a space', 'INV 1'],
    ['21 characters', 'A'.repeat(21)],
    ['a number', 7],
  ])("prefix: %s (numbers like '-202411-0001') is INVALID_OPTION", (_label, prefix) => {
    expect(what(() => preview({ prefix: prefix as string }))).toEqual({
      code: 'INVALID_OPTION',
      option: 'prefix',
    });
  });

  it('a safe prefix numbers the invoices', () => {
    expect(preview({ prefix: 'INV_2-a' }).invoices[0]?.number).toBe('INV_2-a-202411-0001');
  });

  it('a refused prefix says what a prefix may be', () => {
    expect(refusal(() => preview({ prefix: '-INV' })).message).toBe(
      'prefix must be 1–20 letters, digits, - or _, starting with a letter or digit (it begins every invoice number and file name); found "-INV"',
    );
  });

  it('dayRule is day or night: both are taken', () => {
    expect(() => preview({ dayRule: 'day' })).not.toThrow();
    expect(() => preview({ dayRule: 'night' })).not.toThrow();
  });

  it('invoiced must be a list of issued previews, each { period, options, lines }', () => {
    const notList = refusal(() => preview({ invoiced: 'october' as never }));
    expect({ code: notList.code, option: notList.option }).toEqual({
      code: 'INVALID_OPTION',
      option: 'invoiced',
    });
    expect(notList.message).toBe(
      'invoiced must be a list of issued previews (from readIssuedPreview); found "october"',
    );
    const notPreview = refusal(() => preview({ invoiced: [{ lines: [] }] as never }));
    expect({ code: notPreview.code, option: notPreview.option }).toEqual({
      code: 'INVALID_OPTION',
      option: 'invoiced[0]',
    });
    expect(notPreview.message).toMatch(
      /^invoiced\[0\] must be an issued preview \{ period, options, lines \} \(from readIssuedPreview\); found /,
    );
    const badPeriod = refusal(() =>
      preview({ invoiced: [{ period: 'October', options: {}, lines: [] }] as never }),
    );
    expect(badPeriod.option).toBe('invoiced[0].period');
  });

  it('an issued preview of the period previewed is refused, naming which one', () => {
    const OCT = monthPeriod(2024, 10);
    const overlap = refusal(() =>
      preview({
        invoiced: [
          { period: OCT, options: {}, lines: [] },
          { period: NOV, options: {}, lines: [] },
        ] as never,
      }),
    );
    expect({ code: overlap.code, option: overlap.option }).toEqual({
      code: 'INVALID_OPTION',
      option: 'invoiced[1]',
    });
    expect(overlap.message).toMatch(/^invoiced\[1\]: \S/);
  });

  it('a reversed period is REVERSED_RANGE, not 0 invoices', () => {
    const reversed = { from: d('2024-11-30'), to: d('2024-11-01') };
    expect(what(() => preview({ period: reversed }))).toEqual({
      code: 'REVERSED_RANGE',
      option: 'period',
    });
    expect(refusal(() => preview({ period: reversed })).message).toBe(
      'period ends on 2024-11-01, before it starts on 2024-11-30; to is the last day of the period (included), so it cannot be before from',
    );
  });

  it('a period longer than a year, or outside 1900–2199, is OUT_OF_RANGE', () => {
    const long = { from: d('2024-01-01'), to: d('2025-01-01') };
    expect(what(() => preview({ period: long }))).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'period',
    });
    expect(refusal(() => preview({ period: long })).message).toBe(
      'period 2024-01-01 – 2025-01-01 is 367 days; bill at most 366 days (a year) at a time',
    );
    expect(preview({ period: { from: d('2024-01-01'), to: d('2024-12-31') } }).period.to).toBe(
      d('2024-12-31'),
    );
    const early = refusal(() => preview({ period: { from: d('1899-12-31'), to: NOV.to } }));
    expect([early.code, early.option, early.message]).toEqual([
      'OUT_OF_RANGE',
      'period.from',
      'period.from must be from 1900-01-01 to 2199-12-31; found 1899-12-31',
    ]);
  });

  it('a NaN, text or missing period is INVALID_OPTION naming the part', () => {
    expect(what(() => preview({ period: { from: Number.NaN as never, to: NOV.to } }))).toEqual({
      code: 'INVALID_OPTION',
      option: 'period.from',
    });
    const text = refusal(() => preview({ period: { from: NOV.from, to: '2024-11-30' as never } }));
    expect([text.code, text.option]).toEqual(['INVALID_OPTION', 'period.to']);
    expect(text.message).toContain(`parseDay("2024-11-30")`);
    expect(what(() => buildPreview(home, {} as PreviewOptions))).toEqual({
      code: 'INVALID_OPTION',
      option: 'period',
    });
    expect(what(() => preview({ period: { from: NOV.from, to: 3_000_000 as never } }))).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'period.to',
    });
  });

  it('an unknown day rule, a non-boolean monthly52 and a misspelt key are INVALID_OPTION', () => {
    expect(what(() => preview({ dayRule: 'noon' as never }))).toEqual({
      code: 'INVALID_OPTION',
      option: 'dayRule',
    });
    expect(what(() => preview({ monthly52: 'yes' as never }))).toEqual({
      code: 'INVALID_OPTION',
      option: 'monthly52',
    });
    const typo = refusal(() => preview({ montly52: true } as never));
    expect([typo.code, typo.option]).toEqual(['INVALID_OPTION', 'options.montly52']);
    expect(typo.message).toContain('Did you mean "monthly52"?');
  });

  it('checkPreviewOptions makes the same checks without a dataset', () => {
    const options = { period: NOV, dueDays: -30 };
    expect(refusal(() => checkPreviewOptions(options))).toEqual(
      refusal(() => buildPreview(home, options)),
    );
    expect(() => checkPreviewOptions({ period: NOV })).not.toThrow();
  });
});

describe('the load result, whole', () => {
  it('a Dataset (the old loaded.dataset argument) or a partial result is INVALID_OPTION', () => {
    const error = refusal(() => projectRunway(home.dataset as never, { asOf: d('2024-11-22') }));
    expect([error.code, error.option]).toEqual(['INVALID_OPTION', 'loaded']);
    expect(error.message).toContain('found a Dataset (loaded.dataset)');
    const { warnings: _warnings, ...partial } = home;
    expect(what(() => buildPreview(partial as never, { period: NOV }))).toEqual({
      code: 'INVALID_OPTION',
      option: 'loaded',
    });
  });

  it('a load with dataset errors is DATASET_ERRORS everywhere, never a partial answer', () => {
    const broken: LoadedDataset = loadDataset({ bookings: '[', rooms: '[]' });
    expect(broken.errors.length).toBeGreaterThan(0);
    for (const run of [
      () => buildPreview(broken, { period: NOV }),
      () => projectRunway(broken, { asOf: d('2024-11-22') }),
      () => referralCandidatesFromRunway(broken, { asOf: d('2024-11-22') }),
      () =>
        planReferrals(broken, [], {
          asOf: d('2024-11-22'),
          consent: new Set(),
          upperLimitPence: 1,
        }),
    ]) {
      expect(what(run)).toEqual({ code: 'DATASET_ERRORS', option: 'loaded' });
    }
  });

  it('the load carries its parked residents and warnings into the runway', () => {
    const parked = { serviceUser: 'su9', problems: [] };
    const warning = {
      severity: 'warning' as const,
      code: 'NO_ACCOUNT_CODE' as const,
      resource: 'service-users' as const,
      id: 'su1',
      field: 'account_code',
      value: '""',
      message: 'no account code',
    };
    const withProblems = { ...home, parked: [parked], warnings: [warning] };
    const result = projectRunway(withProblems, { asOf: d('2024-11-22') });
    expect(result.parked).toEqual([parked]);
    expect(result.warnings).toContainEqual(warning);
  });
});

describe('calendar', () => {
  it('firstOfMonth(2024, 13) is OUT_OF_RANGE, not 1 Jan 2025', () => {
    expect(what(() => firstOfMonth(2024, 13))).toEqual({ code: 'OUT_OF_RANGE', option: 'month' });
    expect(refusal(() => firstOfMonth(2024, 13)).message).toBe(
      'month must be a whole number from 1 to 12; found 13',
    );
  });

  it.each([
    ['lastOfMonth(2024, 0)', () => lastOfMonth(2024, 0), 'OUT_OF_RANGE', 'month'],
    ['monthPeriod(2024, 13)', () => monthPeriod(2024, 13), 'OUT_OF_RANGE', 'month'],
    ['firstOfMonth(10000, 1)', () => firstOfMonth(10000, 1), 'OUT_OF_RANGE', 'year'],
    ['firstOfMonth(0, 1)', () => firstOfMonth(0, 1), 'OUT_OF_RANGE', 'year'],
    ['firstOfMonth(2024, 1.5)', () => firstOfMonth(2024, 1.5), 'INVALID_OPTION', 'month'],
    ['lastOfMonth(NaN, 2)', () => lastOfMonth(Number.NaN, 2), 'INVALID_OPTION', 'year'],
    ['formatDay(NaN)', () => formatDay(Number.NaN as never), 'INVALID_OPTION', 'day'],
  ])('%s is refused', (_label, run, code, option) => {
    expect(what(run)).toEqual({ code, option });
  });

  it('the month functions still give the days they promise', () => {
    expect(formatDay(firstOfMonth(2024, 12))).toBe('2024-12-01');
    expect(formatDay(lastOfMonth(2024, 2))).toBe('2024-02-29');
    expect(formatDay(lastOfMonth(9999, 12))).toBe('9999-12-31');
    const { from, to } = monthPeriod(2023, 2);
    expect([formatDay(from), formatDay(to)]).toEqual(['2023-02-01', '2023-02-28']);
  });
});

describe('runway options', () => {
  it.each([
    ['months: -1', { months: -1 }, 'OUT_OF_RANGE', 'months'],
    ['months: 601', { months: 601 }, 'OUT_OF_RANGE', 'months'],
    ['months: 1.5', { months: 1.5 }, 'INVALID_OPTION', 'months'],
    ['leadMonths: 25', { leadMonths: 25 }, 'OUT_OF_RANGE', 'leadMonths'],
    ['leadMonths: NaN', { leadMonths: Number.NaN }, 'INVALID_OPTION', 'leadMonths'],
    ['region: Wales', { region: 'Wales' }, 'INVALID_OPTION', 'region'],
    [
      'lower above upper',
      { limits: { upperPence: 100, lowerPence: 200 } },
      'REVERSED_RANGE',
      'limits',
    ],
    [
      'a negative limit',
      { limits: { upperPence: 100, lowerPence: -1 } },
      'OUT_OF_RANGE',
      'limits.lowerPence',
    ],
    [
      'limits in pounds',
      { limits: { upperPence: 23250.5, lowerPence: 0 } },
      'INVALID_OPTION',
      'limits.upperPence',
    ],
    ['uplift as a number', { uplift: { percent: 3.5 } }, 'INVALID_OPTION', 'uplift.percent'],
    ['uplift with a % sign', { uplift: { percent: '3.5%' } }, 'INVALID_OPTION', 'uplift.percent'],
    [
      'an uplift on 30 February',
      { uplift: { percent: '3', month: 2, day: 30 } },
      'OUT_OF_RANGE',
      'uplift.day',
    ],
    [
      'an uplift in month 13',
      { uplift: { percent: '3', month: 13 } },
      'OUT_OF_RANGE',
      'uplift.month',
    ],
    ['asOf: NaN', { asOf: Number.NaN }, 'INVALID_OPTION', 'asOf'],
    ['asOf as text', { asOf: '2024-11-22' }, 'INVALID_OPTION', 'asOf'],
    ['months: 0', { months: 0 }, 'OUT_OF_RANGE', 'months'],
    ['asOf after 2199', { asOf: d('2200-01-01') }, 'OUT_OF_RANGE', 'asOf'],
    ['asOf before 1900', { asOf: d('1899-12-31') }, 'OUT_OF_RANGE', 'asOf'],
    ['an uplift over 20%', { uplift: { percent: '20.000001' } }, 'OUT_OF_RANGE', 'uplift.percent'],
    [
      'limits over £10m',
      { limits: { upperPence: 1_000_000_001, lowerPence: 0 } },
      'OUT_OF_RANGE',
      'limits.upperPence',
    ],
    ['the old parked option', { parked: [] }, 'INVALID_OPTION', 'options.parked'],
  ])('%s is refused', (_label, options, code, option) => {
    expect(what(() => runway(options as Partial<RunwayOptions>))).toEqual({ code, option });
    expect(what(() => checkRunwayOptions({ asOf: d('2024-11-22'), ...options } as never))).toEqual({
      code,
      option,
    });
  });

  it('says how to pass what used to be options, and what a misspelt region was', () => {
    expect(refusal(() => runway({ warnings: [] } as never)).message).toContain(
      'pass the whole result of loadDataset',
    );
    expect(refusal(() => runway({ region: 'Wales' as never })).message).toBe(
      'region must be one of england, scotland, wales, northern-ireland; found "Wales". Did you mean "wales"?',
    );
  });

  it('the bounds are allowed: 1 and 600 months, 0 and 24 lead months, equal limits, 20%, 29 February', () => {
    expect(formatDay(runway({ months: 1 }).horizonEnd)).toBe('2024-12-31');
    expect(formatDay(runway({ months: 600 }).horizonEnd)).toBe('2074-11-30');
    expect(runway({ leadMonths: 24 }).leadMonths).toBe(24);
    expect(runway({ leadMonths: 0, limits: { upperPence: 5, lowerPence: 5 } }).region).toBe(
      'custom',
    );
    expect(runway({ uplift: { percent: '20.000000' } }).uplift?.percent).toBe('20.000000');
    expect(runway({ limits: { upperPence: 1_000_000_000, lowerPence: 0 } }).region).toBe('custom');
    expect(runway({ uplift: { percent: '3.5', month: 2, day: 29 } }).uplift).toEqual({
      percent: '3.5',
      month: 2,
      day: 29,
    });
  });
});

describe('referral options', () => {
  const base: ReferralOptions = {
    asOf: d('2024-11-22'),
    consent: new Set(['su1']),
    upperLimitPence: 2325000,
  };
  it.each([
    ['withinMonths: 61', { withinMonths: 61 }, 'OUT_OF_RANGE', 'withinMonths'],
    ['withinMonths: -1', { withinMonths: -1 }, 'OUT_OF_RANGE', 'withinMonths'],
    ['orgTypeId: 0', { orgTypeId: 0 }, 'OUT_OF_RANGE', 'orgTypeId'],
    ['consent as a list', { consent: ['su1'] }, 'INVALID_OPTION', 'consent'],
    ['a negative limit', { upperLimitPence: -1 }, 'OUT_OF_RANGE', 'upperLimitPence'],
    ['no limit', { upperLimitPence: undefined }, 'INVALID_OPTION', 'upperLimitPence'],
    ['an empty source', { source: '' }, 'INVALID_OPTION', 'source'],
    ['a blank project', { project: '  ' }, 'INVALID_OPTION', 'project'],
    ['a control character', { project: 'A\u0007' }, 'INVALID_OPTION', 'project'],
  ])('%s is refused', (_label, options, code, option) => {
    const all = { ...base, ...options } as ReferralOptions;
    expect(what(() => planReferrals(home, [], all))).toEqual({ code, option });
    expect(what(() => checkReferralOptions(all))).toEqual({ code, option });
  });

  it('candidates must be a list, and a body has one of two encodings', () => {
    expect(what(() => planReferrals(home, 'su1' as never, base))).toEqual({
      code: 'INVALID_OPTION',
      option: 'candidates',
    });
    expect(what(() => encodeReferralBody([], 'xml' as never))).toEqual({
      code: 'INVALID_OPTION',
      option: 'encoding',
    });
  });

  it('a source and a project are trimmed, and null leaves the source out', () => {
    const candidates = referralCandidatesFromRunway(home, { asOf: d('2024-11-22') });
    const plan = planReferrals(home, candidates, { ...base, source: ' 2 ', project: ' 7 ' });
    expect(plan.referrals.map((r) => r.serviceUser)).toEqual(['su1']);
    const [person] = plan.referrals[0]!.people;
    expect([person?.source, person?.referral_role, person?.project]).toEqual(['2', '1', '7']);
    const silent = planReferrals(home, candidates, { ...base, source: null });
    expect(silent.referrals[0]?.people[0]?.source).toBeUndefined();
  });
});
