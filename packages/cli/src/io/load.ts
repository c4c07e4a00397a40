/**
 * Reading and loading a dataset folder, the first step of every command that takes --data
 * (validate, preview, export, runway, refer): the same checks, the same errors, the same
 * report in each.
 */
import { stat } from 'node:fs/promises';
import { createDatasetLoader, type DatasetLoader, type LoadedDataset } from '@carebill/core';
import { sortProblems } from '@carebill/core/internal';
import { formatReport } from '../commands/validate.js';
import { UsageError } from '../usage-error.js';
import { hashDatasetFiles } from './output-manifest.js';
import { readDatasetFolder } from './read-dataset.js';
import { complain } from './terminal.js';

/** Starts a load a file at a time (core's `createDatasetLoader`); injectable, so commands can be tested without one. */
export type StartLoad = () => DatasetLoader;

/** How {@link loadFolder} loads: the loader, and who is told the hash of the files read. */
export interface FolderLoad {
  readonly start?: StartLoad;
  /** Told {@link hashDatasetFiles} of the files read (the files are hashed only if asked). */
  readonly onHash?: (sha256: string) => void;
}

/**
 * Loads a dataset folder a file at a time, each file's text let go once core has read it:
 * `--data` that is not a folder (or has no `bookings.json`) is a usage error (exit 2); a
 * resource file that cannot be read is a dataset error among the others (exit 1).
 *
 * @example const loaded = await loadFolder('fixtures/demo')
 */
export async function loadFolder(dir: string, load: FolderLoad = {}): Promise<LoadedDataset> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new UsageError(`${dir} is not a folder: --data must name a dataset folder`);
  const loader = (load.start ?? createDatasetLoader)();
  const { problems, digests } = await readDatasetFolder(
    dir,
    (resource, text) => loader.add(resource, text),
    { digests: load.onHash !== undefined },
  );
  const loaded = loader.finish();
  load.onHash?.(hashDatasetFiles(digests));
  if (problems.length === 0) return loaded;
  return { ...loaded, errors: sortProblems([...problems, ...loaded.errors]) };
}

/**
 * Loads a dataset folder. On dataset errors the report goes to stderr and the result is
 * null (the caller exits 1, writing nothing else); parked records are carried on.
 *
 * @example const loaded = await loadFolderOrReport('fixtures/demo'); if (loaded === null) return EXIT.datasetErrors;
 */
export async function loadFolderOrReport(
  dir: string,
  load: FolderLoad = {},
  say: (text: string) => void = complain,
): Promise<LoadedDataset | null> {
  const loaded = await loadFolder(dir, load);
  if (loaded.errors.length > 0) {
    say(formatReport(dir, loaded));
    return null;
  }
  return loaded;
}
