/**
 * One run per output folder: a lock file, `<folder>/.carebill/lock`, created exclusively
 * (`O_EXCL`, never through a link) and holding the holder's pid, host, start time and
 * command. A second run fails fast with {@link OutputRefusedError} naming the holder, or
 * waits for it. A lock whose process is gone (same host, pid not running) is stale: it is
 * taken over with a notice. Taking over is guarded by a second exclusive file,
 * `lock.takeover`, so two runs that both find the same stale lock cannot both remove it
 * (one of them could otherwise remove the other's fresh lock).
 *
 * A lock held on another host cannot be checked: it is treated as held, and the message
 * says which file to remove once that run is known to be gone.
 */
import { closeSync, openSync, readFileSync, unlinkSync } from 'node:fs';
import { lstat, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { OutputRefusedError } from './output-refused.js';
import { READ_NO_FOLLOW, writeNewFile } from './write.js';

export const LOCK_FILE = 'lock';
const TAKEOVER_FILE = 'lock.takeover';
/** An unreadable lock (its holder was killed between creating and writing it) this old is stale. */
const UNREADABLE_STALE_MS = 10_000;
const WAIT_POLL_MS = 200;

/** Who holds a folder's lock. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
  readonly command: string;
}

/** A held lock. */
export interface FolderLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock. */
  release(): Promise<void>;
  /** Removes the lock at once (for a signal handler). */
  releaseSync(): void;
}

export interface LockOptions {
  /** The command taking the lock, recorded for whoever finds it held. */
  readonly command: string;
  /** The folder as the user named it, for messages. */
  readonly folder: string;
  /** Wait for the holder to finish instead of failing at once. */
  readonly wait?: boolean;
  /** Told about a stale lock taken over, or that the run waits. */
  readonly notice?: (text: string) => void;
}

/**
 * Is process `pid` running on this machine? (A process of another user counts.)
 *
 * @example isProcessAlive(process.pid) // true
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (
      typeof value.pid === 'number' &&
      typeof value.host === 'string' &&
      typeof value.started === 'string' &&
      typeof value.command === 'string'
    )
      return value as LockHolder;
  } catch {
    // fall through
  }
  return undefined;
}

type LockState =
  | { readonly kind: 'free' }
  | { readonly kind: 'held'; readonly holder: LockHolder | undefined }
  | { readonly kind: 'stale'; readonly text: string; readonly holder: LockHolder | undefined };

async function inspect(path: string): Promise<LockState> {
  let text: string;
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(path);
    if (!info.isFile())
      throw new OutputRefusedError(
        `${path} is not a lock file carebill wrote (it is a link or a folder); remove it and run again`,
      );
    text = await readFile(path, { encoding: 'utf8', flag: READ_NO_FOLLOW });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'free' };
    throw error;
  }
  const holder = parseHolder(text);
  if (holder === undefined)
    return Date.now() - info.mtimeMs > UNREADABLE_STALE_MS
      ? { kind: 'stale', text, holder }
      : { kind: 'held', holder };
  if (holder.host !== hostname() || isProcessAlive(holder.pid)) return { kind: 'held', holder };
  return { kind: 'stale', text, holder };
}

function describeHolder(holder: LockHolder | undefined): string {
  if (holder === undefined) return 'another carebill run';
  const host = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `carebill ${holder.command} (pid ${holder.pid}${host}, started ${holder.started})`;
}

/** Removes a stale lock if it is still the one we looked at; false when another run got there first. */
async function takeOver(controlDir: string, path: string, stale: string): Promise<boolean> {
  const guard = join(controlDir, TAKEOVER_FILE);
  try {
    await writeNewFile(guard, `${process.pid}\n`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another run is taking over; its guard is stale only if it died in those few steps.
    const info = await lstat(guard).catch(() => null);
    const owner = Number(
      (await readFile(guard, { encoding: 'utf8', flag: READ_NO_FOLLOW }).catch(() => '')).trim(),
    );
    if (info !== null && !isProcessAlive(owner) && Date.now() - info.mtimeMs > UNREADABLE_STALE_MS)
      await unlink(guard).catch(() => {});
    return false;
  }
  try {
    const now = await readFile(path, { encoding: 'utf8', flag: READ_NO_FOLLOW }).catch(() => null);
    if (now !== stale) return false;
    await unlink(path);
    return true;
  } finally {
    await unlink(guard).catch(() => {});
  }
}

/**
 * Takes the lock of an output folder's control folder (`<folder>/.carebill`, which must
 * exist), or throws {@link OutputRefusedError} when another live run holds it (unless
 * `wait`, which polls until it is free).
 *
 * @example const lock = await acquireFolderLock('out/.carebill', { command: 'preview', folder: 'out' }); try { … } finally { await lock.release() }
 */
export async function acquireFolderLock(
  controlDir: string,
  options: LockOptions,
): Promise<FolderLock> {
  const path = join(controlDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: hostname(),
    started: new Date().toISOString(),
    command: options.command,
  };
  const text = `${JSON.stringify(holder)}\n`;
  let told = false;
  for (;;) {
    try {
      await writeNewFile(path, text);
      return lockOf(path, holder, text);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const state = await inspect(path);
    if (state.kind === 'free') continue;
    if (state.kind === 'stale') {
      if (await takeOver(controlDir, path, state.text))
        options.notice?.(
          `took over the lock of ${options.folder} from ${describeHolder(state.holder)}, which is no longer running\n`,
        );
      else await sleep(WAIT_POLL_MS / 4);
      continue;
    }
    if (!options.wait)
      throw new OutputRefusedError(
        `${options.folder} is in use by ${describeHolder(state.holder)}; wait for it to finish ` +
          `or give --wait-lock. If no such run is going, remove ${path}.`,
      );
    if (!told)
      options.notice?.(
        `waiting for ${describeHolder(state.holder)} to finish with ${options.folder}\n`,
      );
    told = true;
    await sleep(WAIT_POLL_MS);
  }
}

function lockOf(path: string, holder: LockHolder, text: string): FolderLock {
  let released = false;
  // Remove the lock only while it is still ours (it always is, unless someone removed it
  // by hand and another run took the folder).
  const stillOurs = (now: string | null) => now === text;
  return {
    path,
    holder,
    async release() {
      if (released) return;
      released = true;
      const now = await readFile(path, { encoding: 'utf8', flag: READ_NO_FOLLOW }).catch(
        () => null,
      );
      if (stillOurs(now)) await unlink(path).catch(() => {});
    },
    releaseSync() {
      if (released) return;
      released = true;
      let now: string | null = null;
      try {
        const fd = openSync(path, READ_NO_FOLLOW);
        try {
          now = readFileSync(fd, 'utf8');
        } finally {
          closeSync(fd);
        }
      } catch {
        return;
      }
      if (stillOurs(now)) {
        try {
          unlinkSync(path);
        } catch {
          // gone already
        }
      }
    },
  };
}
