/**
 * The options of a referral plan (SPEC §9) and their checks: every option is refused with a
 * `CarebillError` naming it before anything is planned, written or sent.
 */
import { checkDay } from '../calendar/check.js';
import type { Day } from '../calendar/day.js';
import { MAX_CAPITAL_LIMIT_PENCE, MAX_WITHIN_MONTHS } from '../dataset/limits.js';
import { CarebillError } from '../errors/carebill-error.js';
import { checkInteger, checkOptionKeys, found } from '../errors/checks.js';
import type { ReferralOptions } from './types.js';

/**
 * The default window: council notice dates up to 6 months after T are referred.
 *
 * @internal
 */
export const DEFAULT_WITHIN_MONTHS = 6;
/**
 * Charitylog's `org_type_id` for a person, unless told otherwise.
 *
 * @internal
 */
export const DEFAULT_ORG_TYPE_ID = 1;
export const MAX_ORG_TYPE_ID = 1_000_000;
/**
 * Charitylog's `source` when a charity has one referral source.
 *
 * @internal
 */
export const DEFAULT_SOURCE = '1';

const KEYS = [
  'asOf',
  'withinMonths',
  'consent',
  'upperLimitPence',
  'orgTypeId',
  'source',
  'project',
];

/** The referral options with every default filled in, checked. */
export interface ResolvedReferralOptions {
  readonly asOf: Day;
  readonly withinMonths: number;
  readonly consent: ReadonlySet<string>;
  readonly upperLimitPence: number;
  readonly orgTypeId: number;
  /** Null leaves `source` and `referral_role` out. */
  readonly source: string | null;
  readonly project: string | undefined;
}

function hasControlCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Text sent to Charitylog: not blank, at most `max` characters, no control characters. */
function checkField(option: string, value: unknown, max: number): string {
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    value.length <= max &&
    !hasControlCharacter(value)
  ) {
    return value.trim();
  }
  throw new CarebillError(
    'INVALID_OPTION',
    `${option} must be text of 1 to ${max} characters, not blank and without control characters; found ${found(value)}`,
    { option },
  );
}

/**
 * The referral options, checked, with defaults filled in. Throws a `CarebillError` naming
 * the option: an invalid as-of date, `withinMonths` outside 0–60, a consent list that is
 * not a Set, an upper limit that is not whole pence, `orgTypeId` outside 1–1,000,000, a
 * blank source or project, an unknown key.
 *
 * @internal
 * @example resolveReferralOptions({ asOf, consent: new Set(), upperLimitPence: 2325000 }).withinMonths === 6
 */
export function resolveReferralOptions(options: ReferralOptions): ResolvedReferralOptions {
  const given = checkOptionKeys('options', options, KEYS);
  const consent = given['consent'];
  if (
    typeof consent !== 'object' ||
    consent === null ||
    typeof (consent as ReadonlySet<string>).has !== 'function' ||
    Array.isArray(consent)
  ) {
    throw new CarebillError(
      'INVALID_OPTION',
      `consent must be a Set of the service user ids the home may refer (new Set(ids)); found ${found(consent)}`,
      { option: 'consent' },
    );
  }
  const project =
    given['project'] === undefined ? undefined : checkField('project', given['project'], 200);
  return {
    asOf: checkDay('asOf', given['asOf']),
    withinMonths:
      given['withinMonths'] === undefined
        ? DEFAULT_WITHIN_MONTHS
        : checkInteger('withinMonths', given['withinMonths'], {
            min: 0,
            max: MAX_WITHIN_MONTHS,
            unit: 'months',
          }),
    consent: consent as ReadonlySet<string>,
    upperLimitPence: checkInteger('upperLimitPence', given['upperLimitPence'], {
      min: 0,
      max: MAX_CAPITAL_LIMIT_PENCE,
      unit: 'pence',
    }),
    orgTypeId:
      given['orgTypeId'] === undefined
        ? DEFAULT_ORG_TYPE_ID
        : checkInteger('orgTypeId', given['orgTypeId'], { min: 1, max: MAX_ORG_TYPE_ID }),
    source:
      given['source'] === undefined
        ? DEFAULT_SOURCE
        : given['source'] === null
          ? null
          : checkField('source', given['source'], 100),
    project,
  };
}

/**
 * Checks referral options without a dataset, so a form or a command line can refuse a bad
 * option before loading anything. `planReferrals` makes the same checks.
 *
 * @example checkReferralOptions({ asOf, consent: new Set(['su1']), upperLimitPence: 2325000, orgTypeId: 0 })
 * // throws CarebillError { code: 'OUT_OF_RANGE', option: 'orgTypeId' }
 */
export function checkReferralOptions(options: ReferralOptions): void {
  resolveReferralOptions(options);
}
