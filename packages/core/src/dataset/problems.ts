/**
 * Problems found in input: one shape for dataset errors, record errors and warnings, and
 * the small factories that write their messages, so every message reads the same way.
 */
import type { ResourceName } from './model.js';

export type Severity = 'dataset' | 'record' | 'warning';

/** Stable codes; a person or a script can act on each. */
export type ProblemCode =
  // dataset errors: the run stops
  | 'NOT_JSON'
  | 'BAD_SHAPE'
  | 'DUPLICATE_ID'
  | 'MISSING_RESOURCE'
  | 'UNKNOWN_RESOURCE'
  | 'TOO_MANY_RECORDS'
  | 'UNREADABLE_FILE'
  | 'FILE_TOO_LARGE'
  // record errors: the resident (or contact) is parked
  | 'BAD_MONEY'
  | 'BAD_DATE'
  | 'BAD_VALUE'
  | 'MISSING_FIELD'
  | 'END_BEFORE_START'
  | 'UNKNOWN_RATE_PERIOD'
  | 'UNKNOWN_REFERENCE'
  | 'TWO_BALANCE_PAYERS'
  | 'OVERLAPPING_BOOKINGS'
  | 'MONEY_OUT_OF_RANGE'
  | 'TEXT_TOO_LONG'
  | 'LIST_TOO_LONG'
  | 'DUPLICATE_KEY'
  | 'TOO_MANY_CONTRACTS'
  | 'OTHER_RESIDENTS_RECORD'
  // warnings: written into the outputs, change nothing computed
  | 'DD_WITHOUT_MANDATE'
  | 'NO_EMAIL'
  | 'INCOMPLETE_ADDRESS'
  | 'NO_DELIVERY_CHANNEL'
  | 'RESPITE_WITHOUT_END'
  | 'FORMULA_TEXT'
  | 'OVER_CONTRACTED'
  | 'AMBIGUOUS_DEFAULT_PAYER'
  | 'FUND_OPENS_AFTER_AS_OF'
  | 'NEGATIVE_OPENING_BALANCE'
  | 'INVALID_TEXT'
  | 'BAD_TIMESTAMP'
  | 'NO_ACCOUNT_CODE'
  | 'ADJUSTMENT_HELD'
  // management pack warnings (SPEC §11): a figure the data cannot fully support
  | 'ROOM_WITHOUT_HOME'
  | 'BOOKING_WITHOUT_HOME'
  | 'OUT_OF_SERVICE_WITHOUT_ROOM'
  | 'OCCUPANCY_ABOVE_ROOMS';

export interface Problem {
  readonly severity: Severity;
  readonly code: ProblemCode;
  /** The resource at fault; '' for a problem of the dataset input as a whole (an unknown key). */
  readonly resource: ResourceName | '';
  /** The record's `_id`, or `#N` (its index in the file) when it has none. */
  readonly id: string;
  /** The field at fault, dotted for nested ones (`postal_address.postcode`); '' for a whole record. */
  readonly field: string;
  /** The offending value as text, shortened to 80 characters. */
  readonly value: string;
  /** A sentence a person can act on. */
  readonly message: string;
}

const MAX_VALUE_LENGTH = 80;

/**
 * The offending value as text, at most 80 characters (an ellipsis marks a cut).
 *
 * @example shortenValue('x'.repeat(100)).length === 80
 * @internal
 */
export function shortenValue(value: unknown): string {
  let text: string;
  if (value === undefined) text = '(missing)';
  // Parsed records can hold what JSON text cannot; JSON.stringify would print NaN as null.
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = `${value}n`;
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      // Too deeply nested (or otherwise unprintable): name its type rather than recurse again.
      text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : typeof value;
    }
  }
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/**
 * Sorts problems by resource, id, field, then code: the stable order of every report.
 *
 * @example sortProblems(problems)[0].resource === 'billing-contracts'
 * @internal
 */
export function sortProblems<T extends Problem>(problems: readonly T[]): T[] {
  return [...problems].sort(
    (a, b) =>
      compareText(a.resource, b.resource) ||
      compareText(a.id, b.id) ||
      compareText(a.field, b.field) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

/** Code-unit order, the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
