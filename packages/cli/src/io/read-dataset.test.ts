import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ReadScratch, readTextFile } from './read-dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'carebill-read-'));

describe('readTextFile', () => {
  it('reads a file of several MB whole, its digest over the bytes read', async () => {
    const text = `[${'{"_id": "r1", "name": "Rosé – ŵ"},'.repeat(100_000)}{}]`;
    const path = join(dir, 'big.json');
    writeFileSync(path, text);
    const read = await readTextFile(path, 64 * 2 ** 20, true);
    const bytes = readFileSync(path);
    expect(read).toEqual({
      kind: 'text',
      text,
      digest: { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
    });
  });

  it('drops a UTF-8 byte order mark, as the decoder always has', async () => {
    const path = join(dir, 'bom.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[]')]));
    expect(await readTextFile(path)).toEqual({ kind: 'text', text: '[]' });
  });

  it('an empty file is empty text', async () => {
    const path = join(dir, 'empty.json');
    writeFileSync(path, '');
    expect(await readTextFile(path)).toEqual({ kind: 'text', text: '' });
  });

  // /proc files are regular files whose size stat gives as 0: read past it, as a file that grew.
  it('reads a file past the size stat gave, to its end', async () => {
    const read = await readTextFile('/proc/self/status');
    expect(read.kind).toBe('text');
    expect(read.kind === 'text' && read.text).toMatch(/^Name:.*\n[\s\S]*VmRSS:[\s\S]*\n$/);
  });

  it('a file that grows past the cap while read is too large', async () => {
    expect(await readTextFile('/proc/self/status', 10)).toMatchObject({
      kind: 'unreadable',
      code: 'FILE_TOO_LARGE',
    });
  });

  it('with a scratch buffer, each file reads whole into the one buffer, grown when too small', async () => {
    const [big, small, bigger] = ['b'.repeat(5000), 's'.repeat(10), 'g'.repeat(9000)].map(
      (text, i) => {
        const path = join(dir, `scratch-${i}.json`);
        writeFileSync(path, `"${text}"`);
        return path;
      },
    );
    const scratch: ReadScratch = {};
    expect(await readTextFile(big ?? '', 2 ** 20, false, scratch)).toEqual({
      kind: 'text',
      text: `"${'b'.repeat(5000)}"`,
    });
    const first = scratch.buffer;
    expect(first?.length).toBe(5003);
    expect(await readTextFile(small ?? '', 2 ** 20, false, scratch)).toEqual({
      kind: 'text',
      text: `"${'s'.repeat(10)}"`,
    });
    expect(scratch.buffer).toBe(first);
    expect(await readTextFile(bigger ?? '', 2 ** 20, false, scratch)).toEqual({
      kind: 'text',
      text: `"${'g'.repeat(9000)}"`,
    });
    expect(scratch.buffer?.length).toBe(9003);
  });
});
