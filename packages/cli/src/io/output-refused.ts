/**
 * An output folder carebill will not write into (or cannot have now): a folder of files it
 * did not write, the dataset folder itself, a folder another run is writing, a file in the
 * way. The CLI prints the message alone (no usage text) and exits 2, like a usage error:
 * nothing was changed, and the fix is in how the command was called.
 */
export class OutputRefusedError extends Error {
  override readonly name = 'OutputRefusedError';
}
