/**
 * SPEC §5's inputs, option by option: the defaults (horizon 36 months, England's limits,
 * a 3-month lead time, an uplift on 1 April), each range at its bounds, and each refusal's
 * code, option and wording — checked before any dataset is read.
 */
import { describe, expect, it } from 'vitest';
import { d } from '../../test/builders.js';
import { formatDay } from '../calendar/day.js';
import { CarebillError } from '../errors/carebill-error.js';
import { checkRunwayOptions, type RunwayOptions, resolveRunwayOptions } from './options.js';

const T = d('2024-11-22');
const resolve = (options: Record<string, unknown>) =>
  resolveRunwayOptions({ asOf: T, ...options } as RunwayOptions);

/** The refusal of some options: its code, the option it names and its message. */
function refusal(options: Record<string, unknown>) {
  try {
    checkRunwayOptions({ asOf: T, ...options } as RunwayOptions);
  } catch (error) {
    if (!(error instanceof CarebillError)) throw error;
    return { code: error.code, option: error.option, message: error.message };
  }
  throw new Error('expected a CarebillError, but the options were accepted');
}

describe('SPEC §5 runway defaults', () => {
  it('36 months, England, a 3-month lead time, no uplift', () => {
    const resolved = resolve({});
    expect(resolved).toEqual({
      asOf: T,
      months: 36,
      horizon: d('2027-11-30'),
      region: 'england',
      limits: { upperPence: 2325000, lowerPence: 1425000 },
      uplift: undefined,
      leadMonths: 3,
    });
  });

  it('an uplift without a date is on 1 April; a month without a day is on its 1st', () => {
    expect(resolve({ uplift: { percent: '3' } }).uplift).toEqual({
      percent: '3',
      month: 4,
      day: 1,
    });
    expect(resolve({ uplift: { percent: '3', month: 9 } }).uplift).toEqual({
      percent: '3',
      month: 9,
      day: 1,
    });
    expect(resolve({ uplift: { percent: '3', day: 6 } }).uplift).toEqual({
      percent: '3',
      month: 4,
      day: 6,
    });
  });

  it('a region gives its own limits; explicit limits win over it (region custom)', () => {
    expect(resolve({ region: 'scotland' })).toMatchObject({
      region: 'scotland',
      limits: { upperPence: 3550000, lowerPence: 2200000 },
    });
    expect(resolve({ limits: { upperPence: 9, lowerPence: 3 } })).toMatchObject({
      region: 'custom',
      limits: { upperPence: 9, lowerPence: 3 },
    });
  });

  it('months and leadMonths given are kept, and the horizon follows months', () => {
    const resolved = resolve({ months: 2, leadMonths: 6 });
    expect([resolved.months, resolved.leadMonths, formatDay(resolved.horizon)]).toEqual([
      2,
      6,
      '2025-01-31',
    ]);
  });
});

