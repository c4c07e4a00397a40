/**
 * One referral run: plan, write a file per referral, send (with `--send`) what the ledger
 * does not hold, and write `summary.json`. Files are written before anything is sent, so
 * what is sent is exactly what the files hold.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
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
import { writeFileAtomic } from '../io/write.js';
import type { Credentials } from './credentials.js';
import {
  LEDGER_FILE,
  type Ledger,
  ledgerKey,
  lockLedger,
  readLedger,
  recordSent,
  writeLedger,
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
  readonly outDir: string;
  /** Null for a dry run: nothing is sent. */
  readonly send: null | {
    readonly credentials: Credentials;
    readonly fetch: typeof fetch;
    readonly sleep: (ms: number) => Promise<void>;
    readonly now: () => Date;
    readonly retry?: Partial<RetryPolicy>;
  };
}

/**
 * The file a resident's referral is written to: `<service user id>.json` (the id made safe
 * for a file name; never `summary.json` or `ledger.json`).
 *
 * @example referralFileName('6750a1c24f73a2ce0000bbbb') === '6750a1c24f73a2ce0000bbbb.json'
 */
export function referralFileName(serviceUser: string): string {
  const name = `${encodeURIComponent(serviceUser).replace(/^\./, '%2E')}.json`;
  return name === SUMMARY_FILE || name === LEDGER_FILE ? `service-user-${name}` : name;
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

/** Removes the referral files a previous run listed that this run does not write. */
async function removeStale(outDir: string, keep: ReadonlySet<string>): Promise<void> {
  let previous: unknown;
  try {
    previous = JSON.parse(await readFile(join(outDir, SUMMARY_FILE), 'utf8'));
  } catch {
    return;
  }
  const referred = (previous as { referred?: unknown })?.referred;
  if (!Array.isArray(referred)) return;
  for (const entry of referred) {
    const file = (entry as { file?: unknown })?.file;
    if (
      typeof file === 'string' &&
      /^[^/\\]+\.json$/.test(file) &&
      file !== SUMMARY_FILE &&
      file !== LEDGER_FILE &&
      !keep.has(file)
    ) {
      await rm(join(outDir, file), { force: true });
    }
  }
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
  if (settings.send === null) return prepareAndSend(loaded, candidates, consent, settings);
  const release = await lockLedger(settings.outDir, settings.send.now);
  try {
    return await prepareAndSend(loaded, candidates, consent, settings);
  } finally {
    await release();
  }
}

async function prepareAndSend(
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
  await removeStale(settings.outDir, new Set(files.map((f) => f.name)));
  for (const file of files) {
    await writeFileAtomic(
      join(settings.outDir, file.name),
      `${JSON.stringify(file.content, null, 2)}\n`,
    );
  }

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
      await writeLedger(settings.outDir, ledger);
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
  await writeFileAtomic(
    join(settings.outDir, SUMMARY_FILE),
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  return summary;
}
