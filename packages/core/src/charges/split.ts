/**
 * Who pays each day of a booking, and the rounding of the split (SPEC §3.3).
 *
 * A booking's days in a period are cut into runs in which the set of live contracts stays
 * the same. In a run a..b every contributor is charged its own cumulative amount anchored
 * at the first day it applies to the booking; a parent its own fee less what its live
 * listed contributors pay in the run (never below 0); the balance payer the run's fee less
 * everybody else (never below 0); what is left is `unallocated`. So for every run, exactly:
 *
 *     fee of the run = Σ shares + unallocated          (unallocated may be negative)
 */
import { type Day, formatDay } from '../calendar/day.js';
import { countDays, type DayRange, intersectRanges, isEmptyRange } from '../calendar/range.js';
import type { BillingContract, Booking, PayerRef } from '../dataset/model.js';
import type { Problem } from '../dataset/problems.js';
import type { UnallocatedReason } from '../invoices/types.js';
import { mulDivHalfUp } from '../money/round.js';
import { billableSpan } from './billable.js';
import type { ChargeContext } from './context.js';
import {
  amountForRange,
  type DailyAmount,
  dailyFee,
  isCalendarMonth,
  monthly52Fee,
} from './fee.js';
import type { ChargeOptions } from './options.js';

export type ShareRole = 'contributor' | 'parent' | 'balance' | 'default';

/** What one payer is charged for one run. */
export interface ChargeShare {
  /** Null for a default payer (no contract covers the run). */
  readonly contract: BillingContract | null;
  readonly payer: PayerRef;
  readonly role: ShareRole;
  readonly amountPence: number;
}

/** A stretch of a booking's days with one set of live contracts. */
export interface ChargeRun {
  readonly booking: Booking;
  readonly range: DayRange;
  readonly feePence: number;
  readonly shares: readonly ChargeShare[];
  /** `feePence − Σ shares`: positive when nobody pays, negative when over-contracted. */
  readonly unallocatedPence: number;
  readonly unallocatedReason: UnallocatedReason | null;
  /** The booking's end is a respite stay's proposed checkout date. */
  readonly provisional: boolean;
}

/** Two live balance payers on one day: the resident must be parked. */
export interface BalancePayerConflict {
  readonly booking: Booking;
  readonly day: Day;
  readonly contracts: readonly string[];
}

/**
 * The record problem that parks a resident with two live balance payers.
 *
 * @example balancePayerConflictProblem(conflict).code === 'TWO_BALANCE_PAYERS'
 */
export function balancePayerConflictProblem(conflict: BalancePayerConflict): Problem {
  const { booking, day, contracts } = conflict;
  return {
    severity: 'record',
    code: 'TWO_BALANCE_PAYERS',
    resource: 'billing-contracts',
    id: contracts[0] ?? booking.id,
    field: 'fee_contribution',
    value: 'null',
    message: `Contracts ${contracts.join(' and ')} both pay the balance of booking ${booking.id} on ${formatDay(day)}; give all but one a fee_contribution, or end one before the other starts.`,
  };
}

export type ChargeRunsResult =
  | { readonly ok: true; readonly runs: readonly ChargeRun[] }
  | { readonly ok: false; readonly conflict: BalancePayerConflict };

/**
 * The charge runs of one booking within a period: every billable day of the booking in
 * the period lies in exactly one run.
 *
 * @example
 * const result = chargeRuns(context, booking, { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! }, {})
 * // result.ok && result.runs.reduce((s, r) => s + r.feePence, 0) === 593803 for 138554/week open since 2022
 */
