/**
 * Pulls every resource of a dataset (SPEC §2) from CareHQ, optionally for one home, and
 * writes it as a dataset folder.
 *
 * Nothing is written until every page of every resource has arrived, and then the files are
 * swapped in together (see `write-dataset.ts`): a pull that fails or is interrupted leaves
 * the previous dataset as it was.
 */
import { RESOURCES, type ResourceName } from '@carebill/core';
import type { CareHqClient, CareHqRecord } from './client.js';
import { LOCATION_SCOPE, RESOURCE_ATTRIBUTES } from './resources.js';
import { formatRecords, writeFilesAtomically } from './write-dataset.js';

/** Records per resource, each list sorted by `_id`. */
export type PulledDataset = Readonly<Record<ResourceName, readonly CareHqRecord[]>>;

/** Progress of one resource: told after each page and once more when it is done. */
export interface PullProgress {
  readonly resource: ResourceName;
  /** Records received so far. */
  readonly received: number;
  /** The `item_count` CareHQ reported (records expected). */
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly done: boolean;
}

export interface PullOptions {
  readonly client: CareHqClient;
  /** Write the dataset here (files `<resource>.json`); omit to only return the records. */
  readonly outDir?: string;
  /** A location `_id`: pull that one home. */
  readonly location?: string;
  readonly onProgress?: (progress: PullProgress) => void;
}

const HEX_ID = /^[0-9a-f]{24}$/;

function byId(a: CareHqRecord, b: CareHqRecord): number {
  return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
}

function residentIds(records: readonly CareHqRecord[]): string[] {
  return records.flatMap((r) => (typeof r['service_user'] === 'string' ? [r['service_user']] : []));
}

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
  const out = {} as Record<ResourceName, CareHqRecord[]>;
  for (const resource of RESOURCES) {
    const scope = LOCATION_SCOPE[resource];
    const params: Record<string, readonly string[]> = {
      attributes: RESOURCE_ATTRIBUTES[resource],
    };
    if (location !== undefined && scope === 'filters-location')
      params['filters-location'] = [location];
    if (location !== undefined && scope === 'filters-ids') params['filters-ids'] = [location];
    let received = 0;
    let last = { total: 0, page: 0, pageCount: 0 };
    let records = await client.listAll(resource, params, (page) => {
      received += page.items.length;
      last = { total: page.itemCount, page: page.page, pageCount: page.pageCount };
      onProgress?.({ resource, received, ...last, done: false });
    });
    if (location !== undefined && scope === 'residents') {
      const residents = new Set([
        ...residentIds(out.bookings),
        ...out['service-users'].map((r) => r._id),
      ]);
      records = records.filter(
        (r) => typeof r['service_user'] === 'string' && residents.has(r['service_user']),
      );
    }
    out[resource] = records.sort(byId);
    onProgress?.({ resource, received: records.length, ...last, done: true });
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
