/**
 * Output folders written before carebill kept manifests. A folder holding only names the
 * report commands write (`preview.json`, `invoices/`, `xero-invoices-001.csv`,
 * `runway.pdf`, …, a `refer` folder described by its `summary.json`) is accepted as an
 * earlier carebill output; when a command has no manifest yet, the files in the folder
 * with that command's names (regular files, never links) count as its previous run's, so
 * they are replaced or removed as stale like any other. Nothing else is ever treated as carebill's: a folder with any
 * other file and no manifest is refused (see `output-run.ts`). `generate` and `pull`
 * write dataset files, which a real dataset also holds, so they never adopt a folder.
 */
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { READ_NO_FOLLOW } from './write.js';

/** Old temporary names (`.4242.3.tmp`, `runway.json.partial`) that a killed run left behind. */
const OLD_TEMPORARY = /^\.\d+\.\d+\.tmp$/;

/** A command's top-level file names, before manifests. */
const OWN_NAMES: Readonly<Record<string, RegExp>> = {
  preview: /^(preview\.(json|xlsx)|email-manifest\.csv|print-pack(-large-print)?(-\d{3,})?\.pdf)$/,
  'export-xero': /^xero-invoices(-\d{3,})?\.csv$/,
  'export-sage50': /^sage50-audit-trail\.csv$/,
  'export-csv': /^invoice-lines\.csv$/,
  runway: /^runway\.(json|xlsx|pdf)(\.partial)?$/,
};

/** Folders the report commands write, or the demo nests in `out/`. */
const OWN_FOLDERS = new Set(['invoices', 'exports', 'referrals']);
const INVOICE_PDF = /^[A-Za-z0-9_-]+\.pdf$/;

/** Names a desktop leaves in any folder; they neither make a folder foreign nor get touched. */
export const IGNORED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

interface ReferSummaryFiles {
  readonly files: readonly string[];
}

async function readReferSummary(folder: string): Promise<ReferSummaryFiles | undefined> {
  let value: unknown;
  try {
    // Only a regular file: never through a link, never a FIFO that would hang the read.
    const path = join(folder, 'summary.json');
    if (!(await lstat(path)).isFile()) return undefined;
    value = JSON.parse(await readFile(path, { encoding: 'utf8', flag: READ_NO_FOLLOW }));
  } catch {
    return undefined;
  }
  const referred = (value as { referred?: unknown; mode?: unknown })?.referred;
  if (!Array.isArray(referred) || typeof (value as { mode?: unknown }).mode !== 'string')
    return undefined;
  const files = referred
    .map((entry) => (entry as { file?: unknown })?.file)
    .filter((file): file is string => typeof file === 'string' && /^[^/\\]+\.json$/.test(file));
  return { files: ['summary.json', ...files] };
}

/**
 * Is a folder without a manifest an earlier output of the report commands (or, for
 * `refer`, an earlier referral folder)? `entries` are its names, `.carebill` excepted.
 *
 * @example await isLegacyOutputFolder('preview', 'out', ['preview.json', 'invoices']) // true
 */
export async function isLegacyOutputFolder(
  command: string,
  folder: string,
  entries: readonly string[],
): Promise<boolean> {
  if (command === 'refer') {
    // summary.json and the files it lists, or (a send run stopped before its summary) the ledger alone.
    const summary = await readReferSummary(folder);
    const known = new Set([...(summary?.files ?? []), 'ledger.json', '.refer.lock']);
    return entries.every((name) => known.has(name));
  }
  if (!(command in OWN_NAMES)) return false;
  return entries.every(
    (name) =>
      OWN_FOLDERS.has(name) ||
      OLD_TEMPORARY.test(name) ||
      Object.values(OWN_NAMES).some((pattern) => pattern.test(name)),
  );
}

/**
 * The files a command's earlier run left in a folder that has no manifest for it: its own
 * names at the top (and, for preview, the invoice PDFs in `invoices/`), plus old
 * temporary files. Relative paths.
 *
 * @example await legacyPreviousFiles('export-xero', 'out/exports') // ['xero-invoices-001.csv', 'xero-invoices-002.csv']
 */
export async function legacyPreviousFiles(command: string, folder: string): Promise<string[]> {
  if (command === 'refer') {
    const summary = await readReferSummary(folder);
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    const present = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    return [...(summary?.files ?? []), '.refer.lock'].filter((file) => present.has(file));
  }
  const own = OWN_NAMES[command];
  if (own === undefined) return [];
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  // Regular files only: carebill never wrote a link, so a link is never taken for its own.
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .filter((name) => own.test(name) || (OLD_TEMPORARY.test(name) && command !== 'runway'));
  if (command === 'preview') {
    const invoices = await readdir(join(folder, 'invoices'), { withFileTypes: true }).catch(
      () => [],
    );
    for (const entry of invoices)
      if (entry.isFile() && (INVOICE_PDF.test(entry.name) || OLD_TEMPORARY.test(entry.name)))
        files.push(`invoices/${entry.name}`);
  }
  return files.sort();
}
