/**
 * The commit of an output run, and its recovery. Several renames cannot be atomic
 * together, so a commit is journaled:
 *
 * 1. the run's files are complete in its staging folder (`.carebill/staging.<…>/files/`);
 * 2. the journal — every rename to make, every stale file to remove, the new manifest —
 *    is written in the staging folder, flushed, and renamed to `.carebill/commit.<command>.json`.
 *    **That rename is the commit point**: before it the folder is the previous run's
 *    output and the staging folder is litter; after it the run has happened;
 * 3. each file is renamed from staging to its final name (a rename replaces a file in one
 *    step, so no final name ever holds half a file), stale files are removed, the new
 *    manifest is put in place, the journal is removed, then the staging folder.
 *
 * Every step of 3 can be repeated, so a run killed anywhere in it is finished ("rolled
 * forward") by {@link recoverOutputFolder}, which every run and `carebill verify` call first,
 * holding the folder's lock. Staging folders without a journal are removed.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { faultPoint } from './fault-points.js';
import {
  formatManifest,
  isSafeRelativePath,
  manifestFileName,
  type OutputManifest,
  parseManifest,
  readControlFile,
} from './output-manifest.js';
import { OutputRefusedError } from './output-refused.js';
import { READ_NO_FOLLOW, writeFileAtomic, writeNewFile } from './write.js';

export const JOURNAL_FORMAT = 1;

/** What a commit will do, written before it starts. */
export interface CommitJournal {
  readonly carebill_commit: typeof JOURNAL_FORMAT;
  readonly command: string;
  /** The staging folder's name, inside `.carebill/`. */
  readonly staging: string;
  /** Renames: `from` relative to the staging folder, `to` relative to the output folder. */
  readonly install: readonly { readonly from: string; readonly to: string }[];
  /** Files of the previous run that this one does not write, relative to the output folder. */
  readonly remove: readonly string[];
  readonly manifest: OutputManifest;
  /**
   * A step of a run still going (refer's ledger after a send): the staging folder stays.
   * Absent for a run's final commit.
   */
  readonly partial?: true;
}

/** The new manifest's name in the staging folder, written (and flushed) before the commit point. */
export const STAGED_MANIFEST = 'manifest.json';

/** `staging.<command>.<pid>.<random>`: a staging folder of a run (live, or left by a killed one). */
export const STAGING_NAME = /^staging\.([a-z0-9-]+)\.(\d+)\.([0-9a-f]+)$/;
const JOURNAL_NAME = /^commit\.([a-z0-9-]+)\.json$/;
const TEMPORARY_NAME = /^\.carebill-tmp\./;

/** The journal file of a command. @example journalFileName('preview') === 'commit.preview.json' */
export function journalFileName(command: string): string {
  return `commit.${command}.json`;
}

function parseJournal(value: unknown): CommitJournal | undefined {
  const j = value as Partial<CommitJournal>;
  if (typeof j !== 'object' || j === null || j.carebill_commit !== JOURNAL_FORMAT) return undefined;
  if (typeof j.command !== 'string' || typeof j.staging !== 'string') return undefined;
  if (!STAGING_NAME.test(j.staging)) return undefined;
  if (!Array.isArray(j.install) || !Array.isArray(j.remove)) return undefined;
  const pathsOk =
    j.install.every(
      (i) =>
        typeof i?.from === 'string' &&
        typeof i?.to === 'string' &&
        isSafeRelativePath(i.from) &&
        isSafeRelativePath(i.to),
    ) && j.remove.every((p) => typeof p === 'string' && isSafeRelativePath(p));
  const manifest = parseManifest(j.manifest);
  if (!pathsOk || manifest === undefined || manifest.command !== j.command) return undefined;
  return j as CommitJournal;
}

/** Flushes a folder's entries (the renames in it) to disk where the platform allows. */
export async function syncFolder(path: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
    await handle.sync();
  } catch {
    // best effort: not every platform or file system can flush a folder
  } finally {
    await handle?.close().catch(() => {});
  }
}

/**
 * Makes the folders of `relative` (a file's path) inside `folder`, refusing a link or a
 * file where a folder should be: nothing is ever written through a planted link.
 *
 * @example await ensureParentFolders('out', 'invoices/X.pdf') // makes out/invoices
 */
export async function ensureParentFolders(
  folder: string,
  relative: string,
  checked: Set<string> = new Set(),
): Promise<void> {
  const parts = relative.split('/').slice(0, -1);
  let path = folder;
  for (const part of parts) {
    path = join(path, part);
    if (checked.has(path)) continue;
    let info = await lstat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info === null) {
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      info = await lstat(path);
    }
    if (!info.isDirectory() || info.isSymbolicLink())
      throw new OutputRefusedError(
        `${path} is ${info.isSymbolicLink() ? 'a symbolic link' : 'a file'} where carebill ` +
          'writes a folder; carebill will not write through it. Move it away and run again.',
      );
    checked.add(path);
  }
}

