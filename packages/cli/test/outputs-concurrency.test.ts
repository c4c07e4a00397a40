/**
 * One run per folder, with real processes: a run is stopped (SIGSTOP) holding the folder's
 * lock at a named point, then others try the same folder. And a stale lock of a dead
 * process is taken over.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, isStopped, snapshot, spawnCli, until } from './cli-process.js';
import { runCliCaptured } from './run-cli.js';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'carebill-lock-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const exportCsv = (out: string, month: string) => [
  'export',
  '--data',
  DEMO,
  '--month',
  month,
  '--format',
  'csv',
  '--out',
  out,
];

describe.skipIf(process.platform !== 'linux')('two runs into one folder', () => {
  it('the second fails fast (exit 2) naming the first; with --wait-lock it runs after it', async () => {
    const out = join(root, 'busy');
    let firstPid = 0;
    const first = spawnCli(exportCsv(out, '2024-11'), {
      env: { CAREBILL_TEST_FAULT: 'commit-staged=SIGSTOP' },
      onStart: (pid) => {
        firstPid = pid;
      },
    });
    await until(() => firstPid > 0 && isStopped(firstPid));

    const second = await spawnCli(exportCsv(out, '2024-10'));
    expect(second.code).toBe(2);
    expect(second.stderr).toBe(
      `carebill export: ${out} is in use by carebill export-csv (pid ${firstPid}, started ${
        JSON.parse(await readFile(join(out, '.carebill', 'lock'), 'utf8')).started
      }); wait for it to finish or give --wait-lock. If no such run is going, remove ${out}/.carebill/lock.\n`,
    );

    let waiting = false;
    const third = spawnCli([...exportCsv(out, '2024-10'), '--wait-lock'], {
      onStderr: (text) => {
        waiting ||= text.includes(`waiting for carebill export-csv (pid ${firstPid}`);
      },
    });
    await until(() => waiting);
    process.kill(firstPid, 'SIGCONT');
    expect((await first).code).toBe(0);
    expect((await third).code).toBe(0);

    // The folder is the last run's, whole: October's lines, a clean verify.
    const manifest = JSON.parse(
      await readFile(join(out, '.carebill', 'manifest.export-csv.json'), 'utf8'),
    );
    expect(manifest.options.month).toBe('2024-10');
    expect(await readFile(join(out, 'invoice-lines.csv'), 'utf8')).toContain('2024-10-01');
    expect((await runCliCaptured(['verify', out])).code).toBe(0);
    expect(Object.keys(await snapshot(out)).sort()).toEqual([
      '.carebill',
      '.carebill/manifest.export-csv.json',
      'invoice-lines.csv',
    ]);
  });

  it('takes over the lock of a run that is gone, and says so', async () => {
    const dead = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['-e', '0']);
      child.on('exit', () => resolve(child.pid as number));
    });
    const out = join(root, 'stale');
    await mkdir(join(out, '.carebill'), { recursive: true });
    const holder = {
      pid: dead,
      host: hostname(),
      started: '2024-12-01T09:00:00.000Z',
      command: 'runway',
    };
    await writeFile(join(out, '.carebill', 'lock'), JSON.stringify(holder));
    const result = await runCliCaptured([
      'runway',
      '--data',
      DEMO,
      '--as-of',
      '2024-11-22',
      '--out',
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `carebill runway: took over the lock of ${out} from carebill runway (pid ${dead}, started 2024-12-01T09:00:00.000Z), which is no longer running\n`,
    );
    expect((await runCliCaptured(['verify', out])).code).toBe(0);
  });
});
