/**
 * The one error class core throws (tRPC's `TRPCError` is the model): a stable `code` a
 * program can branch on, the name of the option at fault, a message a person can act on,
 * and the underlying `cause` where there is one.
 *
 * Problems in the *data* are never thrown: `loadDataset` reports them in its result. A
 * `CarebillError` means the *call* was wrong (an option, or a load result that cannot be
 * used) or, with code `INTERNAL`, that carebill itself broke a rule it promises (a bug).
 */

/**
 * Why a call was refused. Stable: a code is never renamed or reused for another meaning.
 *
 * - `INVALID_OPTION` — an option has the wrong type or form: NaN, not a whole number, not a
 *   date made by `parseDay`, an unknown region or day rule, an empty or unsafe prefix, an
 *   uplift percentage that is not decimal text, a value that is not a load result.
 * - `OUT_OF_RANGE` — a well-formed number or date outside the range carebill accepts
 *   (`dueDays: -30`, `months: 1000`, `firstOfMonth(2024, 13)`, a horizon past 9999-12-31).
 * - `REVERSED_RANGE` — the end of a range is before its start: a period whose `to` is
 *   before its `from`, a lower capital limit above the upper one.
 * - `DATASET_ERRORS` — a load result with dataset errors was passed on; report
 *   `loaded.errors` and fix the data instead of computing from a partial dataset.
 * - `INTERNAL` — a broken invariant (fees not conserved, a line without a payer): a bug in
 *   carebill. Please report it with the input that caused it.
 */
export type CarebillErrorCode =
  | 'INVALID_OPTION'
  | 'OUT_OF_RANGE'
  | 'REVERSED_RANGE'
  | 'DATASET_ERRORS'
  | 'INTERNAL';

/** Every {@link CarebillErrorCode}, for exhaustive handling and tests. */
export const CAREBILL_ERROR_CODES: readonly CarebillErrorCode[] = [
  'INVALID_OPTION',
  'OUT_OF_RANGE',
  'REVERSED_RANGE',
  'DATASET_ERRORS',
  'INTERNAL',
];

export interface CarebillErrorOptions {
  /**
   * The option at fault, as the caller wrote it: `dueDays`, `period.to`, `uplift.percent`,
   * `month` (a function argument), `loaded`. Absent for `INTERNAL`.
   */
  readonly option?: string;
  /** The error that led to this one, when there is one. */
  readonly cause?: unknown;
}

/**
 * A refused call: a bad option, a load result that cannot be used, or (code `INTERNAL`) a
 * bug. Every error core throws is one of these; nothing else is thrown on purpose.
 *
 * @example
 * let refusal = '';
 * try {
 *   buildPreview(loaded, { period, dueDays: -30 });
 * } catch (error) {
 *   if (error instanceof CarebillError && error.code === 'OUT_OF_RANGE')
 *     refusal = `${error.option}: ${error.message}`; // 'dueDays: dueDays must be …'
 * }
 */
export class CarebillError extends Error {
  override readonly name = 'CarebillError';
  /** Why the call was refused; see {@link CarebillErrorCode}. */
  readonly code: CarebillErrorCode;
  /** The option at fault (`dueDays`, `period.to`, …); undefined for `INTERNAL`. */
  readonly option: string | undefined;

  constructor(code: CarebillErrorCode, message: string, options: CarebillErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.option = options.option;
  }
}

/**
 * A broken invariant: carebill computed something it promises never to (a bug).
 *
 * @internal
 * @example if (total !== sum) throw internalError(`preview does not conserve fees: …`)
 */
export function internalError(message: string, cause?: unknown): CarebillError {
  return new CarebillError(
    'INTERNAL',
    `${message} (a bug in carebill: please report it with the input that caused it)`,
    { cause }, // an undefined cause is left off (the constructor)
  );
}