export function chargeRuns(
  context: ChargeContext,
  booking: Booking,
  period: DayRange,
  options: ChargeOptions,
): ChargeRunsResult {
  const span = billableSpan(booking, options.dayRule ?? 'day');
  if (span === null) return { ok: true, runs: [] };
  const billed = intersectRanges(period, { from: span.firstDay, to: span.lastDay ?? period.to });
  if (isEmptyRange(billed)) return { ok: true, runs: [] };

  const feeOf = feeFunction(booking, period, billed, options);
  const candidates = candidateContracts(context, booking, billed);
  const runs: ChargeRun[] = [];
  for (const range of cutIntoRuns(billed, candidates)) {
    const live = candidates.filter((c) => isLiveOn(c, range.from));
    const fee = feeOf(range);
    if (booking.serviceUser === null && live.length !== 1) {
      // A block bed without a resident is paid by its one live block_bed contract.
      runs.push(makeRun(booking, range, fee, [], span.provisional, true));
      continue;
    }
    if (live.length === 0) {
      // Stryker disable next-line StringLiteral: unreachable: a booking without a resident was handled above
      const fallback = context.defaultPayer(booking.serviceUser ?? '').payer;
      const shares: ChargeShare[] =
        fallback === null
          ? []
          : [{ contract: null, payer: fallback, role: 'default', amountPence: fee }];
      // Stryker disable next-line ConditionalExpression: with a default payer the run's unallocated amount is 0, which has no reason
      runs.push(makeRun(booking, range, fee, shares, span.provisional, fallback === null));
      continue;
    }
    const balancePayers = live.filter(isBalancePayer);
    if (balancePayers.length > 1) {
      return {
        ok: false,
        // Stryker disable next-line MethodExpression: the candidates are in id order already (createChargeContext)
        conflict: { booking, day: range.from, contracts: balancePayers.map((c) => c.id).sort() },
      };
    }
    const split = splitAmongContracts(live, booking, range);
    const balance = balancePayers[0];
    const shares = split.shares;
    if (balance !== undefined) {
      const remainder = fee - split.totalPence;
      shares.push({
        contract: balance,
        payer: balance.payer,
        role: 'balance',
        amountPence: Math.max(0, remainder),
      });
    }
    runs.push(makeRun(booking, range, fee, shares, span.provisional, false));
  }
  return { ok: true, runs };
}

/** Whether a contract pays the balance (no `fee_contribution`, no linked contributors). */
export function isBalancePayer(contract: BillingContract): boolean {
  return contract.feeContributionPence === null && contract.contributesTo.length === 0;
}

/** Whether a contract is live on a day: `start_date ≤ d` and `end_date` null or `d ≤ end_date`. */
export function isLiveOn(contract: BillingContract, day: Day): boolean {
  return contract.startDate <= day && (contract.endDate === null || day <= contract.endDate);
}

function makeRun(
  booking: Booking,
  range: DayRange,
  feePence: number,
  shares: readonly ChargeShare[],
  provisional: boolean,
  noPayer: boolean,
): ChargeRun {
  let paid = 0;
  for (const share of shares) paid += share.amountPence;
  const unallocatedPence = feePence - paid;
  let unallocatedReason: UnallocatedReason | null = null;
  // Stryker disable ConditionalExpression,EqualityOperator: a reason given to 0 unallocated pence is never seen (ChargeMerger skips 0)
  if (noPayer && unallocatedPence !== 0) unallocatedReason = 'NO_PAYER';
  else if (unallocatedPence > 0) unallocatedReason = 'SHORTFALL';
  else if (unallocatedPence < 0) unallocatedReason = 'OVER_CONTRACTED';
  // Stryker restore ConditionalExpression,EqualityOperator
  return { booking, range, feePence, shares, unallocatedPence, unallocatedReason, provisional };
}

/** The fee of any run of the booking within this period: daily rule, or `monthly52`. */
function feeFunction(
  booking: Booking,
  period: DayRange,
  billed: DayRange,
  options: ChargeOptions,
): (range: DayRange) => number {
  if (
    options.monthly52 &&
    booking.ratePeriod === 'weekly' &&
    isCalendarMonth(period) &&
    countDays(billed) === countDays(period)
  ) {
    // The month's fee spread over its days by cumulative rounding, so runs add up to it.
    const monthFee = monthly52Fee(booking.ratePence);
    const monthDays = countDays(period);
    const cum = (through: number) =>
      mulDivHalfUp(monthFee, Math.max(0, through - period.from + 1), monthDays);
    return (range) => cum(range.to) - cum(range.from - 1);
  }
  const daily = dailyFee(booking);
  return (range) => amountForRange(daily, booking.startDate, range);
}

