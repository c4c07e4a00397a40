/**
 * `@carebill/core/internal`: helpers the sibling packages (reports, cli, generator, carehq)
 * share with core, that are not part of the public API.
 *
 * @internal Not covered by semver: anything here may change or go in any release. Use the
 * root `@carebill/core` export; if you need something from here, open an issue saying why.
 *
 * @packageDocumentation
 */

export { checkPeriod } from './calendar/check.js';
export {
  addDays,
  addMonths,
  dayFromYmd,
  daysInMonth,
  formatDayDmy,
  formatDayLong,
  formatDayShort,
  formatMonth,
  isValidYmd,
  ymdOfDay,
} from './calendar/day.js';
export { computeCharges } from './charges/compute.js';
export { isCalendarMonth } from './charges/fee.js';
export {
  FIRST_DATE,
  FIRST_DAY,
  LAST_DATE,
  LAST_DAY,
  MAX_CAPITAL_LIMIT_PENCE,
  MAX_DUE_DAYS,
  MAX_FILE_BYTES,
  MAX_LEAD_MONTHS,
  MAX_PERIOD_DAYS,
  MAX_RUNWAY_MONTHS,
  MAX_UPLIFT_PERCENT,
  MAX_WITHIN_MONTHS,
} from './dataset/limits.js';
export { shortenValue, sortProblems } from './dataset/problems.js';
export { findInvalidChar } from './dataset/text-checks.js';
export { DEFAULT_DUE_DAYS, DEFAULT_PREFIX } from './invoices/options.js';
export { formatPoundsPlain } from './money/format.js';
export { sumPence } from './money/pence.js';
export { mulDivHalfUp } from './money/round.js';
export { type DecodedPerson, decodeReferralBody, personFields } from './referrals/encode.js';
export {
  DEFAULT_ORG_TYPE_ID,
  DEFAULT_SOURCE,
  DEFAULT_WITHIN_MONTHS,
} from './referrals/options.js';
