/**
 * Advice referrals to a Charitylog charity (SPEC §9): the input (one resident's runway
 * result), the people sent, and the plan of who is referred, who needs consent and who is
 * skipped, with why.
 */
import type { Day } from '../calendar/day.js';

/** One resident's runway result, as the referrals need it (the lead maps runway output to it). */
export interface ReferralCandidate {
  /** Service user id. */
  readonly serviceUser: string;
  /** First day the resident's capital is projected below the upper limit; null = not within the horizon. */
  readonly upperLimitDate: Day | null;
  /** Upper-limit date minus the council's lead time, or T when that has passed. */
  readonly notifyCouncilBy: Day | null;
  /** True when the council's notice date had already passed at T. */
  readonly overdue: boolean;
  /** The resident's current weekly fee at T in pence; null when not known. */
  readonly weeklyFeePence: number | null;
}

/** `referral_role` in Charitylog: 1 = the person the charity contacts, 2 = the person cared for. */
export type ReferralRole = '1' | '2';

/**
 * One person of a referral, with Charitylog's own field names (this is the wire shape, so
 * it keeps the API's snake_case). Optional fields are left out when not known.
 */
export interface CharitylogPerson {
  readonly source?: string;
  readonly referral_role?: ReferralRole;
  readonly first_name: string;
  readonly surname: string;
  readonly address1?: string;
  readonly postcode?: string;
  readonly email?: string;
  readonly phone?: string;
  readonly org_type_id: number;
  readonly description?: string;
  readonly project?: string;
}

/** How the array of people goes into the form body. */
export type ReferralEncoding = 'form' | 'json';

/** The options of `planReferrals` (SPEC §9); see docs/library.md. */
export interface ReferralOptions {
  /** The as-of date T of the runway. */
  readonly asOf: Day;
  /** Residents whose council notice date is on or before T + this many months are referred: 0–60. Default 6. */
  readonly withinMonths?: number;
  /** Service user ids the home has consent to refer (a Set). */
  readonly consent: ReadonlySet<string>;
  /** The upper capital limit in pence, quoted in the description (`runway.limits.upperPence`). */
  readonly upperLimitPence: number;
  /** Charitylog `org_type_id` of every person: 1–1,000,000. Default 1. */
  readonly orgTypeId?: number;
  /** Charitylog `source` of every person (1–100 characters); null leaves it (and `referral_role`) out. Default "1". */
  readonly source?: string | null;
  /** Charitylog `project` the referral is imported into (1–200 characters); left out when not given. */
  readonly project?: string;
}

/** A referral ready to encode: one resident, their people in order (role 1 first). */
export interface Referral {
  readonly serviceUser: string;
  /** The resident's full name, for the summary (the home has consent to refer them). */
  readonly name: string;
  readonly upperLimitDate: Day;
  readonly notifyCouncilBy: Day;
  readonly overdue: boolean;
  /** Who role 1 is: the billing contact's id, or null when the resident is referred alone. */
  readonly contact: string | null;
  readonly people: readonly CharitylogPerson[];
}

/** Why a candidate is not referred. */
export type SkipCode =
  | 'NO_UPPER_LIMIT_DATE'
  | 'NOT_DUE'
  | 'UNKNOWN_RESIDENT'
  | 'PARKED'
  | 'MISSING_REQUIRED_FIELD';

export interface SkippedCandidate {
  readonly serviceUser: string;
  readonly code: SkipCode;
  /** A sentence for the home: what is wrong and what to do. */
  readonly reason: string;
}

/** Close to the limit but not in the consent list: nothing about them is prepared or sent. */
export interface NeedsConsent {
  readonly serviceUser: string;
  readonly upperLimitDate: Day;
  readonly notifyCouncilBy: Day;
  readonly overdue: boolean;
}

/** Every candidate lands in exactly one list; each list is sorted by service user id. */
export interface ReferralPlan {
  readonly asOf: Day;
  /** T + the window: the last council notice date that is referred. */
  readonly windowEnd: Day;
  readonly referrals: readonly Referral[];
  readonly needsConsent: readonly NeedsConsent[];
  readonly skipped: readonly SkippedCandidate[];
}
