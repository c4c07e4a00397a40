/** A mistake in how the command was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A run that could not be completed for a reason outside the data and the command line
 * (the queue's Redis lost, a chunk no worker could render): one line, exit code 1.
 */
export class RunFailure extends Error {
  override readonly name = 'RunFailure';
}

/**
 * Exit codes of SPEC §2.1; an environment failure (disk full, permissions) exits 1 like
 * dataset errors: the run wrote nothing, and the fix is outside the command line.
 */
export const EXIT = { ok: 0, datasetErrors: 1, environment: 1, usage: 2, parked: 3 } as const;
