/**
 * Reads a dataset folder (one JSON file per CareHQ resource) a file at a time, handing each
 * text over before the next is read, so the caller can load it and let it go: at group size
 * the files' text is ~200 MB that need never be held at once (docs/performance.md).
 *
 * A resource file that cannot be read as a file — a FIFO (reading one would wait forever
 * for a writer), a device, a folder, a symlink loop, a file without read permission,
 * one over {@link MAX_FILE_BYTES}, bytes that are not UTF-8 — is a dataset error naming
 * the path and the reason, reported with every other problem of the dataset.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { DATASET_LOAD_ORDER, type Problem, type ResourceName } from '@carebill/core';
import { MAX_FILE_BYTES, shortenValue } from '@carebill/core/internal';
import { UsageError } from '../usage-error.js';
import type { FileDigest } from './write.js';

/** What reading a folder found besides the texts it handed over. */
export interface DatasetRead {
  /** A dataset error for each resource file that could not be read. */
  readonly problems: readonly Problem[];
  /** The size and SHA-256 of each file read, when asked for (`digests: true`). */
  readonly digests: Partial<Record<ResourceName, FileDigest>>;
}

/**
 * Reads every resource file present in `dir`, one at a time in core's
 * `DATASET_LOAD_ORDER`, and hands each text to `take` before reading the next; missing
 * optional files are left out. A folder without `bookings.json` is a usage error: it is
 * not a dataset folder.
 *
 * @example const loader = createDatasetLoader();
 * const { problems } = await readDatasetFolder('fixtures/demo', (resource, text) => loader.add(resource, text));
 */
export async function readDatasetFolder(
  dir: string,
  take: (resource: ResourceName, text: string) => void,
  options: { readonly digests?: boolean } = {},
): Promise<DatasetRead> {
  const problems: Problem[] = [];
  const digests: Partial<Record<ResourceName, FileDigest>> = {};
  let bookings = false;
  // One buffer for the bytes of every file in turn: fresh memory costs a page fault per
  // 4 KB, a third of the load's reading time at group size (docs/performance.md).
  const scratch: ReadScratch = {};
  for (const resource of DATASET_LOAD_ORDER) {
    const path = join(dir, `${resource}.json`);
    const read = await readTextFile(path, MAX_FILE_BYTES, options.digests === true, scratch);
    if (read.kind === 'missing') continue;
    if (resource === 'bookings') bookings = true;
    if (read.kind === 'unreadable') problems.push(fileProblem(resource, path, read));
    else {
      if (read.digest !== undefined) digests[resource] = read.digest;
      take(resource, read.text);
    }
  }
  if (!bookings) {
    throw new UsageError(
      `no bookings.json in ${dir}: --data must name a dataset folder (see fixtures/demo)`,
    );
  }
  return { problems, digests };
}

/** A buffer that one {@link readTextFile} leaves for the next to read into, grown as needed. */
export interface ReadScratch {
  buffer?: Buffer;
}

/** What reading one file gave. */
export type TextFileRead =
  | { readonly kind: 'text'; readonly text: string; readonly digest?: FileDigest }
  | { readonly kind: 'missing' }
  | {
      readonly kind: 'unreadable';
      readonly code: 'UNREADABLE_FILE' | 'FILE_TOO_LARGE';
      readonly reason: string;
    };

/**
 * A file's UTF-8 text, read through one handle so what is checked is what is read: a
 * regular file, at most `maxBytes`. Opened non-blocking, so a FIFO is refused rather than
 * waited on. With `digest`, also the size and SHA-256 of the bytes read. Never throws for
 * a problem with the file itself. With `scratch`, the bytes are read into its buffer when it
 * is large enough, and the buffer used is left there for the next read.
 *
 * @example await readTextFile('fixtures/demo/rooms.json') // { kind: 'text', text: '[…]' }
 */
export async function readTextFile(
  path: string,
  maxBytes = MAX_FILE_BYTES,
  digest = false,
  scratch?: ReadScratch,
): Promise<TextFileRead> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable', code: 'UNREADABLE_FILE', reason: describeError(error) };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      return {
        kind: 'unreadable',
        code: 'UNREADABLE_FILE',
        reason: `it is ${kindOf(info)}, not a file`,
      };
    }
    if (info.size > maxBytes) return tooLarge(maxBytes);
    // Read into one buffer of the size stat gave (one byte more, to see a file that grew),
    // so the bytes are not copied again (~150 MB at group size); a file that grew, or
    // whose size stat does not know (/proc), is read on to its end all the same.
    let buffer =
      scratch?.buffer !== undefined && scratch.buffer.length > info.size
        ? scratch.buffer
        : Buffer.allocUnsafe(info.size + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(bigger, 0, 0, total);
        buffer = bigger;
      }
      if (scratch !== undefined) scratch.buffer = buffer;
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) return tooLarge(maxBytes);
    }
    try {
      const bytes = buffer.subarray(0, total);
      return {
        kind: 'text',
        text: new TextDecoder('utf-8', { fatal: true }).decode(bytes),
        ...(digest && {
          digest: { size: total, sha256: createHash('sha256').update(bytes).digest('hex') },
        }),
      };
    } catch {
      return {
        kind: 'unreadable',
        code: 'UNREADABLE_FILE',
        reason: 'it is not UTF-8 text (export it again from CareHQ, or save it as UTF-8)',
      };
    }
  } catch (error) {
    return { kind: 'unreadable', code: 'UNREADABLE_FILE', reason: describeError(error) };
  } finally {
    await handle.close();
  }
}

function tooLarge(maxBytes: number): TextFileRead {
  return {
    kind: 'unreadable',
    code: 'FILE_TOO_LARGE',
    reason: `it is larger than ${megabytes(maxBytes)}, the most carebill reads of one file (split the dataset)`,
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / 2 ** 20).toLocaleString('en-GB', { maximumFractionDigits: 1 })} MB`;
}

/** "a FIFO (named pipe)", "a folder", … for a message. */
function kindOf(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The reason an operating system gave, in words, with its code. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'too many levels of symbolic links (a symlink loop)',
    EISDIR: 'it is a folder, not a file',
    ENOTDIR: 'a part of the path is not a folder',
    ENAMETOOLONG: 'the name is too long',
    EIO: 'an input/output error',
    EMFILE: 'too many open files',
    ENFILE: 'too many open files',
  };
  if (code !== undefined && words[code] !== undefined) return `${words[code]} (${code})`;
  return error instanceof Error ? error.message : String(error);
}

function fileProblem(
  resource: ResourceName,
  path: string,
  read: Extract<TextFileRead, { kind: 'unreadable' }>,
): Problem {
  return {
    severity: 'dataset',
    code: read.code,
    resource,
    id: '',
    field: '',
    value: shortenValue(path),
    message: `${path} cannot be read: ${read.reason}`,
  };
}
