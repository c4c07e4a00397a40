/**
 * loadFolder reads a folder a file at a time into core's createDatasetLoader: the result is
 * loadDataset's on every file's text at once, on generated datasets whole and damaged, and
 * the hash it reports is the manifest's hash of the files.
 */
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DatasetFiles, loadDataset, RESOURCES, type ResourceName } from '@carebill/core';
import { generateDataset } from '@carebill/generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../commands/generate.js';
import { loadFolder } from './load.js';
import { hashDatasetFiles } from './output-manifest.js';
import { digestOf } from './write.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carebill-load-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Every resource file of a folder, as loadDataset takes them. */
async function readAll(dir: string): Promise<DatasetFiles> {
  const files: DatasetFiles = {};
  const names = await readdir(dir);
  for (const resource of RESOURCES) {
    if (names.includes(`${resource}.json`))
      files[resource] = await readFile(join(dir, `${resource}.json`), 'utf8');
  }
  return files;
}

async function generated(name: string, seed: number): Promise<string> {
  const dir = join(root, name);
  await writeDataset(dir, generateDataset({ homes: 2, residentsPerHome: 20, seed }));
  return dir;
}

describe('loadFolder', () => {
  it('gives loadDataset’s result on a generated dataset, and the hash of its files', async () => {
    const dir = await generated('whole', 7);
    let hash: string | undefined;
    const loaded = await loadFolder(dir, { onHash: (sha256) => (hash = sha256) });
    const files = await readAll(dir);
    expect(loaded).toStrictEqual(loadDataset(files));
    expect(loaded.dataset.bookings.length).toBeGreaterThan(0);
    const digests = Object.fromEntries(
      Object.entries(files).map(([resource, text]) => [resource, digestOf(text)]),
    ) as Partial<Record<ResourceName, ReturnType<typeof digestOf>>>;
    expect(hash).toBe(hashDatasetFiles(digests));
  });

  it('gives loadDataset’s problems on a damaged one: a file gone, records gone, bad JSON', async () => {
    const dir = await generated('damaged', 11);
    await unlink(join(dir, 'rooms.json')); // references into rooms are then not checked
    const residents = JSON.parse(await readFile(join(dir, 'service-users.json'), 'utf8'));
    const records = Array.isArray(residents) ? residents : residents.items;
    await writeFile(join(dir, 'service-users.json'), JSON.stringify(records.slice(3)));
    await writeFile(join(dir, 'care-fund-types.json'), '[{"_id": "t1",');
    const loaded = await loadFolder(dir);
    expect(loaded).toStrictEqual(loadDataset(await readAll(dir)));
    expect(loaded.errors.map((p) => p.code)).toContain('NOT_JSON');
    expect(loaded.parked.length).toBeGreaterThan(0);
  });
});
