/**
 * A full disk and a read-only disk, for real: a small tmpfs mounted for the test (as root;
 * skipped, saying why, where it cannot be mounted). The run fails with one line naming the
 * file and the reason, exit 1, from the command itself or from a PDF process, and the
 * previous output is left byte for byte.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, statfs, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, snapshot, spawnCli } from './cli-process.js';
import { runCliCaptured } from './run-cli.js';

const SIZE_KB = 1024;
let root = '';
let mount = '';
let mounted = false;
let why = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carebill-disk-'));
  mount = join(root, 'disk');
  spawnSync('mkdir', ['-p', mount]);
  if (process.platform !== 'linux') why = 'not Linux';
  else if (process.getuid?.() !== 0) why = 'not root, so no tmpfs can be mounted';
  else {
    const result = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${SIZE_KB}k`, 'tmpfs', mount], {
      encoding: 'utf8',
    });
    mounted = result.status === 0;
    if (!mounted) why = `mount failed: ${result.stderr.trim() || result.error?.message}`;
  }
  if (!mounted)
    process.stdout.write(
      `outputs-disk.test.ts: the full-disk and read-only tests are skipped (${why})\n`,
    );
});
afterAll(async () => {
  if (mounted) spawnSync('umount', [mount]);
  await rm(root, { recursive: true, force: true });
});

const previewArgs = (out: string, jobs: string) => [
  'preview',
  '--data',
  DEMO,
  '--month',
  '2024-11',
  '--out',
  out,
  '--jobs',
  jobs,
];

/** Fills the disk until only `freeKb` are left. */
async function leaveFree(freeKb: number): Promise<void> {
  const info = await statfs(mount);
  const free = info.bavail * info.bsize;
  await writeFile(join(mount, `filler-${freeKb}`), Buffer.alloc(Math.max(0, free - freeKb * 1024)));
}

function expectOneLine(stderr: string, pattern: RegExp): void {
  expect(stderr).toMatch(pattern);
  expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(stderr).not.toContain('fault in carebill');
  expect(stderr).not.toMatch(/\n\s+at /);
}

describe('a disk that is full or read-only', () => {
  it('full: the command and its PDF processes say so in one line, and the last output stays', async (context) => {
    if (!mounted) context.skip();
    const out = join(mount, 'out');
    const first = await runCliCaptured(previewArgs(out, '1'));
    expect(first.code, first.stderr).toBe(0);
    const before = await snapshot(out);

    // No room even for the staged JSON: the command itself fails.
    await leaveFree(8);
    const parent = await spawnCli(previewArgs(out, '1'));
    expect(parent.code).toBe(1);
    expectOneLine(
      parent.stderr,
      /^carebill preview: no space left on device while writing .*\/out\/preview\.(json|xlsx); .*\/out was left as it was\n$/,
    );
    expect(await snapshot(out)).toEqual(before);

    // Room for the JSON and the workbook, not for the PDFs: a PDF process fails.
    await rm(join(mount, 'filler-8'));
    await leaveFree(60);
    const child = await spawnCli(previewArgs(out, '2'));
    expect(child.code).toBe(1);
    expectOneLine(
      child.stderr,
      /^carebill preview: no space left on device while writing .*\/out\/(invoices\/PREVIEW-202411-\d{4}|print-pack-[a-z-]*\d{3})\.pdf; .*\/out was left as it was\n$/,
    );
    expect(await snapshot(out)).toEqual(before);
    await rm(join(mount, 'filler-60'));
  });

  it('read-only: one line, exit 1, nothing changed; verify still checks it', async (context) => {
    if (!mounted) context.skip();
    const out = join(mount, 'out');
    const before = await snapshot(out);
    expect(spawnSync('mount', ['-o', 'remount,ro', mount]).status).toBe(0);
    try {
      const result = await spawnCli([
        'runway',
        '--data',
        DEMO,
        '--as-of',
        '2024-11-22',
        '--out',
        out,
      ]);
      expect(result.code).toBe(1);
      expectOneLine(
        result.stderr,
        /^carebill runway: read-only file system while (opening|writing) .*\/out\/\.carebill\/lock\n$/,
      );
      // A read-only folder can still be checked (without its lock).
      const verify = await runCliCaptured(['verify', out]);
      expect(verify.code, verify.stderr).toBe(0);
      expect(verify.stdout).toMatch(/as written — preview \(18 files/);
    } finally {
      spawnSync('mount', ['-o', 'remount,rw', mount]);
    }
    expect(await snapshot(out)).toEqual(before);
  });
});