describe('SPEC §5 runway options: each range, at its bounds, and what a refusal says', () => {
  it('asOf: a day from 1900 to 2199', () => {
    expect(refusal({ asOf: d('1899-12-31') })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'asOf',
      message: 'asOf must be from 1900-01-01 to 2199-12-31; found 1899-12-31',
    });
    expect(refusal({ asOf: d('2200-01-01') }).option).toBe('asOf');
    expect(resolve({ asOf: d('2199-12-31') }).asOf).toBe(d('2199-12-31'));
  });

  it('months: 1 to 600', () => {
    expect(refusal({ months: 0 })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'months',
      message: 'months must be a whole number from 1 to 600 (months); found 0',
    });
    expect(refusal({ months: 601 }).code).toBe('OUT_OF_RANGE');
    expect(resolve({ months: 600 }).months).toBe(600);
  });

  it('leadMonths: 0 to 24', () => {
    expect(refusal({ leadMonths: 25 })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'leadMonths',
      message: 'leadMonths must be a whole number from 0 to 24 (months); found 25',
    });
    expect(refusal({ leadMonths: -1 }).option).toBe('leadMonths');
    expect(resolve({ leadMonths: 0 }).leadMonths).toBe(0);
  });

  it('region: one of the four nations', () => {
    expect(refusal({ region: 'cornwall' })).toEqual({
      code: 'INVALID_OPTION',
      option: 'region',
      message: 'region must be one of england, scotland, wales, northern-ireland; found "cornwall"',
    });
  });

  it('limits: whole pence from 0 to £10,000,000, lower ≤ upper, nothing else in the object', () => {
    expect(refusal({ limits: { upperPence: 23250.5, lowerPence: 0 } })).toEqual({
      code: 'INVALID_OPTION',
      option: 'limits.upperPence',
      message:
        'limits.upperPence must be a whole number from 0 to 1000000000 (pence); found 23250.5',
    });
    expect(refusal({ limits: { upperPence: 100, lowerPence: -1 } })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'limits.lowerPence',
      message: 'limits.lowerPence must be a whole number from 0 to 1000000000 (pence); found -1',
    });
    expect(refusal({ limits: { upperPence: 1_000_000_001, lowerPence: 0 } }).code).toBe(
      'OUT_OF_RANGE',
    );
    expect(resolve({ limits: { upperPence: 1_000_000_000, lowerPence: 0 } }).limits).toEqual({
      upperPence: 1_000_000_000,
      lowerPence: 0,
    });
    expect(refusal({ limits: { upperPence: 100, lowerPence: 101 } })).toEqual({
      code: 'REVERSED_RANGE',
      option: 'limits',
      message:
        'limits: the lower limit (101 pence) is above the upper limit (100 pence); give lowerPence ≤ upperPence (equal for a single limit, as in Wales)',
    });
    expect(refusal({ limits: { upperPence: 100, lowerPence: 50, upper: 1 } }).option).toBe(
      'limits.upper',
    );
  });

  it('uplift.percent: decimal text (a number is refused as a float would be), 0 to 20', () => {
    expect(refusal({ uplift: { percent: 3.5 } })).toEqual({
      code: 'INVALID_OPTION',
      option: 'uplift.percent',
      message:
        'uplift.percent must be a percentage written as decimal text (text, so no float is involved), with up to 6 decimals, such as "3.5" (no % sign); found 3.5',
    });
    expect(refusal({ uplift: { percent: '3.5%' } }).message).toBe(
      'uplift.percent must be a percentage written as decimal text, with up to 6 decimals, such as "3.5" (no % sign); found "3.5%"',
    );
    expect(refusal({ uplift: { percent: '20.000001' } })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'uplift.percent',
      message: 'uplift.percent must be from 0 to 20 (percent a year); found "20.000001"',
    });
  });

  it.each([
    ['0', true],
    ['19.999999', true],
    ['20', true],
    ['20.000000', true],
    ['20.000001', false],
    ['20.5', false],
    ['21', false],
    ['100', false],
  ])('uplift.percent %j is within 0 to 20: %s', (percent, ok) => {
    const check = () => checkRunwayOptions({ asOf: T, uplift: { percent } });
    if (ok) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });

  it('uplift.month: 1 to 12', () => {
    expect(refusal({ uplift: { percent: '3', month: 13 } })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'uplift.month',
      message: 'uplift.month must be a whole number from 1 to 12; found 13',
    });
    expect(refusal({ uplift: { percent: '3', month: 0 } }).option).toBe('uplift.month');
    expect(resolve({ uplift: { percent: '3', month: 1 } }).uplift?.month).toBe(1);
    expect(resolve({ uplift: { percent: '3', month: 12 } }).uplift?.month).toBe(12);
  });

  it('uplift.day: 1 to 31, a day of its month in a leap year (29 February allowed)', () => {
    expect(refusal({ uplift: { percent: '3', day: 32 } })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'uplift.day',
      message: 'uplift.day must be a whole number from 1 to 31; found 32',
    });
    expect(refusal({ uplift: { percent: '3', day: 0 } }).option).toBe('uplift.day');
    expect(refusal({ uplift: { percent: '3', month: 4, day: 31 } })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'uplift.day',
      message:
        'uplift.day 31 does not exist in month 4; give a day of that month (29 February is allowed and falls on the 28th in other years)',
    });
    expect(refusal({ uplift: { percent: '3', month: 2, day: 30 } }).option).toBe('uplift.day');
    expect(resolve({ uplift: { percent: '3', month: 2, day: 29 } }).uplift?.day).toBe(29);
    expect(resolve({ uplift: { percent: '3', month: 3, day: 31 } }).uplift?.day).toBe(31);
  });

  it('an unknown key is refused, in the options and in the uplift', () => {
    expect(refusal({ uplift: { percent: '3', months: 4 } }).option).toBe('uplift.months');
    expect(refusal({ horizon: 12 }).option).toBe('options.horizon');
  });

  it('what used to be options (parked, warnings) says to pass the load result instead', () => {
    expect(refusal({ parked: [] })).toEqual({
      code: 'INVALID_OPTION',
      option: 'options.parked',
      message:
        'options has an unknown key "parked". The runway takes parked residents from the load result: pass the whole result of loadDataset as the first argument.',
    });
    expect(refusal({ warnings: [] }).message).toBe(
      'options has an unknown key "warnings". The runway takes the loader\'s warnings from the load result: pass the whole result of loadDataset as the first argument.',
    );
  });
});
