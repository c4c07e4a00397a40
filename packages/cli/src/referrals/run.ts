/**
 * One referral run: plan, write a file per referral, send (with `--send`) what the ledger
 * does not hold, and write `summary.json`. Files are written (into the output run's
 * staging folder) before anything is sent, so what is sent is exactly what the files hold;
 * they are put in place with the summary when the run completes. The ledger is put in
 * place after each send (`OutputRun.writeNow`), so a run stopped half-way still remembers
 * every referral it sent.
 */
import { createHash } from 'node:crypto';
import {
  type Day,
  encodeReferralBody,
  formatDay,
  type LoadedDataset,
  planReferrals,
  REFERRAL_CONTENT_TYPE,
  REGION_LIMITS,
  type Referral,
  type ReferralCandidate,
  type ReferralEncoding,
  type Region,
} from '@carebill/core';
import type { OutputRun } from '../io/output-run.js';
import type { Credentials } from './credentials.js';
import {
  formatLedger,
  LEDGER_FILE,
  type Ledger,
  ledgerKey,
  readLedger,
  recordSent,
} from './ledger.js';
import { type RetryPolicy, sendReferral } from './send.js';
import type { ReferredEntry, ReferSummary } from './summary.js';

export const SUMMARY_FILE = 'summary.json';

export interface ReferSettings {
  readonly asOf: Day;
  readonly withinMonths: number;
  readonly region: Region;
  readonly source: string;
  readonly project?: string | undefined;
  readonly orgTypeId: number;
  readonly encoding: ReferralEncoding;
  readonly endpoint: string;
  /** The output folder (where the ledger is read from). */
  readonly outDir: string;
  /** The output run writing it (`io/output-run.ts`). */
  readonly run: OutputRun;
  /** Null for a dry run: nothing is sent. */
  readonly send: null | {
    readonly credentials: Credentials;
    readonly fetch: typeof fetch;
    readonly sleep: (ms: number) => Promise<void>;
    readonly now: () => Date;
    readonly retry?: Partial<RetryPolicy>;
  };
}

/** Longest file name (before `.json`) a referral gets; longer ones are shortened with a hash. */
const MAX_NAME = 200;

function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
    .join('');
}

/**
 * The file a resident's referral is written to: `<service user id>.json`, the id encoded
 * so that no id can name a file outside the folder or over another file. Letters, digits,
 * `-` and `_` are kept; every other character becomes `%XX` per UTF-8 byte (so `.` and
 * `/` can never form `..` or a path); an id that would give `summary.json` or
 * `ledger.json` has its first letter encoded too; a name over 200 characters keeps its
 * first 150 and adds `~` and 16 hex digits of the id's SHA-256. Different ids always get
 * different names (docs/referrals.md).
 *
 * @example referralFileName('6750a1c24f73a2ce0000bbbb') === '6750a1c24f73a2ce0000bbbb.json'
 * @example referralFileName('../x') === '%2E%2E%2Fx.json'
 */
export function referralFileName(serviceUser: string): string {
  let name = '';
  for (const char of serviceUser) name += /^[A-Za-z0-9_-]$/.test(char) ? char : percentEncode(char);
  if (`${name}.json` === SUMMARY_FILE || `${name}.json` === LEDGER_FILE)
    name = percentEncode(name.slice(0, 1)) + name.slice(1);
  if (name === '') name = '%';
  if (name.length > MAX_NAME) {
    const hash = createHash('sha256').update(serviceUser, 'utf8').digest('hex').slice(0, 16);
    name = `${name.slice(0, 150)}~${hash}`;
  }
  return `${name}.json`;
}

/** What a referral file holds: the people and the exact body that is (or would be) sent. */
export function referralFile(referral: Referral, encoding: ReferralEncoding) {
  return {
    service_user: referral.serviceUser,
    name: referral.name,
    upper_limit_date: formatDay(referral.upperLimitDate),
    notify_council_by: formatDay(referral.notifyCouncilBy),
    overdue: referral.overdue,
    contact: referral.contact,
    method: 'PUT',
    content_type: REFERRAL_CONTENT_TYPE,
    encoding,
    people: referral.people,
    body: encodeReferralBody(referral.people, encoding),
  };
}

