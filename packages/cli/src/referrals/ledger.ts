/**
 * The ledger of referrals sent, in the output folder (`ledger.json`), keyed by resident and
 * upper-limit date: a resident is referred again only when their upper-limit date changes.
 * It is put in place (journaled, atomically: `OutputRun.writeNow`) after every successful
 * send; the folder's lock keeps two runs from sending at once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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
 * The ledger's text, keys sorted so the file reads the same for the same sends.
 *
 * @example await run.writeNow(LEDGER_FILE, formatLedger(ledger))
 */
export function formatLedger(ledger: Ledger): string {
  const sent: Record<string, LedgerEntry> = {};
  for (const key of Object.keys(ledger.sent).sort()) sent[key] = ledger.sent[key] as LedgerEntry;
  return `${JSON.stringify({ version: 1, sent }, null, 2)}\n`;
}
