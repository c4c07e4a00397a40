/**
 * The limits of what carebill accepts, in data and in options, and why (docs/input.md
 * "Limits"). Money is exact integer arithmetic on JavaScript numbers, which is exact only
 * below 2^53 pence (about £90 trillion); these limits are chosen, each generous for a real
 * care group, so that no amount computed downstream — a rate times days, contributions,
 * balances, cumulative sums over the longest runway, uplifts compounded over it, a group's
 * totals — can reach 2^53. `limits.test.ts` recomputes the worst case from these numbers,
 * so raising one that breaks the bound fails a test.
 *
 * A value over its limit is a record problem naming record and field (the loader); an
 * option over its range is a usage error (the CLI, and core's option checks).
 */
import { type Day, dayFromYmd } from '../calendar/day.js';

// ── Calendar ──────────────────────────────────────────────────────────────────────────

/**
 * The first date carebill reads, in data (`start_date`, …) and in options (`--as-of`, …).
 *
 * @internal
 */
export const FIRST_DATE = '1900-01-01';
/**
 * The last date carebill reads, in data and in options.
 *
 * @internal
 */
export const LAST_DATE = '2199-12-31';
/**
 * {@link FIRST_DATE} as a day number.
 *
 * @internal
 */
export const FIRST_DAY: Day = dayFromYmd(1900, 1, 1);
/**
 * {@link LAST_DATE} as a day number.
 *
 * @internal
 */
export const LAST_DAY: Day = dayFromYmd(2199, 12, 31);

// ── Money in data (pence) ─────────────────────────────────────────────────────────────

/** The largest fee a day, in pence: £10,000 a day (real fees are a few hundred pounds). */
export const MAX_DAILY_PENCE = 1_000_000;
/**
 * The largest booking `rate`, and contract `fee_contribution`, by period (either sign):
 * £10,000 a day, £70,000 a week.
 */
export const MAX_RATE_PENCE: Readonly<Record<'daily' | 'weekly', number>> = {
  daily: MAX_DAILY_PENCE,
  weekly: 7 * MAX_DAILY_PENCE,
};
/** The largest care fund `opening_balance` (either sign): £10,000,000. */
export const MAX_OPENING_BALANCE_PENCE = 1_000_000_000;
/** The most days a care fund type may ask for notice (`days_before_notification`): 10 years. */
export const MAX_DAYS_BEFORE_NOTIFICATION = 3660;

// ── Counts ────────────────────────────────────────────────────────────────────────────

/**
 * Bytes of one resource file (256 MiB): a 500-home group's whole dataset is about 150 MB
 * in nine files. Reading stops here (the CLI), before the text is held in memory.
 * @internal
 */
export const MAX_FILE_BYTES = 256 * 2 ** 20;
/** Records in one resource file: about 16 times a 500-home group's bookings. */
export const MAX_RECORDS_PER_FILE = 1_000_000;
/**
 * Billing contracts of one resident. A runway fund draws every contract share of its
 * resident, so this bounds a fund's draw; real residents have a few, renewed yearly.
 */
export const MAX_CONTRACTS_PER_RESIDENT = 100;
/** Items in one list field (`email_invoices_to`, `contributes_to`, `locations`, …). */
export const MAX_LIST_ITEMS = 100;

// ── Text (characters, UTF-16 code units) ──────────────────────────────────────────────

/** An `_id`, or an id that refers to a record (CareHQ's are 24 characters). */
export const MAX_ID_LENGTH = 100;
/** Names, codes, address lines, emails, phone numbers, references. */
export const MAX_TEXT_LENGTH = 255;
/** Payment instructions, a care fund's description, a contract's line item description. */
export const MAX_LONG_TEXT_LENGTH = 2000;

// ── Options ───────────────────────────────────────────────────────────────────────────

/**
 * The longest billing period (`--from`/`--to`): a year, leap day included.
 *
 * @internal
 */
export const MAX_PERIOD_DAYS = 366;
/**
 * Days from issue to due date (`--due-days`).
 *
 * @internal
 */
export const MAX_DUE_DAYS = 365;
/**
 * The longest runway horizon (`--months`): 50 years.
 *
 * @internal
 */
export const MAX_RUNWAY_MONTHS = 600;
/**
 * The longest lead time to tell the council (`--lead-months`).
 *
 * @internal
 */
export const MAX_LEAD_MONTHS = 24;
/**
 * The largest yearly fee uplift (`--uplift`), in percent.
 *
 * @internal
 */
export const MAX_UPLIFT_PERCENT = 20;
/**
 * The largest referral window (`refer --within-months`).
 *
 * @internal
 */
export const MAX_WITHIN_MONTHS = 60;
/**
 * The largest capital limit (`--upper`, `--lower`): £10,000,000, as a fund's balance.
 *
 * @internal
 */
export const MAX_CAPITAL_LIMIT_PENCE = MAX_OPENING_BALANCE_PENCE;
