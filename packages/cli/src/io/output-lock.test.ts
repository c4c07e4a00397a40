import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../test/cli-process.js';
import { acquireFolderLock, isProcessAlive } from './output-lock.js';
import { OutputRefusedError } from './output-refused.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'carebill-lock-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const deadPid = () =>
  new Promise<number>((resolve) => {
    const child = spawn(process.execPath, ['-e', '0']);
    child.on('exit', () => resolve(child.pid as number));
  });
const options = { command: 'preview', folder: 'out' };

describe('acquireFolderLock', () => {
  it('writes who holds it, refuses a second taker, and is free again once released', async () => {
    const lock = await acquireFolderLock(dir, options);
    expect(JSON.parse(await readFile(join(dir, 'lock'), 'utf8'))).toEqual({
      pid: process.pid,
      host: hostname(),
      started: lock.holder.started,
      command: 'preview',
    });
    await expect(acquireFolderLock(dir, { ...options, command: 'runway' })).rejects.toThrow(
      new OutputRefusedError(
        `out is in use by carebill preview (pid ${process.pid}, started ${lock.holder.started}); ` +
          `wait for it to finish or give --wait-lock. If no such run is going, remove ${join(dir, 'lock')}.`,
      ),
    );
    await lock.release();
    await (await acquireFolderLock(dir, options)).release();
  });

  it('waits for the holder with wait, saying once whom it waits for', async () => {
    const first = await acquireFolderLock(dir, options);
    const notices: string[] = [];
    const second = acquireFolderLock(dir, {
      ...options,
      wait: true,
      notice: (t) => notices.push(t),
    });
    await until(() => notices.length > 0);
    expect(notices).toEqual([
      `waiting for carebill preview (pid ${process.pid}, started ${first.holder.started}) to finish with out\n`,
    ]);
    await first.release();
    await (await second).release();
  });

  it('takes over a dead process’s lock once, even when two runs find it at the same moment', async () => {
    const pid = await deadPid();
    expect(isProcessAlive(pid)).toBe(false);
    await writeFile(
      join(dir, 'lock'),
      JSON.stringify({
        pid,
        host: hostname(),
        started: '2024-12-01T09:00:00.000Z',
        command: 'runway',
      }),
    );
    const notices: string[] = [];
    const results = await Promise.allSettled([
      acquireFolderLock(dir, { ...options, notice: (t) => notices.push(t) }),
      acquireFolderLock(dir, { ...options, notice: (t) => notices.push(t) }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(notices).toEqual([
      `took over the lock of out from carebill runway (pid ${pid}, started 2024-12-01T09:00:00.000Z), which is no longer running\n`,
    ]);
  });

  it('treats another host’s lock as held, an unreadable fresh lock as held, an old one as stale', async () => {
    await writeFile(
      join(dir, 'lock'),
      JSON.stringify({ pid: 1, host: 'other-host', started: 'x', command: 'pull' }),
    );
    await expect(acquireFolderLock(dir, options)).rejects.toThrow(
      '(pid 1 on other-host, started x)',
    );
    await writeFile(join(dir, 'lock'), '');
    await expect(acquireFolderLock(dir, options)).rejects.toThrow('in use by another carebill run');
    const old = new Date(Date.now() - 60_000);
    await utimes(join(dir, 'lock'), old, old);
    await (await acquireFolderLock(dir, options)).release();
  });

  it('refuses a lock that is a link, without reading through it', async () => {
    await writeFile(join(dir, 'elsewhere'), 'x');
    await symlink(join(dir, 'elsewhere'), join(dir, 'lock'));
    await expect(acquireFolderLock(dir, options)).rejects.toThrow(
      'is not a lock file carebill wrote',
    );
    expect(await readFile(join(dir, 'elsewhere'), 'utf8')).toBe('x');
  });
});
