/**
 * Reading and loading a dataset folder, the first step of every command that takes --data
 * (validate, preview, export, runway, refer): the same checks, the same errors, the same
 * report in each.
 */
import { stat } from 'node:fs/promises';
import { type DatasetFiles, type LoadedDataset, loadDataset } from '@carebill/core';
import { sortProblems } from '@carebill/core/internal';
import { formatReport } from '../commands/validate.js';
import { UsageError } from '../usage-error.js';
import { readDatasetFolder } from './read-dataset.js';
import { complain } from './terminal.js';

/** The dataset loader (sync or async), injectable so commands can be tested without one. */
export type DatasetLoader = (files: DatasetFiles) => LoadedDataset | Promise<LoadedDataset>;

/**
 * Loads a dataset folder: `--data` that is not a folder (or has no `bookings.json`) is a
 * usage error (exit 2); a resource file that cannot be read is a dataset error among the
 * others (exit 1).
 *
 * @example const loaded = await loadFolder('fixtures/demo')
 */
export async function loadFolder(
  dir: string,
  load: DatasetLoader = loadDataset,
): Promise<LoadedDataset> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new UsageError(`${dir} is not a folder: --data must name a dataset folder`);
  const { files, problems } = await readDatasetFolder(dir);
  const loaded = await load(files);
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
  load: DatasetLoader = loadDataset,
  say: (text: string) => void = complain,
): Promise<LoadedDataset | null> {
  const loaded = await loadFolder(dir, load);
  if (loaded.errors.length > 0) {
    say(formatReport(dir, loaded));
    return null;
  }
  return loaded;
}
