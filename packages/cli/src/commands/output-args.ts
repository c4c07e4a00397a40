/**
 * The options every command that writes a folder shares, and how they reach its output run
 * (`io/output-run.ts`).
 */
import type { OutputRunOptions } from '../io/output-run.js';

/** `--wait-lock`: wait for another run writing the same folder instead of failing. */
export const waitLockArg = {
  'wait-lock': {
    type: 'boolean',
    description: 'If another carebill run is writing the folder, wait for it instead of failing',
  },
} as const;

/**
 * The output-run options of a command that reads `--data` and writes `--out`: the folder,
 * the manifest's command and options, the lock wait, and never into the dataset itself.
 *
 * @example withOutputRun(outputRunOf('runway', args.out, args), async (run) => …)
 */
export function outputRunOf(
  command: string,
  folder: string,
  args: Readonly<Record<string, unknown>>,
): OutputRunOptions {
  const data = typeof args['data'] === 'string' ? args['data'] : undefined;
  // citty also hands over each --kebab-case option as camelCase: record it once, as typed.
  const options = Object.fromEntries(
    Object.entries(args).filter(
      ([key]) => key !== '_' && !(/[A-Z]/.test(key) && kebab(key) in args),
    ),
  );
  return {
    folder,
    command,
    options,
    waitForLock: args['wait-lock'] === true,
    ...(data !== undefined && { notInto: [{ path: data, what: 'the dataset folder (--data)' }] }),
  };
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
