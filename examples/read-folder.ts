/**
 * Reads a dataset folder — one `<resource>.json` per CareHQ resource, as `carebill pull`
 * writes it — and loads it. A file that is not there is an empty resource (but `bookings`
 * must be there); every problem is in the load result, none is thrown.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type LoadedDataset, loadDataset, RESOURCES, type ResourceName } from '@carebill/core';

export async function loadFolder(folder: string): Promise<LoadedDataset> {
  const files: { [R in ResourceName]?: string } = {};
  for (const resource of RESOURCES) {
    try {
      files[resource] = await readFile(join(folder, `${resource}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const loaded = loadDataset(files);
  if (loaded.errors.length > 0) {
    // Dataset errors: nothing can be computed. Each names the record, the field and the fix.
    for (const p of loaded.errors) console.error(`${p.resource} ${p.id} ${p.field}: ${p.message}`);
    process.exit(1);
  }
  return loaded;
}
