/**
 * `--invoiced PATH…` (SPEC §10): the previews already issued, read from their
 * `preview.json` files (each PATH a file, or a folder searched for them). Every problem is
 * a usage error naming the file, raised before anything is written.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DayRange,
  type IssuedPreview,
  issuedPeriodProblems,
  readIssuedPreview,
} from '@carebill/core';
import { UsageError } from '../usage-error.js';
import { CONTROL_DIR } from './output-manifest.js';
import { describeError, readTextFile } from './read-dataset.js';

/** The issued previews, in the order found, each with the file it was read from. */
export interface InvoicedRead {
  readonly files: readonly string[];
  readonly issued: readonly IssuedPreview[];
}

/** The name of the file a folder is searched for. */
const PREVIEW_FILE = 'preview.json';

/**
 * Reads every issued preview named by `paths` and checks them against the period being
 * previewed: a path that does not exist, a folder without any `preview.json`, a file that
 * cannot be read, is not JSON, is not a carebill preview, lacks `options`, or whose period
 * overlaps another issued one or the period previewed is a {@link UsageError} naming it.
 * A folder is searched through its subfolders (not through symbolic links, nor carebill's
 * own `.carebill/` control folders), files in name order; a file found twice counts once.
 *
 * @example const { issued } = await readInvoiced(['out/2024-10'], monthPeriod(2024, 11))
 */
export async function readInvoiced(
  paths: readonly string[],
  period: DayRange,
): Promise<InvoicedRead> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    const info = await lstat(path).catch((error: unknown) => {
      throw new UsageError(`--invoiced ${path}: ${describeError(error)}`);
    });
    const found = info.isDirectory() ? await findPreviews(path) : [path];
    if (found.length === 0)
      throw new UsageError(
        `--invoiced ${path}: no ${PREVIEW_FILE} in this folder or its subfolders; name the issued previews' files or folders`,
      );
    for (const file of found) {
      const real = await realpath(file).catch(() => file);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push(file);
    }
  }
  const issued: IssuedPreview[] = [];
  for (const file of files) issued.push(await readIssuedFile(file));
  const [problem] = issuedPeriodProblems(issued, period);
  if (problem !== undefined)
    throw new UsageError(`--invoiced ${files[problem.index]}: ${problem.message}`);
  return { files, issued };
}

async function readIssuedFile(file: string): Promise<IssuedPreview> {
  const read = await readTextFile(file);
  if (read.kind === 'missing') throw new UsageError(`--invoiced ${file}: no such file`);
  if (read.kind === 'unreadable') throw new UsageError(`--invoiced ${file}: ${read.reason}`);
  let value: unknown;
  try {
    value = JSON.parse(read.text);
  } catch {
    throw new UsageError(
      `--invoiced ${file}: is not JSON, so not a carebill preview.json (the file \`carebill preview\` writes)`,
    );
  }
  const reading = readIssuedPreview(value);
  if (!reading.ok) throw new UsageError(`--invoiced ${file}: ${reading.problems.join('; ')}`);
  return reading.issued;
}

/** Every `preview.json` under a folder, depth first in name order. */
async function findPreviews(folder: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw new UsageError(`--invoiced ${folder}: ${describeError(error)}`);
  });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.isFile() && entry.name === PREVIEW_FILE) found.push(join(folder, entry.name));
  }
  for (const entry of entries) {
    if (entry.isDirectory() && entry.name !== CONTROL_DIR)
      found.push(...(await findPreviews(join(folder, entry.name))));
  }
  return found;
}
