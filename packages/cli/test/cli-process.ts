/**
 * The real `carebill` as a child process (run from source with tsx, as `bin.ts` starts it:
 * with its signal handlers), and snapshots of folders for "byte for byte as before" checks.
 *
 * @example const { code, stderr } = await spawnCli(['preview', '--data', demo, '--month', '2024-11', '--out', dir])
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
export const DEMO = join(REPO, 'fixtures', 'demo');
const BIN = join(REPO, 'packages', 'cli', 'src', 'bin.ts');
const TSX = import.meta.resolve('tsx');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnOptions {
  /** Extra environment, e.g. `CAREBILL_TEST_FAULT`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Its own process group (so a signal to the group reaches its PDF processes too). */
  readonly group?: boolean;
  /** Told the child's pid as soon as it starts. */
  readonly onStart?: (pid: number) => void;
  /** Told all the child has written to stderr so far, each time it writes more. */
  readonly onStderr?: (soFar: string) => void;
}

/** Runs the CLI to the end and resolves to how it ended and what it printed. */
export function spawnCli(args: readonly string[], options: SpawnOptions = {}): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', TSX, BIN, ...args], {
      cwd: REPO,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.group === true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      options.onStderr?.(stderr);
    });
    child.on('error', fail);
    if (child.pid !== undefined) options.onStart?.(child.pid);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
  });
}

/** Is process `pid` stopped (SIGSTOP) — Linux only. */
export async function isStopped(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return /\) T /.test(stat);
}

export interface SnapshotOptions {
  /** Leave out what a killed run leaves in `.carebill/` (the lock, staging folders, a journal). */
  readonly withoutLeftovers?: boolean;
  /** Leave out `.carebill/` entirely. */
  readonly withoutControl?: boolean;
}

const LEFTOVER = /^\.carebill\/(lock(\.takeover)?|staging\.[^/]+|commit\.[^/]+\.json)(\/|$)/;

/**
 * Every entry under `folder`: files by SHA-256, folders as `dir`, links by target.
 *
 * @example expect(await snapshot(out)).toEqual(before)
 */
export async function snapshot(
  folder: string,
  options: SnapshotOptions = {},
): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (prefix: string) => {
    for (const name of (await readdir(join(folder, prefix))).sort()) {
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (options.withoutControl && path === '.carebill') continue;
      if (options.withoutLeftovers && LEFTOVER.test(path)) continue;
      const full = join(folder, path);
      const info = await lstat(full);
      if (info.isSymbolicLink()) entries[path] = `link → ${await readlink(full)}`;
      else if (info.isDirectory()) {
        entries[path] = 'dir';
        await walk(path);
      } else
        entries[path] = createHash('sha256')
          .update(await readFile(full))
          .digest('hex');
    }
  };
  await walk('');
  return entries;
}

/** Only the files of a snapshot a user sees (not `.carebill/`, not folders). */
export function visibleFiles(snap: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(snap).filter(
      ([path, value]) => !path.startsWith('.carebill') && value !== 'dir',
    ),
  );
}

/**
 * Resolves once `condition` holds, checking every 50 ms; fails after `limitMs` (a guard
 * against hanging, not a timing assertion).
 */
export async function until(
  condition: () => boolean | Promise<boolean>,
  limitMs = 60_000,
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > limitMs) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
