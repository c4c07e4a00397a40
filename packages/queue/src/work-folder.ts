/**
 * A run's work folder on the shared storage: `<out>/.carebill/queue.<run>/`. Workers write
 * the chunks' PDFs into it (each atomically: a new temporary file, then a rename) and,
 * after a chunk's files, the chunk's record (`chunks/<n>.json`: each file's size and
 * SHA-256). The coordinator makes the folder and its subfolders — a worker never creates a
 * folder, so a worker still busy on a run that was given up writes into nothing — and,
 * once every chunk is done, moves the files into its output run's staging folder.
 *
 * The folder outlives a coordinator that fails or is stopped: running the same command
 * again finds the chunks' records and renders only what is missing. Another queue run
 * into the same output folder removes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RenderChunk } from './plan.js';
import { type RenderedFile, type RenderJobResult, workFolderName } from './protocol.js';

/** Where the chunks' records go inside a work folder. */
export const CHUNKS_FOLDER = 'chunks';

/** `open` flags for a file that must not exist yet, never following a link. */
const CREATE_NEW =
  constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0);
const READ_NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** A temporary file's name: `.carebill-tmp.<name>.<pid>.<random>`, as the CLI's writers name them. */
export const TEMPORARY_PREFIX = '.carebill-tmp.';

/**
 * Prepares the work folder of `run` inside `controlDir` (the output folder's
 * `.carebill/`), resuming it if it is there, and removes the work folders of other runs
 * (given up: their options or data differ). The caller holds the output folder's lock.
 *
 * @example const { folder, removed } = await openWorkFolder('/srv/out/.carebill', run, chunks)
 */
export async function openWorkFolder(
  controlDir: string,
  run: string,
  chunks: readonly RenderChunk[],
): Promise<{ folder: string; removed: string[] }> {
  const name = workFolderName(run);
  const removed: string[] = [];
  for (const entry of await readdir(controlDir)) {
    if (entry === name || !/^queue\.[0-9a-f]{16}$/.test(entry)) continue;
    await rm(join(controlDir, entry), { recursive: true, force: true, maxRetries: 3 });
    removed.push(entry);
  }
  const folder = join(controlDir, name);
  // Mode 0700: it holds people's invoices. Made once; a resumed run finds it.
  await mkdir(folder, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  if (!(await lstat(folder)).isDirectory())
    throw Object.assign(new Error(`${folder} is not a folder carebill made`), {
      code: 'EEXIST',
      syscall: 'mkdir',
      path: folder,
    });
  const subfolders = new Set([CHUNKS_FOLDER]);
  for (const chunk of chunks)
    for (const file of chunk.files) if (file.path.includes('/')) subfolders.add(dirname(file.path));
  for (const sub of subfolders) await mkdir(join(folder, sub), { recursive: true, mode: 0o700 });
  return { folder, removed };
}

/**
 * The records of the chunks already rendered into a work folder (a resumed run), by
 * chunk number. A record that cannot be read, or is of another run, is left out: its
 * chunk is rendered again.
 *
 * @example const done = await readChunkRecords(folder, run)
 */
export async function readChunkRecords(
  folder: string,
  run: string,
): Promise<Map<number, RenderJobResult>> {
  const records = new Map<number, RenderJobResult>();
  const dir = join(folder, CHUNKS_FOLDER);
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const match = /^(\d{1,9})\.json$/.exec(name);
    if (match === null) continue;
    const text = await readFile(join(dir, name), { encoding: 'utf8', flag: READ_NO_FOLLOW }).catch(
      () => null,
    );
    const record = text === null ? undefined : parseRecord(text);
    if (record !== undefined && record.run === run && record.chunk === Number(match[1]))
      records.set(record.chunk, record);
  }
  return records;
}

function parseRecord(text: string): RenderJobResult | undefined {
  try {
    const value = JSON.parse(text) as RenderJobResult;
    const ok =
      typeof value.run === 'string' &&
      Number.isInteger(value.chunk) &&
      Array.isArray(value.files) &&
      value.files.every(
        (f) =>
          typeof f?.path === 'string' &&
          Number.isInteger(f.size) &&
          typeof f.sha256 === 'string' &&
          /^[0-9a-f]{64}$/.test(f.sha256),
      );
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writes a chunk's record into the work folder, atomically (after its files).
 *
 * @example await writeChunkRecord(folder, { run, chunk: 3, files })
 */
export async function writeChunkRecord(folder: string, record: RenderJobResult): Promise<void> {
  await writeFileAtomic(
    join(folder, CHUNKS_FOLDER, `${record.chunk}.json`),
    `${JSON.stringify(record)}\n`,
  );
}

/**
 * Writes `path` so no reader ever sees half of it: the bytes go to a new temporary file
 * beside it (created exclusively, never through a link), which is then renamed over
 * `path`. The folder must exist. Resolves to what was written.
 *
 * @example const { size, sha256 } = await writeFileAtomic('/srv/out/.carebill/queue.x/invoices/A.pdf', pdf)
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
): Promise<Omit<RenderedFile, 'path'>> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const temporary = join(
    dirname(path),
    `${TEMPORARY_PREFIX}${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}`,
  );
  const handle = await open(temporary, CREATE_NEW, 0o666);
  try {
    await handle.writeFile(bytes);
    await handle.close();
    await rename(temporary, path);
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(temporary).catch(() => {});
    if (error instanceof Error && (error as NodeJS.ErrnoException).path === undefined)
      Object.assign(error, { path });
    throw error;
  }
  return {
    size: bytes.byteLength,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
