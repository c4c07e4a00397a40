/**
 * SPEC §9's options, one by one: the defaults (a 6-month window, `org_type_id` 1, `source`
 * "1", no project), each range at its bounds, the text sent to Charitylog (trimmed, not
 * blank, not too long, no control characters) and each refusal's code, option and words.
 */
import { describe, expect, it } from 'vitest';
import { d } from '../../test/builders.js';
import { CarebillError } from '../errors/carebill-error.js';
import { checkReferralOptions, resolveReferralOptions } from './options.js';
import type { ReferralOptions } from './types.js';

const T = d('2025-09-14');
const consent = new Set(['su1']);
const base = { asOf: T, consent, upperLimitPence: 2325000 };
const resolve = (options: Record<string, unknown>) =>
  resolveReferralOptions({ ...base, ...options } as ReferralOptions);

/** The refusal of some options: its code, the option it names and its message. */
function refusal(options: Record<string, unknown>) {
  try {
    checkReferralOptions({ ...base, ...options } as ReferralOptions);
  } catch (error) {
    if (!(error instanceof CarebillError)) throw error;
    return { code: error.code, option: error.option, message: error.message };
  }
  throw new Error('expected a CarebillError, but the options were accepted');
}

describe('SPEC §9 referral defaults', () => {
  it('a 6-month window, org_type_id 1, source "1", no project', () => {
    expect(resolve({})).toEqual({
      asOf: T,
      withinMonths: 6,
      consent,
      upperLimitPence: 2325000,
      orgTypeId: 1,
      source: '1',
      project: undefined,
    });
  });

  it('options given are kept; a null source leaves the source out', () => {
    expect(
      resolve({ withinMonths: 0, orgTypeId: 1_000_000, source: null, project: 'P' }),
    ).toMatchObject({ withinMonths: 0, orgTypeId: 1_000_000, source: null, project: 'P' });
    expect(resolve({ withinMonths: 60 }).withinMonths).toBe(60);
  });
});

describe('SPEC §9 referral options: each range, at its bounds, and what a refusal says', () => {
  it('withinMonths: 0 to 60 months', () => {
    expect(refusal({ withinMonths: 61 })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'withinMonths',
      message: 'withinMonths must be a whole number from 0 to 60 (months); found 61',
    });
    expect(refusal({ withinMonths: -1 }).code).toBe('OUT_OF_RANGE');
  });

  it('upperLimitPence: whole pence from 0 to £10,000,000, and required', () => {
    expect(refusal({ upperLimitPence: 1_000_000_001 })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'upperLimitPence',
      message:
        'upperLimitPence must be a whole number from 0 to 1000000000 (pence); found 1000000001',
    });
    expect(refusal({ upperLimitPence: -1 }).code).toBe('OUT_OF_RANGE');
    expect(refusal({ upperLimitPence: undefined }).code).toBe('INVALID_OPTION');
    expect(resolve({ upperLimitPence: 0 }).upperLimitPence).toBe(0);
    expect(resolve({ upperLimitPence: 1_000_000_000 }).upperLimitPence).toBe(1_000_000_000);
  });

  it('orgTypeId: a whole number from 1 to 1,000,000', () => {
    expect(refusal({ orgTypeId: 0 })).toEqual({
      code: 'OUT_OF_RANGE',
      option: 'orgTypeId',
      message: 'orgTypeId must be a whole number from 1 to 1000000; found 0',
    });
    expect(refusal({ orgTypeId: 1_000_001 }).code).toBe('OUT_OF_RANGE');
    expect(resolve({ orgTypeId: 1 }).orgTypeId).toBe(1);
  });

  it('consent: a Set of service user ids (not a list, not null, not text, not missing)', () => {
    const message =
      'consent must be a Set of the service user ids the home may refer (new Set(ids)); found ["su1"]';
    expect(refusal({ consent: ['su1'] })).toEqual({
      code: 'INVALID_OPTION',
      option: 'consent',
      message,
    });
    // A list that happens to have a `has` method is still a list.
    const listWithHas = Object.assign(['su1'], { has: () => true });
    expect(refusal({ consent: listWithHas }).option).toBe('consent');
    expect(refusal({ consent: null }).option).toBe('consent');
    expect(refusal({ consent: 'su1' }).option).toBe('consent');
    expect(refusal({ consent: {} }).option).toBe('consent');
    // Missing, or a function that happens to have a `has` method: not a Set either.
    expect(refusal({ consent: undefined }).option).toBe('consent');
    expect(refusal({ consent: Object.assign(() => true, { has: () => true }) }).option).toBe(
      'consent',
    );
  });

  it('source: text of 1 to 100 characters, trimmed; project: 1 to 200', () => {
    expect(resolve({ source: ' 2 ', project: '\u00a0P7 ' })).toMatchObject({
      source: '2',
      project: 'P7',
    });
    expect(resolve({ source: 'x'.repeat(100), project: 'y'.repeat(200) })).toMatchObject({
      source: 'x'.repeat(100),
      project: 'y'.repeat(200),
    });
    expect(refusal({ source: 'x'.repeat(101) })).toEqual({
      code: 'INVALID_OPTION',
      option: 'source',
      message: `source must be text of 1 to 100 characters, not blank and without control characters; found "${'x'.repeat(58)}…`,
    });
    expect(refusal({ project: 'y'.repeat(201) }).message).toMatch(
      /^project must be text of 1 to 200 characters, not blank and without control characters; found "/,
    );
    expect(refusal({ source: '   ' }).option).toBe('source');
    expect(refusal({ source: 1 }).option).toBe('source');
    expect(refusal({ project: '' }).option).toBe('project');
  });

  it.each([
    ['a tab', 'A\tB', false],
    ['a unit separator (U+001F)', 'A\u001fB', false],
    ['a NUL', '\u0000A', false],
    ['DEL (U+007F)', 'A\u007f', false],
    ['a space', 'A B', true],
    ['a tilde (U+007E)', 'A~', true],
    ['a non-breaking space and a pound sign', 'A\u00a0£', true],
  ])('a project with %s is accepted: %s', (_label, project, ok) => {
    if (ok) expect(resolve({ project }).project).toBe(project.trim());
    else expect(refusal({ project }).option).toBe('project');
  });

  it('asOf: a calendar day', () => {
    expect(refusal({ asOf: '2025-09-14' })).toMatchObject({
      code: 'INVALID_OPTION',
      option: 'asOf',
    });
  });

  it('an unknown key is refused, naming it', () => {
    expect(refusal({ window: 6 }).option).toBe('options.window');
  });
});
