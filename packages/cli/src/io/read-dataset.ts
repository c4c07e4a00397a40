/**
 * Reads a dataset folder (one JSON file per CareHQ resource) into the texts core parses.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type DatasetFiles, RESOURCES } from '@carebill/core';
import { UsageError } from '../usage-error.js';

/**
 * The text of every resource file present in `dir`; missing optional files are left out.
 *
 * @example const files = await readDatasetFolder('fixtures/demo')
 */
export async function readDatasetFolder(dir: string): Promise<DatasetFiles> {
  const files: DatasetFiles = {};
  for (const resource of RESOURCES) {
    try {
      files[resource] = await readFile(join(dir, `${resource}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  if (files.bookings === undefined) {
    throw new UsageError(
      `no bookings.json in ${dir}: --data must name a dataset folder (see fixtures/demo)`,
    );
  }
  return files;
}
