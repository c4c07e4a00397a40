/**
 * `summary.json` of a referral run, and the printed summary, made only from it: nothing is
 * printed that is not in the output files.
 */

export type ReferralStatus = 'prepared' | 'already_sent' | 'sent' | 'failed';

export interface ReferredEntry {
  readonly service_user: string;
  readonly name: string;
  readonly upper_limit_date: string;
  readonly notify_council_by: string;
  readonly overdue: boolean;
  readonly file: string;
  /** `prepared` in a dry run; `already_sent` when the ledger holds it (nothing sent). */
  readonly status: ReferralStatus;
  readonly attempts?: number;
  readonly http_status?: number | null;
  readonly error?: string;
}

export interface ReferSummary {
  readonly as_of: string;
  readonly window_end: string;
  readonly within_months: number;
  readonly region: string;
  readonly upper_limit_pence: number;
  readonly mode: 'dry-run' | 'send';
  readonly endpoint: string;
  readonly encoding: 'form' | 'json';
  readonly referred: readonly ReferredEntry[];
  readonly needs_consent: readonly {
    readonly service_user: string;
    readonly upper_limit_date: string;
    readonly notify_council_by: string;
    readonly overdue: boolean;
  }[];
  readonly skipped: readonly {
    readonly service_user: string;
    readonly code: string;
    readonly reason: string;
  }[];
  /** Ids in the consent file that are not residents of the dataset. */
  readonly consent_not_in_dataset: readonly string[];
  readonly totals: {
    readonly referred: number;
    readonly prepared: number;
    readonly sent: number;
    readonly already_sent: number;
    readonly failed: number;
    readonly needs_consent: number;
    readonly skipped: number;
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

const STATUS_TEXT: Record<ReferralStatus, string> = {
  prepared: 'prepared, not sent (dry run)',
  already_sent: 'already sent for this date (ledger), not sent again',
  sent: 'sent',
  failed: 'FAILED',
};

/**
 * The printed summary of a run, made from its `summary.json` alone.
 *
 * @example formatSummary(summary, 'out/referrals').startsWith('Referrals as of 2025-09-14')
 */
export function formatSummary(summary: ReferSummary, outDir: string): string {
  const t = summary.totals;
  const mode = summary.mode === 'send' ? `sent to ${summary.endpoint}` : 'dry run, nothing sent';
  let out =
    `Referrals as of ${summary.as_of} for councils to be told by ${summary.window_end} (${mode}): ` +
    `${plural(t.referred, 'referral')}, ${t.needs_consent} needing consent, ${t.skipped} skipped.\n`;
  if (summary.referred.length > 0) {
    out += '\nReferred:\n';
    for (const r of summary.referred) {
      const overdue = r.overdue ? ' (overdue)' : '';
      const error = r.error === undefined ? '' : ` — ${r.error}`;
      out += `  ${r.service_user} ${r.name}: tell the council by ${r.notify_council_by}${overdue}; ${STATUS_TEXT[r.status]}${error} [${r.file}]\n`;
    }
  }
  if (summary.needs_consent.length > 0) {
    out +=
      '\nNeeds consent (nothing prepared or sent; add the id to the consent file once agreed):\n';
    for (const n of summary.needs_consent) {
      out += `  ${n.service_user}: tell the council by ${n.notify_council_by}${n.overdue ? ' (overdue)' : ''}\n`;
    }
  }
  if (summary.skipped.length > 0) {
    out += '\nSkipped:\n';
    for (const s of summary.skipped) out += `  ${s.service_user} ${s.code}: ${s.reason}\n`;
  }
  if (summary.consent_not_in_dataset.length > 0) {
    out += `\nIn the consent file but not in the dataset: ${summary.consent_not_in_dataset.join(', ')}\n`;
  }
  if (summary.mode === 'send') {
    out += `\n${t.sent} sent, ${t.already_sent} already sent, ${t.failed} failed.\n`;
  }
  out += `Files in ${outDir} (summary.json${summary.mode === 'send' ? ', ledger.json' : ''}).\n`;
  return out;
}
