/**
 * Pulls every resource of a dataset (SPEC §2) from CareHQ, optionally for one home, and
 * writes it as a dataset folder.
 *
 * Nothing is written until every page of every resource has arrived, and then the files are
 * swapped in together (see `write-dataset.ts`): a pull that fails or is interrupted leaves
 * the previous dataset as it was.
 */
import { RESOURCES } from '@carebill/core';
import type { CareHqClient } from './client.js';
import { type PulledDataset, type PullProgress, RecordCollector } from './collect.js';
import { pullOneHome } from './one-home.js';
import { formatRecords, writeFilesAtomically } from './write-dataset.js';

export type { PulledDataset, PullProgress } from './collect.js';

export interface PullOptions {
  readonly client: CareHqClient;
  /** Write the dataset here (files `<resource>.json`); omit to only return the records. */
  readonly outDir?: string;
  /**
   * A location `_id`: pull that one home — its stays and everything of its residents (see
   * `one-home.ts`), so that it bills exactly as the whole group does for that home.
   */
  readonly location?: string;
  readonly onProgress?: (progress: PullProgress) => void;
}

const HEX_ID = /^[0-9a-f]{24}$/;

/**
 * Pulls the dataset and, with `outDir`, writes it atomically. Resolves to the records.
 *
 * @example
 * const client = new CareHqClient({ credentials })
 * const data = await pullDataset({ client, outDir: 'data', onProgress: console.log })
 * data.bookings.length // 42
 */
export async function pullDataset(options: PullOptions): Promise<PulledDataset> {
  const { client, location, onProgress } = options;
  if (location !== undefined && !HEX_ID.test(location)) {
    throw new RangeError(`a location id is 24 hexadecimal characters, got "${location}"`);
  }
  const collector = new RecordCollector(client, onProgress);
  let out: PulledDataset;
  if (location === undefined) {
    for (const resource of RESOURCES) await collector.list(resource);
    out = collector.finish();
  } else {
    out = await pullOneHome(collector, location);
  }
  if (options.outDir !== undefined) await writeDataset(options.outDir, out);
  return out;
}

/**
 * Writes pulled records as a dataset folder: one `<resource>.json` per resource holding a
 * pretty-printed JSON array, all swapped in together.
 *
 * @example await writeDataset('data', await pullDataset({ client }))
 */
export async function writeDataset(dir: string, data: PulledDataset): Promise<void> {
  const files: Record<string, string> = {};
  for (const resource of RESOURCES) files[`${resource}.json`] = formatRecords(data[resource]);
  await writeFilesAtomically(dir, files);
}