/**
 * Runs the referrals for the given candidates and consent list, and returns the summary
 * (also written to `summary.json`). A failed send is recorded with its error, never lost.
 *
 * @example const summary = await runReferrals(loaded, candidates, consent, settings)
 */
export async function runReferrals(
  loaded: LoadedDataset,
  candidates: readonly ReferralCandidate[],
  consent: ReadonlySet<string>,
  settings: ReferSettings,
): Promise<ReferSummary> {
  const upperLimitPence = REGION_LIMITS[settings.region].upperPence;
  const plan = planReferrals(loaded, candidates, {
    asOf: settings.asOf,
    withinMonths: settings.withinMonths,
    consent,
    upperLimitPence,
    orgTypeId: settings.orgTypeId,
    source: settings.source,
    ...(settings.project === undefined ? {} : { project: settings.project }),
  });
  let ledger: Ledger = await readLedger(settings.outDir);

  const files = plan.referrals.map((referral) => ({
    referral,
    name: referralFileName(referral.serviceUser),
    content: referralFile(referral, settings.encoding),
  }));
  // A resident no longer referred loses their file: the commit replaces exactly the
  // previous run's files.
  for (const file of files)
    await settings.run.writeFile(file.name, `${JSON.stringify(file.content, null, 2)}\n`);

  const referred: ReferredEntry[] = [];
  for (const { referral, name, content } of files) {
    const base = {
      service_user: referral.serviceUser,
      name: referral.name,
      upper_limit_date: content.upper_limit_date,
      notify_council_by: content.notify_council_by,
      overdue: referral.overdue,
      file: name,
    };
    if (ledger.sent[ledgerKey(referral.serviceUser, content.upper_limit_date)]) {
      referred.push({ ...base, status: 'already_sent' });
      continue;
    }
    const send = settings.send;
    if (send === null) {
      referred.push({ ...base, status: 'prepared' });
      continue;
    }
    const result = await sendReferral(content.body, {
      endpoint: settings.endpoint,
      credentials: send.credentials,
      fetch: send.fetch,
      sleep: send.sleep,
      ...(send.retry === undefined ? {} : { retry: send.retry }),
    });
    if (result.ok) {
      ledger = recordSent(ledger, {
        service_user: referral.serviceUser,
        upper_limit_date: content.upper_limit_date,
        sent_at: send.now().toISOString(),
        http_status: result.status,
        endpoint: settings.endpoint,
      });
      await settings.run.writeNow(LEDGER_FILE, formatLedger(ledger));
      referred.push({
        ...base,
        status: 'sent',
        attempts: result.attempts,
        http_status: result.status,
      });
    } else {
      referred.push({
        ...base,
        status: 'failed',
        attempts: result.attempts,
        http_status: result.status,
        error: result.error,
      });
    }
  }

  const count = (status: ReferredEntry['status']) =>
    referred.filter((r) => r.status === status).length;
  const summary: ReferSummary = {
    as_of: formatDay(settings.asOf),
    window_end: formatDay(plan.windowEnd),
    within_months: settings.withinMonths,
    region: settings.region,
    upper_limit_pence: upperLimitPence,
    mode: settings.send === null ? 'dry-run' : 'send',
    endpoint: settings.endpoint,
    encoding: settings.encoding,
    referred,
    needs_consent: plan.needsConsent.map((n) => ({
      service_user: n.serviceUser,
      upper_limit_date: formatDay(n.upperLimitDate),
      notify_council_by: formatDay(n.notifyCouncilBy),
      overdue: n.overdue,
    })),
    skipped: plan.skipped.map((s) => ({
      service_user: s.serviceUser,
      code: s.code,
      reason: s.reason,
    })),
    consent_not_in_dataset: [...consent]
      .filter((id) => !loaded.dataset.serviceUsers.has(id))
      .sort(),
    totals: {
      referred: referred.length,
      prepared: count('prepared'),
      sent: count('sent'),
      already_sent: count('already_sent'),
      failed: count('failed'),
      needs_consent: plan.needsConsent.length,
      skipped: plan.skipped.length,
    },
  };
  await settings.run.writeFile(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
  return summary;
}
