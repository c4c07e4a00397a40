import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ResourceName } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { hashDatasetFiles, isSafeRelativePath, readManifests } from './output-manifest.js';
import { digestOf } from './write.js';

describe('manifest paths', () => {
  it.each([
    ['preview.json', true],
    ['invoices/X.pdf', true],
    ['%2E%2E%2Fx.json', true],
    ['../x', false],
    ['a/../../x', false],
    ['/etc/passwd', false],
    ['./x', false],
    ['a//b', false],
    ['.carebill/lock', false],
    ['a\\b', false],
    ['a\u0000b', false],
    ['', false],
  ])('%j is safe: %s', (path, safe) => {
    expect(isSafeRelativePath(path)).toBe(safe);
  });

  it('a manifest naming a path outside the folder is refused as damaged', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carebill-manifest-'));
    try {
      await mkdir(join(dir, '.carebill'));
      const manifest = {
        carebill_manifest: 1,
        command: 'runway',
        run: 'x',
        written_at: 'x',
        options: {},
        dataset: null,
        files: [{ path: '../../home/user/letter.txt', size: 1, sha256: '0'.repeat(64) }],
      };
      await writeFile(join(dir, '.carebill', 'manifest.runway.json'), JSON.stringify(manifest));
      await expect(readManifests(join(dir, '.carebill'))).rejects.toThrow('is damaged');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('hashDatasetFiles', () => {
  const hash = (files: Partial<Record<ResourceName, string>>) =>
    hashDatasetFiles(
      Object.fromEntries(Object.entries(files).map(([name, text]) => [name, digestOf(text)])),
    );

  it('depends on every file’s name and text, not on the order they are given', () => {
    const a = hash({ bookings: '[]', rooms: '[1]' });
    expect(hash({ rooms: '[1]', bookings: '[]' })).toBe(a);
    expect(hash({ bookings: '[]', rooms: '[2]' })).not.toBe(a);
    expect(hash({ bookings: '[]', locations: '[1]' })).not.toBe(a);
    // each file's own hash: moving text between files changes the dataset's
    expect(hash({ bookings: '[]r', rooms: '[1]' })).not.toBe(
      hash({ bookings: '[]', rooms: 'r[1]' }),
    );
  });

  it('is the SHA-256 of each file’s name, size and SHA-256, in name order', () => {
    const rooms = createHash('sha256').update('[1]').digest('hex');
    const bookings = createHash('sha256').update('[]').digest('hex');
    expect(hash({ rooms: '[1]', bookings: '[]' })).toBe(
      createHash('sha256')
        .update(`bookings.json\0${2}\0${bookings}\nrooms.json\0${3}\0${rooms}\n`)
        .digest('hex'),
    );
  });
});