async function removeEmptyParents(folder: string, relative: string): Promise<void> {
  let dir = dirname(relative);
  while (dir !== '.' && dir !== '') {
    try {
      await rmdir(join(folder, dir));
    } catch {
      return; // not empty (or gone): stop
    }
    dir = dirname(dir);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Writes the new manifest and the journal into the staging folder, flushed, and renames
 * the journal into place: the commit point. After this resolves the run has happened,
 * whatever stops the process. Everything that needs disk space is written before it.
 *
 * @example await writeJournal('out/.carebill', journal)
 */
export async function writeJournal(controlDir: string, journal: CommitJournal): Promise<void> {
  const staging = join(controlDir, journal.staging);
  await rm(join(staging, STAGED_MANIFEST), { force: true });
  await rm(join(staging, 'commit.json'), { force: true });
  await writeNewFile(join(staging, STAGED_MANIFEST), formatManifest(journal.manifest), {
    sync: true,
  });
  const staged = join(staging, 'commit.json');
  await writeNewFile(staged, `${JSON.stringify(journal)}\n`, { sync: true });
  faultPoint('commit-journal');
  await rename(staged, join(controlDir, journalFileName(journal.command)));
  await syncFolder(controlDir);
}

/**
 * Carries out a written journal (step 3). Safe to repeat after an interruption at any point.
 *
 * @example await rollForward('out', 'out/.carebill', journal)
 */
export async function rollForward(
  folder: string,
  controlDir: string,
  journal: CommitJournal,
): Promise<void> {
  faultPoint('commit-start');
  const staging = join(controlDir, journal.staging);
  const touched = new Set<string>([folder]);
  const checked = new Set<string>();
  for (const { from, to } of journal.install) {
    const source = join(staging, from);
    await ensureParentFolders(folder, to, checked);
    faultPoint('commit-rename', join(folder, to));
    try {
      await rename(source, join(folder, to));
    } catch (error) {
      // Moved already, before an interruption: nothing left to do for this one.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || (await exists(source))) throw error;
    }
    touched.add(dirname(join(folder, to)));
  }
  for (const path of journal.remove) {
    faultPoint('commit-remove', join(folder, path));
    await unlink(join(folder, path)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await removeEmptyParents(folder, path);
  }
  for (const dir of touched) await syncFolder(dir);
  faultPoint('commit-manifest');
  await installManifest(controlDir, staging, journal.manifest);
  faultPoint('commit-done');
  await unlink(join(controlDir, journalFileName(journal.command))).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    },
  );
  if (journal.partial !== true) await rm(staging, { recursive: true, force: true, maxRetries: 3 });
}

/** Puts the journal's manifest in place: the staged copy if it is still there, else from the journal. */
async function installManifest(
  controlDir: string,
  staging: string,
  manifest: OutputManifest,
): Promise<void> {
  const final = join(controlDir, manifestFileName(manifest.command));
  const staged = join(staging, STAGED_MANIFEST);
  if (await exists(staged)) {
    await rename(staged, final);
  } else {
    const text = formatManifest(manifest);
    const now = await readFile(final, { encoding: 'utf8', flag: READ_NO_FOLLOW }).catch(() => null);
    if (now !== text) await writeFileAtomic(final, text);
  }
  await syncFolder(controlDir);
}

/** What {@link recoverOutputFolder} did, for a notice. */
export interface Recovery {
  /** Commands whose interrupted commit was finished. */
  readonly finished: readonly string[];
  /** Staging folders of runs that stopped before their commit point, removed. */
  readonly discarded: readonly string[];
}

/**
 * Finishes every interrupted commit in an output folder and removes what runs that
 * stopped before their commit point left. The caller holds the folder's lock, so no
 * staging folder here belongs to a live run.
 *
 * @example const { finished } = await recoverOutputFolder('out', 'out/.carebill')
 */
export async function recoverOutputFolder(folder: string, controlDir: string): Promise<Recovery> {
  let names: string[];
  try {
    names = await readdir(controlDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { finished: [], discarded: [] };
    throw error;
  }
  const finished: string[] = [];
  for (const name of names.filter((n) => JOURNAL_NAME.test(n)).sort()) {
    const path = join(controlDir, name);
    const journal = await readControlFile(path, parseJournal);
    if (journal === undefined)
      throw new OutputRefusedError(
        `${path} is damaged, so an interrupted commit in ${folder} cannot be finished. ` +
          'Move the folder aside and run again into a new one.',
      );
    await rollForward(folder, controlDir, journal);
    finished.push(journal.command);
  }
  const discarded: string[] = [];
  for (const name of (await readdir(controlDir)).sort()) {
    if (STAGING_NAME.test(name)) {
      await rm(join(controlDir, name), { recursive: true, force: true, maxRetries: 3 });
      discarded.push(name);
    } else if (TEMPORARY_NAME.test(name)) {
      await rm(join(controlDir, name), { force: true });
    }
  }
  return { finished, discarded };
}