/** Contracts that may apply to the booking on some day of `billed`. */
function candidateContracts(
  context: ChargeContext,
  booking: Booking,
  billed: DayRange,
): BillingContract[] {
  const pool =
    booking.serviceUser !== null
      ? context.contractsByServiceUser.get(booking.serviceUser)
      : booking.location !== null
        ? context.blockBedContractsByLocation.get(booking.location)
        : undefined;
  if (!pool) return [];
  return pool.filter(
    (c) =>
      (c.location === null || c.location === booking.location) &&
      // Stryker disable next-line ConditionalExpression: a shortcut; cutIntoRuns and isLiveOn ignore a contract outside the billed days
      c.startDate <= billed.to &&
      // Stryker disable next-line ConditionalExpression: a shortcut; cutIntoRuns and isLiveOn ignore a contract outside the billed days
      (c.endDate === null || c.endDate >= billed.from),
  );
}

/** Cuts a range at every day a candidate contract starts or stops being live. */
function cutIntoRuns(billed: DayRange, contracts: readonly BillingContract[]): DayRange[] {
  const cuts = new Set<number>();
  for (const c of contracts) {
    // Stryker disable next-line ConditionalExpression: candidateContracts left out contracts starting after the billed days
    if (c.startDate > billed.from && c.startDate <= billed.to) cuts.add(c.startDate);
    if (c.endDate !== null) {
      const after = c.endDate + 1;
      if (
        // Stryker disable next-line ConditionalExpression,EqualityOperator: candidateContracts left out contracts ending before the billed days, so `after > billed.from`
        after > billed.from &&
        after <= billed.to
      )
        cuts.add(after);
    }
  }
  const starts = [billed.from as number, ...[...cuts].sort((a, b) => a - b)];
  return starts.map((from, i) => ({
    from: from as Day,
    to: (i + 1 < starts.length ? (starts[i + 1] as number) - 1 : billed.to) as Day,
  }));
}

/** Contributor and parent shares of a run (the balance payer is added by the caller). */
function splitAmongContracts(
  live: readonly BillingContract[],
  booking: Booking,
  range: DayRange,
): { shares: ChargeShare[]; totalPence: number } {
  const shares: ChargeShare[] = [];
  let totalPence = 0;
  for (const c of live) {
    // Stryker disable next-line ConditionalExpression: a balance payer taken as a contributor pays 0 (contractAmount), and a 0 share is never merged
    if (c.feeContributionPence === null) continue; // the balance payer: the caller's
    if (c.contributesTo.length > 0) continue; // a parent: below
    const amount = contractAmount(c, booking, range);
    shares.push({ contract: c, payer: c.payer, role: 'contributor', amountPence: amount });
    totalPence += amount;
  }
  const contributors = shares.length; // the shares so far are all contributors'
  for (const c of live) {
    if (c.contributesTo.length === 0) continue;
    let listed = 0;
    for (const id of c.contributesTo) listed += contributorAmount(shares, contributors, id);
    // Stryker disable next-line ConditionalExpression: a null fee_contribution is 0 a day in contractAmount too
    const own = c.feeContributionPence === null ? 0 : contractAmount(c, booking, range);
    const amount = Math.max(0, own - listed);
    shares.push({ contract: c, payer: c.payer, role: 'parent', amountPence: amount });
    totalPence += amount;
  }
  return { shares, totalPence };
}

/** What the contributor `id` pays among the first `count` shares (0 when it is not live). */
function contributorAmount(shares: readonly ChargeShare[], count: number, id: string): number {
  for (let i = 0; i < count; i++) {
    const share = shares[i] as ChargeShare;
    if (share.contract?.id === id) return share.amountPence;
  }
  return 0;
}

/** A contract's own amount for a run, anchored at the first day it applies to the booking. */
function contractAmount(contract: BillingContract, booking: Booking, range: DayRange): number {
  const daily: DailyAmount = {
    numerator: contract.feeContributionPence ?? 0,
    denominator: contract.feeContributionUnit === 'week' ? 7 : 1,
  };
  const anchor = Math.max(contract.startDate, booking.startDate) as Day;
  return amountForRange(daily, anchor, range);
}
