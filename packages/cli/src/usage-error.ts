import { CarebillError } from '@carebill/core';

/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Exit codes of SPEC §2.1; an environment failure (disk full, permissions) exits 1 like
 * dataset errors: the run wrote nothing, and the fix is outside the command line.
 */
export const EXIT = { ok: 0, datasetErrors: 1, environment: 1, usage: 2, parked: 3 } as const;

/**
 * How a core option is named on the command line: the flag (its name replaces the option's
 * at the start of core's message), or a function writing the whole message.
 */
export type FlagNames = Readonly<Record<string, string | ((error: CarebillError) => string)>>;

/**
 * Whether a thrown error is core refusing an option (not a bug, not a dataset problem):
 * the CLI reports it as a usage error, exit 2.
 */
export function isOptionError(error: unknown): error is CarebillError {
  return (
    error instanceof CarebillError && error.code !== 'INTERNAL' && error.code !== 'DATASET_ERRORS'
  );
}

/**
 * Core's message with the option named as the flag the user typed: `dueDays must be …`
 * becomes `--due-days must be …`. An option not in `flags` (nor its parent, `period` for
 * `period.to`) keeps core's wording.
 *
 * @example flagMessage(error, { dueDays: '--due-days' }) // '--due-days must be a whole number …'
 */
export function flagMessage(error: CarebillError, flags: FlagNames): string {
  const option = error.option ?? '';
  const name = flags[option] ?? flags[option.split('.')[0] ?? ''];
  if (name === undefined) return error.message;
  if (typeof name === 'function') return name(error);
  return error.message.startsWith(option)
    ? `${name}${error.message.slice(option.length)}`
    : `${name}: ${error.message}`;
}

/**
 * Runs a core option check; core refusing an option becomes a {@link UsageError} naming
 * the flag. Anything else is rethrown as it is.
 *
 * @example asUsageError({ dueDays: '--due-days' }, () => checkPreviewOptions(options))
 */
export function asUsageError<T>(flags: FlagNames, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isOptionError(error)) throw new UsageError(flagMessage(error, flags), { cause: error });
    throw error;
  }
}
