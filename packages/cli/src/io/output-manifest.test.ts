import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashDatasetFiles, isSafeRelativePath, readManifests } from './output-manifest.js';

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
  it('depends on every file’s name and text, not on the order they are given', () => {
    const a = hashDatasetFiles({ bookings: '[]', rooms: '[1]' });
    expect(hashDatasetFiles({ rooms: '[1]', bookings: '[]' })).toBe(a);
    expect(hashDatasetFiles({ bookings: '[]', rooms: '[2]' })).not.toBe(a);
    expect(hashDatasetFiles({ bookings: '[]', locations: '[1]' })).not.toBe(a);
    // a length prefix: moving text between files changes the hash
    expect(hashDatasetFiles({ bookings: '[]r', rooms: '[1]' })).not.toBe(
      hashDatasetFiles({ bookings: '[]', rooms: 'r[1]' }),
    );
  });
});
