/**
 * The lowest layer of every file carebill writes: a file is always created new
 * (`O_CREAT|O_EXCL|O_NOFOLLOW`), so an existing file — or a symbolic link planted at the
 * name — is never opened, followed or truncated. Writers hand back the size and SHA-256 of
 * what they wrote, for the run's manifest (see `output-run.ts`).
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `open` flags that create a file that must not exist yet, never following a link. */
export const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);

/** `open` flags that read a file, refusing a symbolic link in the last component. */
export const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** What was written: the byte count and the SHA-256 (lowercase hex) of the bytes. */
export interface FileDigest {
  readonly size: number;
  readonly sha256: string;
}

/**
 * The size and SHA-256 of some bytes.
 *
 * @example digestOf('hi\n') // { size: 3, sha256: '98ea6e4f…' }
 */
export function digestOf(data: string | Uint8Array): FileDigest {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/**
 * Creates `path`, which must not exist (not even as a dangling link), and writes `data`.
 * On any failure the half-written file is removed. With `sync` the data is flushed to the
 * disk before the file is closed.
 *
 * @example await writeNewFile('out/.carebill/staging.preview.1.ab/preview.json', json)
 */
export async function writeNewFile(
  path: string,
  data: string | Uint8Array,
  options: { readonly sync?: boolean } = {},
): Promise<FileDigest> {
  const handle = await open(path, CREATE_NEW, 0o666);
  try {
    await handle.writeFile(data);
    if (options.sync) await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(path).catch(() => {});
    throw withPath(error, path);
  }
  return digestOf(data);
}

/**
 * The error with `path` set when it has none: a write through an open file reports
 * ENOSPC without saying which file, and the user must be told.
 *
 * @example throw withPath(error, path)
 */
export function withPath(error: unknown, path: string): unknown {
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string') {
    const errno = error as NodeJS.ErrnoException;
    if (errno.path === undefined) errno.path = path;
    if (errno.syscall === undefined) errno.syscall = 'write';
  }
  return error;
}

/**
 * Opens a new file for streaming into (same rules as {@link writeNewFile}).
 *
 * @example const handle = await openNewFile('out/.carebill/staging.x/big.json')
 */
export function openNewFile(path: string): Promise<FileHandle> {
  return open(path, CREATE_NEW, 0o666);
}

/** A temporary name beside `path`, unique to this process and call. */
function temporaryNameBeside(path: string): string {
  return join(
    dirname(path),
    `.carebill-tmp.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}`,
  );
}

/**
 * Writes `path` so that a reader never sees half a file: the bytes go to a new temporary
 * file beside it (created exclusively, never through a link), which is then renamed over
 * `path`. The folder must exist. Inside an output run's private staging folder this is
 * what the PDF processes use; elsewhere it is safe in any folder.
 *
 * @example await writeFileAtomic('out/.carebill/staging.preview.1.ab/invoices/X.pdf', bytes)
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
): Promise<FileDigest> {
  const temporary = temporaryNameBeside(path);
  const digest = await writeNewFile(temporary, data);
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => {});
    throw error;
  }
  return digest;
}

/**
 * The size and SHA-256 of a file on disk, read without following a link at `path`.
 *
 * @example await digestOfFile('out/preview.json')
 */
export async function digestOfFile(path: string): Promise<FileDigest> {
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(path, READ_NO_FOLLOW);
  for await (const chunk of handle.createReadStream()) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.byteLength;
  }
  return { size, sha256: hash.digest('hex') };
}
