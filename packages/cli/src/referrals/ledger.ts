/**
 * The ledger of referrals sent, in the output folder (`ledger.json`), keyed by resident and
 * upper-limit date: a resident is referred again only when their upper-limit date changes.
 * It is rewritten atomically (a temporary file, then a rename) after every successful send.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/write.js';
import { UsageError } from '../usage-error.js';

export const LEDGER_FILE = 'ledger.json';

export interface LedgerEntry {
  readonly service_user: string;
  readonly upper_limit_date: string;
  readonly sent_at: string;
  readonly http_status: number;
  readonly endpoint: string;
}

export interface Ledger {
  readonly version: 1;
  readonly sent: Readonly<Record<string, LedgerEntry>>;
}

/**
 * The ledger key of a referral.
 *
 * @example ledgerKey('su1', '2026-03-14') === 'su1@2026-03-14'
 */
export function ledgerKey(serviceUser: string, upperLimitDate: string): string {
  return `${serviceUser}@${upperLimitDate}`;
}

function isLedger(value: unknown): value is Ledger {
  if (typeof value !== 'object' || value === null) return false;
  const ledger = value as { version?: unknown; sent?: unknown };
  return (
    ledger.version === 1 &&
    typeof ledger.sent === 'object' &&
    ledger.sent !== null &&
    !Array.isArray(ledger.sent)
  );
}

/**
 * The ledger in `outDir`, or an empty one when there is none yet. A ledger that cannot be
 * read stops the run (a `UsageError`): sending without it could refer someone twice.
 *
 * @example const ledger = await readLedger('out/referrals')
 */
export async function readLedger(outDir: string): Promise<Ledger> {
  const path = join(outDir, LEDGER_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, sent: {} };
    throw new UsageError(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code}); nothing was sent`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isLedger(parsed)) {
    throw new UsageError(
      `${path} is not a carebill referral ledger; nothing was sent. Restore it from a backup ` +
        '(without it carebill cannot tell which referrals were already sent).',
    );
  }
  return parsed;
}

/**
 * A ledger with one more entry (a new object; the old one is untouched).
 *
 * @example recordSent(ledger, entry).sent['su1@2026-03-14'] === entry
 */
export function recordSent(ledger: Ledger, entry: LedgerEntry): Ledger {
  return {
    version: 1,
    sent: { ...ledger.sent, [ledgerKey(entry.service_user, entry.upper_limit_date)]: entry },
  };
}

/**
 * Writes the ledger atomically, keys sorted so the file reads the same for the same sends.
 *
 * @example await writeLedger('out/referrals', ledger)
 */
export async function writeLedger(outDir: string, ledger: Ledger): Promise<void> {
  const sent: Record<string, LedgerEntry> = {};
  for (const key of Object.keys(ledger.sent).sort()) sent[key] = ledger.sent[key] as LedgerEntry;
  await writeFileAtomic(
    join(outDir, LEDGER_FILE),
    `${JSON.stringify({ version: 1, sent }, null, 2)}\n`,
  );
}

export const LOCK_FILE = '.refer.lock';

/**
 * Takes the output folder's send lock (a file created exclusively), so two `--send` runs
 * on one ledger cannot both send a referral; resolves to the function that releases it.
 *
 * @example const release = await lockLedger('out/referrals'); try { … } finally { await release(); }
 */
export async function lockLedger(outDir: string, now: () => Date): Promise<() => Promise<void>> {
  const path = join(outDir, LOCK_FILE);
  await mkdir(outDir, { recursive: true });
  try {
    await writeFile(path, `${process.pid} ${now().toISOString()}\n`, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new UsageError(
      `another carebill refer --send is using ${outDir} (${path} exists); nothing was sent. ` +
        'If no other run is going (one was interrupted), delete that file and run again.',
    );
  }
  return () => rm(path, { force: true });
}
