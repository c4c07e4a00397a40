/**
 * `carebill verify`'s check of an output folder against its manifests: every file a
 * manifest lists is there, a regular file, with the size and SHA-256 it was written with;
 * every other file in the folder is named as extra. Folders inside it with their own
 * `.carebill/` (the demo's `out/exports`, `out/referrals`) are checked as folders of their
 * own. The check holds the folder's lock (so no run changes it meanwhile) and first
 * finishes any interrupted commit, like a run would.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { recoverOutputFolder } from './output-commit.js';
import { IGNORED_NAMES } from './output-legacy.js';
import { acquireFolderLock } from './output-lock.js';
import { CONTROL_DIR, type OutputManifest, readManifests } from './output-manifest.js';
import { OutputRefusedError } from './output-refused.js';
import { digestOfFile } from './write.js';

/** One difference between a folder and its manifests. */
export interface VerifyProblem {
  readonly kind: 'changed' | 'missing' | 'extra' | 'damaged' | 'unfinished';
  /** Relative to the folder checked. */
  readonly path: string;
  /** The command whose manifest lists the file. */
  readonly command?: string;
  readonly detail?: string;
}

/** The check of one output folder. */
export interface FolderCheck {
  readonly folder: string;
  readonly manifests: readonly OutputManifest[];
  readonly problems: readonly VerifyProblem[];
  /** Interrupted commits finished, staging folders of stopped runs removed. */
  readonly recovered: { readonly finished: readonly string[]; readonly discarded: number };
}

export interface VerifyOptions {
  readonly wait?: boolean;
  readonly notice?: (text: string) => void;
}

async function isFolder(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => null);
  return info?.isDirectory() === true;
}

/**
 * Checks `folder` and every output folder inside it. Throws {@link OutputRefusedError}
 * when there is no carebill output there at all, or a run holds it (unless `wait`).
 *
 * @example const checks = await verifyOutputFolders('out'); checks.every((c) => c.problems.length === 0)
 */
export async function verifyOutputFolders(
  folder: string,
  options: VerifyOptions = {},
): Promise<FolderCheck[]> {
  if (!(await isFolder(folder)))
    throw new OutputRefusedError(`${folder} is not a folder: give the output folder to check`);
  const checks: FolderCheck[] = [];
  const queue = [folder];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    const { check, nested } = await verifyOne(next, options);
    if (check !== undefined) checks.push(check);
    queue.push(...nested);
  }
  if (checks.length === 0)
    throw new OutputRefusedError(
      `${folder} holds no carebill manifest (no .carebill folder): it is not a folder carebill wrote, ` +
        'or it was written before carebill kept manifests (run the command again to write one)',
    );
  return checks;
}

async function verifyOne(
  folder: string,
  options: VerifyOptions,
): Promise<{ check?: FolderCheck; nested: string[] }> {
  const controlDir = join(folder, CONTROL_DIR);
  if (!(await isFolder(controlDir))) return { nested: await findOutputFolders(folder) };
  // A folder that cannot be written (a backup on read-only media) is checked without the
  // lock, and an interrupted commit in it is reported rather than finished.
  const lock = await acquireFolderLock(controlDir, {
    command: 'verify',
    folder,
    wait: options.wait === true,
    ...(options.notice !== undefined && { notice: options.notice }),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EROFS' || error.code === 'EACCES' || error.code === 'EPERM') return null;
    throw error;
  });
  try {
    const problems: VerifyProblem[] = [];
    let recovery: Awaited<ReturnType<typeof recoverOutputFolder>> = { finished: [], discarded: [] };
    if (lock !== null) recovery = await recoverOutputFolder(folder, controlDir);
    else
      for (const name of await readdir(controlDir))
        if (/^commit\.[a-z0-9-]+\.json$/.test(name))
          problems.push({
            kind: 'unfinished',
            path: `${CONTROL_DIR}/${name}`,
            detail:
              'an interrupted commit; run carebill verify where the folder can be written to finish it',
          });
    let manifests = new Map<string, OutputManifest>();
    try {
      manifests = await readManifests(controlDir);
    } catch (error) {
      if (!(error instanceof OutputRefusedError)) throw error;
      problems.push({ kind: 'damaged', path: CONTROL_DIR, detail: error.message });
    }
    const expected = new Map<string, { command: string; size: number; sha256: string }>();
    for (const [command, manifest] of manifests)
      for (const file of manifest.files) expected.set(file.path, { command, ...file });
    const nested: string[] = [];
    const present = await listFiles(folder, '', nested);
    for (const path of present)
      if (!expected.has(path)) problems.push({ kind: 'extra', path, detail: 'in no manifest' });
    for (const [path, file] of expected) {
      const info = await lstat(join(folder, path)).catch(() => null);
      if (info === null) {
        problems.push({ kind: 'missing', path, command: file.command });
        continue;
      }
      if (!info.isFile()) {
        const what = info.isSymbolicLink() ? 'a symbolic link' : 'not a file';
        problems.push({ kind: 'changed', path, command: file.command, detail: `now ${what}` });
        continue;
      }
      const digest = await digestOfFile(join(folder, path));
      if (digest.size !== file.size || digest.sha256 !== file.sha256)
        problems.push({
          kind: 'changed',
          path,
          command: file.command,
          detail:
            `${digest.size} bytes, SHA-256 ${digest.sha256.slice(0, 12)}…; ` +
            `written as ${file.size} bytes, SHA-256 ${file.sha256.slice(0, 12)}…`,
        });
    }
    problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return {
      check: {
        folder,
        manifests: [...manifests.values()],
        problems,
        recovered: { finished: recovery.finished, discarded: recovery.discarded.length },
      },
      nested,
    };
  } finally {
    await lock?.release();
  }
}

/** Every file (and link) under `folder`, relative; output folders inside it go to `nested`. */
async function listFiles(folder: string, prefix: string, nested: string[]): Promise<string[]> {
  const files: string[] = [];
  const dir = join(folder, prefix);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (prefix === '' && entry.name === CONTROL_DIR) continue;
    if (IGNORED_NAMES.has(entry.name)) continue;
    if (entry.isDirectory()) {
      if (await isFolder(join(dir, entry.name, CONTROL_DIR))) nested.push(join(folder, path));
      else files.push(...(await listFiles(folder, path, nested)));
    } else files.push(path);
  }
  return files;
}

/** Output folders up to two levels under a folder that is not one itself. */
async function findOutputFolders(folder: string, depth = 2): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const path = join(folder, entry.name);
    if (await isFolder(join(path, CONTROL_DIR))) found.push(path);
    else if (depth > 1) found.push(...(await findOutputFolders(path, depth - 1)));
  }
  return found;
}
