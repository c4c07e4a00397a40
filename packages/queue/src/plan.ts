/**
 * A run's chunks and its id. The files are the preview's own plan (the same invoice files
 * and the same print packs as on one machine, so the bytes are the same); chunking only
 * decides which worker renders which.
 */
import { createHash } from 'node:crypto';
import type { RenderFile } from './protocol.js';

/** Invoice PDFs per job by default: about 1.5 s of one core, so a lost job costs little. */
export const DEFAULT_INVOICES_PER_CHUNK = 50;

/** A chunk: the files one job renders. */
export interface RenderChunk {
  /** The chunk's number, from 0. */
  readonly index: number;
  readonly files: readonly RenderFile[];
  /** How many invoices its files hold (a pack's invoices counted once each). */
  readonly invoices: number;
}

/**
 * Groups a preview's files into chunks: the invoice PDFs in order, `perChunk` to a chunk;
 * then each print pack alone, last, so that by the time a pack is rendered the invoice PDFs
 * it is merged from are mostly written (it reads them rather than rendering them again).
 *
 * @example planChunks(files, 50).length // ceil(invoice files / 50) + packs
 */
export function planChunks(
  files: readonly RenderFile[],
  perChunk = DEFAULT_INVOICES_PER_CHUNK,
): RenderChunk[] {
  if (!Number.isInteger(perChunk) || perChunk < 1)
    throw new RangeError(`invoices per chunk must be a whole number ≥ 1, not ${perChunk}`);
  const groups: RenderFile[][] = [];
  const singles = files.filter((f) => f.kind === 'invoice');
  for (let start = 0; start < singles.length; start += perChunk)
    groups.push(singles.slice(start, start + perChunk));
  for (const pack of files.filter((f) => f.kind === 'pack')) groups.push([pack]);
  return groups.map((group, index) => ({
    index,
    files: group,
    invoices: group.reduce((n, file) => n + file.invoices.length, 0),
  }));
}

/**
 * A run's id: 16 hex digits of the SHA-256 of what decides its files — the dataset's hash,
 * the preview's options, the output folder, the chunking and the release. The same command
 * on the same data gets the same id, so running it again resumes the run (its chunks'
 * jobs have the same ids) instead of doing it twice.
 *
 * @example queueRunId({ dataset: 'adcc21a9…', month: '2024-11', folder: '/srv/out' })
 */
export function queueRunId(
  parts: Readonly<Record<string, string | number | boolean | null>>,
): string {
  const canonical = JSON.stringify(Object.entries(parts).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
