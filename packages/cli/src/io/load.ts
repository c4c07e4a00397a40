/**
 * Reading and loading a dataset folder, the first step of every command that takes --data.
 */
import { stat } from 'node:fs/promises';
import { type DatasetFiles, type LoadedDataset, loadDataset } from '@carebill/core';
import { formatReport } from '../commands/validate.js';
import { UsageError } from '../usage-error.js';
import { readDatasetFolder } from './read-dataset.js';

/**
 * The files of a dataset folder; a missing or unreadable folder is a usage error (exit 2).
 *
 * @example const files = await readDatasetOrUsageError('fixtures/demo')
 */
export async function readDatasetOrUsageError(dir: string): Promise<DatasetFiles> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new UsageError(`${dir} is not a folder: --data must name a dataset folder`);
  return readDatasetFolder(dir).catch((error: unknown) => {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException)?.code ?? String(error);
    throw new UsageError(`cannot read the dataset in ${dir} (${code})`);
  });
}

/**
 * Loads a dataset folder. On dataset errors the report goes to stderr and the result is
 * null (the caller exits 1, writing nothing else); parked records are carried on.
 * `onFiles` is given the files as read (an output run hashes them for its manifest).
 *
 * @example const loaded = await loadFolderOrReport('fixtures/demo'); if (loaded === null) return EXIT.datasetErrors;
 */
export async function loadFolderOrReport(
  dir: string,
  onFiles?: (files: DatasetFiles) => void,
): Promise<LoadedDataset | null> {
  const files = await readDatasetOrUsageError(dir);
  onFiles?.(files);
  const loaded = loadDataset(files);
  if (loaded.errors.length > 0) {
    process.stderr.write(formatReport(dir, loaded));
    return null;
  }
  return loaded;
}
