/**
 * Writes a pulled dataset into a folder so that an interrupted or failed pull never leaves a
 * half-written dataset: every file is first written in full to a temporary file in the same
 * folder and flushed to disk; only when all of them are written are they renamed over the
 * old files (a rename within one folder replaces a file in one step). Temporary files are
 * removed on any failure.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_FILE = /^\.carebill-pull\..+\.json\.\d+\.[0-9a-f]{8}\.tmp$/;

function tempName(fileName: string): string {
  return `.carebill-pull.${fileName}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
}

/**
 * Is `name` a temporary file of a pull (ours or one that was killed)?
 *
 * @example isPullTempFile('.carebill-pull.rooms.json.4242.0a1b2c3d.tmp') // true
 */
export function isPullTempFile(name: string): boolean {
  return TEMP_FILE.test(name);
}

function pidOfTempFile(name: string): number {
  return Number(/\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name)?.[1]);
}

function isRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a === '_id' ? -1 : b === '_id' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/**
 * The file text for a list of records: sorted by `_id`, keys sorted (`_id` first),
 * pretty-printed with two spaces, ending in a newline — the same records give the same bytes.
 *
 * @example formatRecords([{ _id: 'b', name: 'x' }, { _id: 'a' }]) // '[\n  {\n    "_id": "a"\n  }, …'
 */
export function formatRecords(records: ReadonlyArray<{ readonly _id: string }>): string {
  const sorted = [...records].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  return `${JSON.stringify(sortKeys(sorted), null, 2)}\n`;
}

/**
 * Writes `files` (file name → text) into `dir` all-or-nothing as far as a file system
 * allows: all temporary files are written (created exclusively, so never through a planted
 * link) and synced before the first rename. Leftover temporary files of an earlier killed
 * pull (its process gone) are removed first. The `carebill pull` command does not use
 * this: it writes through its output run (staging, lock, manifest; docs/outputs.md).
 *
 * @example await writeFilesAtomically('data', { 'rooms.json': '[]\n' })
 */
export async function writeFilesAtomically(
  dir: string,
  files: Readonly<Record<string, string>>,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  // Only a dead process's leftovers: a pull still running into this folder keeps its own.
  for (const name of await readdir(dir)) {
    if (isPullTempFile(name) && !isRunning(pidOfTempFile(name)))
      await rm(join(dir, name), { force: true });
  }
  const pending = new Map<string, string>(); // temp path → final path
  try {
    for (const [name, text] of Object.entries(files)) {
      const temp = join(dir, tempName(name));
      pending.set(temp, join(dir, name));
      const handle = await open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    for (const [temp, final] of pending) {
      await rename(temp, final);
      pending.delete(temp);
    }
  } finally {
    for (const temp of pending.keys()) await rm(temp, { force: true });
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // Makes the renames durable; not every platform can open a folder, which is fine.
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
