/**
 * The manifest of an output run: `<folder>/.carebill/manifest.<command>.json`, written
 * last, listing every file the run left in the folder with its size and SHA-256, the
 * command, its options and the hash of the dataset it read. One manifest per command
 * (an export counts per format: `export-xero`, `export-sage50`, `export-csv`), so several
 * commands can share a folder (the demo writes preview and runway into one `out/`) and
 * each run replaces exactly the files of its own command's previous run.
 *
 * Paths in a manifest are relative, `/`-separated and checked on reading: a manifest
 * naming `../x`, an absolute path or anything under `.carebill/` is refused as damaged,
 * so a tampered manifest can never make carebill remove a file outside the folder.
 */
import { createHash } from 'node:crypto';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ResourceName } from '@carebill/core';
import { OutputRefusedError } from './output-refused.js';
import { type FileDigest, READ_NO_FOLLOW } from './write.js';

/** The folder inside every output folder holding manifests, the lock and staging. */
export const CONTROL_DIR = '.carebill';
export const MANIFEST_FORMAT = 1;

/** One file of a run. */
export interface ManifestFile {
  /** Relative to the output folder, `/`-separated. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

/** What `manifest.<command>.json` holds. */
export interface OutputManifest {
  readonly carebill_manifest: typeof MANIFEST_FORMAT;
  /** The command, per export format: `preview`, `export-xero`, `runway`, `refer`, `generate`, `pull`. */
  readonly command: string;
  /** A random id of the run. */
  readonly run: string;
  /** When the run committed (UTC, from the clock: the one value here not from the inputs). */
  readonly written_at: string;
  /** The options the run was given (text as typed; never credentials). */
  readonly options: Readonly<Record<string, string | number | boolean>>;
  /** The dataset read: its folder as given and {@link hashDatasetFiles}; null for none. */
  readonly dataset: { readonly path: string; readonly sha256: string } | null;
  /** Every file, sorted by path. */
  readonly files: readonly ManifestFile[];
}

/**
 * The manifest file name of a command.
 *
 * @example manifestFileName('export-xero') === 'manifest.export-xero.json'
 */
export function manifestFileName(command: string): string {
  return `manifest.${command}.json`;
}

const MANIFEST_NAME = /^manifest\.([a-z0-9-]+)\.json$/;

/**
 * Is `path` a safe relative path for a file of a run: `/`-separated, no empty, `.` or `..`
 * part, nothing under `.carebill`, no backslash, NUL or control character?
 *
 * @example isSafeRelativePath('invoices/X.pdf') // true
 * @example isSafeRelativePath('../x') // false
 */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.length > 4096) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(path)) return false;
  const parts = path.split('/');
  if (parts[0] === CONTROL_DIR) return false;
  return parts.every((part) => part !== '' && part !== '.' && part !== '..');
}

function isManifestFile(value: unknown): value is ManifestFile {
  const file = value as Partial<ManifestFile>;
  return (
    typeof file === 'object' &&
    file !== null &&
    typeof file.path === 'string' &&
    isSafeRelativePath(file.path) &&
    Number.isSafeInteger(file.size) &&
    (file.size as number) >= 0 &&
    typeof file.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(file.sha256)
  );
}

/**
 * Checks a parsed manifest's shape; undefined when it is not one.
 *
 * @example parseManifest(JSON.parse(text))?.files.length
 */
export function parseManifest(value: unknown): OutputManifest | undefined {
  const m = value as Partial<OutputManifest>;
  if (typeof m !== 'object' || m === null) return undefined;
  if (m.carebill_manifest !== MANIFEST_FORMAT || typeof m.command !== 'string') return undefined;
  if (!Array.isArray(m.files) || !m.files.every(isManifestFile)) return undefined;
  if (typeof m.options !== 'object' || m.options === null) return undefined;
  return m as OutputManifest;
}

/**
 * The text of a manifest: files sorted by path, 2-space JSON, a trailing newline.
 *
 * @example formatManifest(manifest).endsWith('}\n')
 */
export function formatManifest(manifest: OutputManifest): string {
  const files = [...manifest.files].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  return `${JSON.stringify({ ...manifest, files }, null, 2)}\n`;
}

/**
 * A file of the control folder (a manifest, a commit journal) as `parse` reads its JSON;
 * undefined when it is not a regular file, not JSON, or not what `parse` accepts. Any other
 * failure (permissions, a read error) is thrown.
 *
 * @example const manifest = await readControlFile('out/.carebill/manifest.preview.json', parseManifest)
 */
export async function readControlFile<T>(
  path: string,
  parse: (value: unknown) => T | undefined,
): Promise<T | undefined> {
  try {
    if (!(await lstat(path)).isFile()) return undefined;
    return parse(JSON.parse(await readFile(path, { encoding: 'utf8', flag: READ_NO_FOLLOW })));
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Every manifest in an output folder's control folder, by command. A damaged manifest is
 * an {@link OutputRefusedError}: carebill will not guess which files a run wrote.
 *
 * @example const manifests = await readManifests('out/.carebill'); manifests.get('preview')?.files
 */
export async function readManifests(controlDir: string): Promise<Map<string, OutputManifest>> {
  const manifests = new Map<string, OutputManifest>();
  let names: string[];
  try {
    names = await readdir(controlDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return manifests;
    throw error;
  }
  for (const name of names.sort()) {
    const command = MANIFEST_NAME.exec(name)?.[1];
    if (command === undefined) continue;
    const path = join(controlDir, name);
    const manifest = await readControlFile(path, parseManifest);
    if (manifest === undefined || manifest.command !== command)
      throw new OutputRefusedError(
        `${path} is damaged (not a carebill manifest); carebill cannot tell which files its last ` +
          `${command} run wrote. Move the folder aside and run again into a new one.`,
      );
    manifests.set(command, manifest);
  }
  return manifests;
}

/**
 * The SHA-256 of a dataset as read, from each resource file's size and SHA-256 (the files
 * are read one at a time and let go, docs/performance.md): for each file present, in name
 * order, its name, a NUL, its size in bytes, a NUL, its SHA-256 in hex and a newline. Two
 * folders with the same files give the same hash, whatever else the folders hold.
 *
 * @example hashDatasetFiles({ bookings: digestOf('[]') }) // '5f1…'
 */
export function hashDatasetFiles(files: Partial<Record<ResourceName, FileDigest>>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) {
    const file = files[name as ResourceName];
    if (file === undefined) continue;
    hash.update(`${name}.json\0${file.size}\0${file.sha256}\n`);
  }
  return hash.digest('hex');
}
