/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * Exit codes of SPEC §2.1; an environment failure (disk full, permissions) exits 1 like
 * dataset errors: the run wrote nothing, and the fix is outside the command line.
 */
export const EXIT = { ok: 0, datasetErrors: 1, environment: 1, usage: 2, parked: 3 } as const;
