/**
 * The options every command that writes a folder shares, and how they reach its output run
 * (`io/output-run.ts`).
 */
import { createDatasetLoader } from '@carebill/core';
import type { FolderLoad, StartLoad } from '../io/load.js';
import type { OutputRun, OutputRunOptions } from '../io/output-run.js';

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

/**
 * A folder load that also records, in the run's manifest, the hash of the files read
 * (`--data` as read).
 *
 * @example await loadFolderOrReport(args.data, recordingLoader(run, args.data))
 */
export function recordingLoader(
  run: OutputRun,
  dir: string,
  start: StartLoad = createDatasetLoader,
): FolderLoad {
  return { start, onHash: (sha256) => run.setDataset(dir, sha256) };
}
