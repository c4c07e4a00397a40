/**
 * Whose files a run replaces, which folders it refuses, links planted where it writes, and
 * `carebill verify` — through the CLI's own entry (in this process: none of these needs a
 * signal; outputs-interrupt and outputs-concurrency spawn the real process).
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset } from '@carebill/generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeDataset } from '../src/commands/generate.js';
import { DEMO, snapshot, visibleFiles } from './cli-process.js';
import { runCliCaptured as run } from './run-cli.js';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carebill-folders-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
const folder = async (name: string) => {
  const path = join(root, name);
  await mkdir(path, { recursive: true });
  return path;
};

const preview = (out: string, ...more: string[]) =>
  run(['preview', '--data', DEMO, '--month', '2024-11', '--out', out, '--jobs', '1', ...more]);
const exportTo = (out: string, format: string, data = DEMO) =>
  run(['export', '--data', data, '--month', '2024-11', '--format', format, '--out', out]);
const runway = (out: string) =>
  run(['runway', '--data', DEMO, '--as-of', '2024-11-22', '--out', out]);

describe('exactly this run’s files', () => {
  it('a smaller export removes the larger one’s second Xero file, and leaves the Sage file', async () => {
    const big = await folder('big-data');
    await writeDataset(big, generateDataset({ homes: 10 }));
    const out = join(root, 'exports');
    expect((await exportTo(out, 'xero', big)).code).toBe(0);
    expect((await exportTo(out, 'sage50')).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      '.carebill',
      'sage50-audit-trail.csv',
      'xero-invoices-001.csv',
      'xero-invoices-002.csv',
    ]);
    const sage = (await snapshot(out))['sage50-audit-trail.csv'];

    const small = await exportTo(out, 'xero');
    expect(small.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      '.carebill',
      'sage50-audit-trail.csv',
      'xero-invoices-001.csv',
    ]);
    expect((await snapshot(out))['sage50-audit-trail.csv']).toBe(sage);
    expect(await readFile(join(out, 'xero-invoices-001.csv'), 'utf8')).toContain(
      'PREVIEW-202411-0013',
    );
    expect((await run(['verify', out])).code).toBe(0);
  });

  it('a preview with another prefix leaves no PDF of the old one, and the runway beside it untouched', async () => {
    const out = join(root, 'shared');
    expect((await preview(out, '--prefix', 'OCT')).code).toBe(0);
    expect((await runway(out)).code).toBe(0);
    const runwayFiles = Object.entries(await snapshot(out)).filter(([p]) =>
      p.startsWith('runway.'),
    );
    expect((await preview(out, '--prefix', 'NOV')).code).toBe(0);
    const invoices = await readdir(join(out, 'invoices'));
    expect(invoices).toHaveLength(13);
    expect(invoices.every((name) => name.startsWith('NOV-'))).toBe(true);
    const after = await snapshot(out);
    expect(Object.entries(after).filter(([p]) => p.startsWith('runway.'))).toEqual(runwayFiles);
    expect(Object.keys(visibleFiles(after)).filter((p) => p.includes('OCT'))).toEqual([]);
    const verify = await run(['verify', out]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/as written — preview \(18 files, .*\), runway \(3 files, .*\)/);
  });

  it('records the command, its options and the dataset’s hash in a manifest written last', async () => {
    const out = join(root, 'shared');
    const manifest = JSON.parse(
      await readFile(join(out, '.carebill', 'manifest.preview.json'), 'utf8'),
    );
    expect(manifest).toMatchObject({
      carebill_manifest: 1,
      command: 'preview',
      options: { data: DEMO, month: '2024-11', prefix: 'NOV', jobs: '1', 'day-rule': 'day' },
      dataset: { path: DEMO, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(manifest.options).not.toHaveProperty('dayRule');
    const files = await snapshot(out);
    for (const file of manifest.files) expect(files[file.path]).toBe(file.sha256);
    // The same data read from another folder has the same hash.
    const copy = await folder('demo-copy');
    await cp(DEMO, copy, { recursive: true });
    expect(
      (await run(['runway', '--data', copy, '--as-of', '2024-11-22', '--out', join(root, 'r2')]))
        .code,
    ).toBe(0);
    const other = JSON.parse(
      await readFile(join(root, 'r2', '.carebill', 'manifest.runway.json'), 'utf8'),
    );
    expect(other.dataset.sha256).toBe(manifest.dataset.sha256);
  });
});

describe('folders carebill did not write are refused', () => {
  it('a dataset folder, for every writing command, exit 2 naming it and unchanged', async () => {
    const data = await folder('a-dataset');
    await cp(DEMO, data, { recursive: true });
    const before = await snapshot(data);
    const consent = join(DEMO, 'consent.txt');
    for (const args of [
      ['preview', '--data', DEMO, '--month', '2024-11', '--out', data],
      ['export', '--data', DEMO, '--month', '2024-11', '--format', 'csv', '--out', data],
      ['runway', '--data', DEMO, '--as-of', '2024-11-22', '--out', data],
      ['report', '--data', DEMO, '--month', '2024-11', '--out', data],
      ['refer', '--data', DEMO, '--as-of', '2024-11-22', '--consent', consent, '--out', data],
      ['generate', '--homes', '1', '--out', data],
    ]) {
      const result = await run(args);
      expect(result.code, args[0]).toBe(2);
      expect(result.stderr).toContain(
        `refusing to write into ${data}: it holds files carebill did not write`,
      );
      expect(result.stderr).not.toContain('Usage');
    }
    expect(await snapshot(data)).toEqual(before);
  });

  it('the dataset being read, even one carebill generated', async () => {
    const data = join(root, 'generated');
    await writeDataset(data, generateDataset({ homes: 1, residentsPerHome: 5, years: 1 }));
    const before = await snapshot(data);
    const result = await run([
      'refer',
      '--data',
      data,
      '--as-of',
      '2024-11-22',
      '--consent',
      join(DEMO, 'consent.txt'),
      '--out',
      data,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `carebill refer: refusing to write into ${data}: it is the dataset folder (--data). Choose another --out folder.\n`,
    );
    expect(
      (await run(['runway', '--data', data, '--as-of', '2024-11-22', '--out', data])).code,
    ).toBe(2);
    expect(await snapshot(data)).toEqual(before);
  });

  it('a home folder with one letter in it; an empty or new folder needs nothing', async () => {
    const home = await folder('home');
    await writeFile(join(home, 'letter.txt'), 'Dear Sir\n');
    expect((await runway(home)).code).toBe(2);
    expect(await readdir(home)).toEqual(['letter.txt']);
    expect((await runway(await folder('empty'))).code).toBe(0);
    expect((await runway(join(root, 'new', 'deeper'))).code).toBe(0);
  });

  it('another command’s file is never replaced: a generate into a pulled folder is refused at the commit', async () => {
    const out = join(root, 'gen-then-gen');
    await writeDataset(out, generateDataset({ homes: 1, residentsPerHome: 4, years: 1 }));
    // As if a pull had written it: the same files under pull's manifest.
    const manifest = join(out, '.carebill', 'manifest.generate.json');
    const pulled = { ...JSON.parse(await readFile(manifest, 'utf8')), command: 'pull' };
    await writeFile(join(out, '.carebill', 'manifest.pull.json'), JSON.stringify(pulled));
    await rm(manifest);
    const before = await snapshot(out);
    const result = await run([
      'generate',
      '--homes',
      '1',
      '--residents-per-home',
      '4',
      '--years',
      '1',
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /billing-contracts\.json was written by carebill pull; this generate run would replace it/,
    );
    expect(await snapshot(out)).toEqual(before);
  });

  it('adopts an output written before manifests, replacing its own stale files only', async () => {
    const out = await folder('legacy');
    await cp(join(root, 'shared'), out, { recursive: true });
    await rm(join(out, '.carebill'), { recursive: true });
    await writeFile(join(out, 'xero-invoices-002.csv'), 'old\n');
    const outside = join(root, 'precious.txt');
    await writeFile(outside, 'keep me\n');
    await symlink(outside, join(out, 'runway.json.partial'));
    const preview = (await snapshot(out))['preview.json'];
    expect((await exportTo(out, 'xero')).code).toBe(0);
    expect((await runway(out)).code).toBe(0);
    const names = await readdir(out);
    expect(names).not.toContain('xero-invoices-002.csv');
    expect(names).toContain('runway.json.partial'); // a link is never taken for carebill's
    expect(await readFile(outside, 'utf8')).toBe('keep me\n');
    expect((await snapshot(out))['preview.json']).toBe(preview);
  });
});

describe('links planted where carebill writes are never followed', () => {
  it('at a final name of the previous run: replaced, the file it points at untouched', async () => {
    const out = join(root, 'linked');
    expect((await runway(out)).code).toBe(0);
    const outside = join(root, 'target.json');
    await writeFile(outside, 'not carebill\n');
    await rm(join(out, 'runway.json'));
    await symlink(outside, join(out, 'runway.json'));
    expect((await run(['verify', out])).stdout).toContain(
      'changed runway.json (runway): now a symbolic link',
    );
    expect((await runway(out)).code).toBe(0);
    expect(await readFile(outside, 'utf8')).toBe('not carebill\n');
    expect((await run(['verify', out])).code).toBe(0);
  });

  it('at a name no run wrote: refused, nothing written through it', async () => {
    const out = join(root, 'linked-2');
    expect((await exportTo(out, 'csv')).code).toBe(0);
    const outside = join(root, 'target-2.json');
    await writeFile(outside, 'not carebill\n');
    await symlink(outside, join(out, 'runway.json'));
    const result = await runway(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('runway.json is already there and carebill did not write it');
    expect(await readFile(outside, 'utf8')).toBe('not carebill\n');
    expect((await readdir(join(out, '.carebill'))).sort()).toEqual(['manifest.export-csv.json']);
  });

  it('a folder carebill writes into (invoices/) that is a link: refused', async () => {
    const out = await folder('linked-3');
    const elsewhere = await folder('elsewhere');
    await symlink(elsewhere, join(out, 'invoices'));
    const result = await preview(out);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/invoices is a symbolic link where carebill writes a folder/);
    expect(await readdir(elsewhere)).toEqual([]);
  });

  it('in .carebill: a linked lock is refused, linked leftovers are removed as links', async () => {
    const out = join(root, 'linked-4');
    expect((await runway(out)).code).toBe(0);
    const elsewhere = await folder('elsewhere-2');
    await writeFile(join(elsewhere, 'keep.txt'), 'keep\n');
    await symlink(elsewhere, join(out, '.carebill', 'staging.runway.1.abcdef'));
    await symlink(join(elsewhere, 'keep.txt'), join(out, '.carebill', '.carebill-tmp.x.1.ab'));
    expect((await runway(out)).code).toBe(0);
    expect((await readdir(join(out, '.carebill'))).sort()).toEqual(['manifest.runway.json']);
    expect(await readdir(elsewhere)).toEqual(['keep.txt']);

    await symlink(join(elsewhere, 'keep.txt'), join(out, '.carebill', 'lock'));
    const locked = await runway(out);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain('lock is not a lock file carebill wrote');
    expect(await readFile(join(elsewhere, 'keep.txt'), 'utf8')).toBe('keep\n');
  });
});

describe('carebill verify', () => {
  it('names every changed, missing and extra file, exit 1; exit 2 where there is no manifest', async () => {
    const out = join(root, 'to-verify');
    expect((await preview(out)).code).toBe(0);
    expect((await exportTo(join(out, 'exports'), 'sage50')).code).toBe(0);
    expect((await run(['verify', out])).code).toBe(0);
    await writeFile(join(out, 'preview.json'), '{}\n');
    await rm(join(out, 'invoices', 'PREVIEW-202411-0003.pdf'));
    await writeFile(join(out, 'exports', 'xero-invoices-002.csv'), 'stale\n');
    const result = await run(['verify', out]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      new RegExp(
        `^${out}: 2 differences from the manifests — preview \\(18 files, [^)]+\\)\n` +
          '  missing invoices/PREVIEW-202411-0003.pdf \\(preview\\)\n' +
          '  changed preview.json \\(preview\\): 3 bytes, SHA-256 [0-9a-f]{12}…; written as \\d+ bytes, SHA-256 [0-9a-f]{12}…\n' +
          `${out}/exports: 1 difference from the manifests — export-sage50 \\(1 file, [^)]+\\)\n` +
          '  extra   xero-invoices-002.csv: in no manifest\n$',
      ),
    );
    const none = await run(['verify', await folder('no-manifest')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('holds no carebill manifest');
  });
});
