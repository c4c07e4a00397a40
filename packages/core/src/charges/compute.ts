/**
 * Every booking's charges for a billing period, merged per payer, with nothing lost:
 *
 *     fees = Σ payer lines + Σ unbilled + Σ unallocated        (exactly, in pence)
 *
 * Payer lines whose payer is not invoiced (billing not enabled, or the payer's record is
 * parked) become `unbilled`; what no payer covers is `unallocated`.
 */
import type { Day } from '../calendar/day.js';
import { formatDay } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import type { ParkedEntry } from '../dataset/load-types.js';
import type { BillingContract, Booking, Dataset, PayerRef } from '../dataset/model.js';
import { compareText, type Problem } from '../dataset/problems.js';
import { internalError } from '../errors/carebill-error.js';
import type { UnallocatedEntry, UnbilledEntry, UnbilledReason } from '../invoices/types.js';
import { formatPounds } from '../money/format.js';
import { type ChargeContext, createChargeContext } from './context.js';
import type { ChargeOptions } from './options.js';
import { findParty, unbilledReasonOf } from './parties.js';
import { balancePayerConflictProblem, type ChargeRun, chargeRuns } from './split.js';

/** One payer's charge for one booking under one contract (or as default payer) in the period. */
export interface PayerLine {
  readonly booking: Booking;
  readonly contract: BillingContract | null;
  readonly basis: 'contract' | 'default';
  readonly payer: PayerRef;
  readonly serviceUser: string | null;
  readonly from: Day;
  readonly to: Day;
  readonly days: number;
  readonly amountPence: number;
  readonly provisional: boolean;
}

export interface Charges {
  readonly period: DayRange;
  /** Lines to invoice: the payer's billing is enabled and its record is sound. */
  readonly lines: readonly PayerLine[];
  readonly unbilled: readonly UnbilledEntry[];
  readonly unallocated: readonly UnallocatedEntry[];
  /** Residents parked while charging (two live balance payers on one day). */
  readonly parked: readonly ParkedEntry[];
  readonly warnings: readonly Problem[];
  readonly feesPence: number;
  /**
   * Each booking's fee for the period (bookings with billable days in it, parked
   * residents' left out), by booking id: what its lines, unbilled and unallocated add to.
   */
  readonly feesByBooking: ReadonlyMap<string, BookingFee>;
}

/** A booking and its fee for the period. */
export interface BookingFee {
  readonly booking: Booking;
  readonly feePence: number;
}

/**
 * Computes the charges of every booking of residents not parked, for the period.
 *
 * @example
 * const charges = computeCharges(loaded.dataset, loaded.parkedServiceUsers,
 *   { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! }, { dayRule: 'day' })
 * @internal
 */
export function computeCharges(
  dataset: Dataset,
  parkedServiceUsers: ReadonlySet<string>,
  period: DayRange,
  options: ChargeOptions,
  context: ChargeContext = createChargeContext(dataset),
): Charges {
  const merger = new ChargeMerger(dataset);
  const parked: ParkedEntry[] = [];
  const warnings: Problem[] = [];
  const feesByBooking = new Map<string, { booking: Booking; feePence: number }>();
  let feesPence = 0;

  for (const [serviceUser, bookings] of groupByResident(dataset.bookings, period)) {
    if (serviceUser !== null && parkedServiceUsers.has(serviceUser)) continue;
    // Each booking's runs, in the order of `bookings`.
    const residentRuns: (readonly ChargeRun[])[] = [];
    let conflictProblem: Problem | null = null;
    for (const booking of bookings) {
      const result = chargeRuns(context, booking, period, options);
      if (!result.ok) {
        conflictProblem = balancePayerConflictProblem(result.conflict);
        break;
      }
      residentRuns.push(result.runs);
    }
    if (conflictProblem !== null) {
      parked.push({ serviceUser, problems: [conflictProblem] });
      continue;
    }
    let ambiguous = false;
    for (let i = 0; i < residentRuns.length; i++) {
      const runs = residentRuns[i] as readonly ChargeRun[];
      if (runs.length === 0) continue;
      let feePence = 0;
      for (const run of runs) {
        feePence += run.feePence;
        if (run.unallocatedReason === 'NO_PAYER' && serviceUser !== null) {
          ambiguous ||= context.defaultPayer(serviceUser).ambiguous;
        }
      }
      const booking = bookings[i] as Booking;
      feesPence += feePence;
      feesByBooking.set(booking.id, { booking, feePence });
      merger.addBooking(runs);
    }
    if (ambiguous && serviceUser !== null) warnings.push(ambiguousDefaultPayerWarning(serviceUser));
  }

  const result = merger.finish();
  warnings.push(...result.overContracted.map(overContractedWarning));
  const charges: Charges = { period, ...result, parked, warnings, feesPence, feesByBooking };
  assertConservation(charges);
  return charges;
}

/**
 * The bookings that may have days in the period, grouped by resident (block beds without a
 * resident each on their own), in id order. A booking starting after the period or ending
 * before it has no billable day in it (its billable days lie within start..end), so it is
 * left out before any work: at a group's size three quarters of the bookings are history.
 */
function groupByResident(
  bookings: readonly Booking[],
  period: DayRange,
): [string | null, Booking[]][] {
  const byResident = new Map<string, Booking[]>();
  const groups: [string | null, Booking[]][] = [];
  // Stryker disable ConditionalExpression,LogicalOperator: a shortcut; chargeRuns bills nothing outside a booking's own days
  const sorted = bookings
    .filter((b) => b.startDate <= period.to && (b.endDate === null || b.endDate >= period.from))
    .sort((a, b) => compareText(a.id, b.id));
  // Stryker restore ConditionalExpression,LogicalOperator
  for (const booking of sorted) {
    if (booking.serviceUser === null) {
      groups.push([null, [booking]]);
      continue;
    }
    const list = byResident.get(booking.serviceUser);
    if (list) list.push(booking);
    else byResident.set(booking.serviceUser, [booking]);
  }
  for (const entry of byResident) groups.push(entry);
  return groups;
}

interface Accumulator {
  from: Day;
  to: Day;
  days: number;
  amountPence: number;
}

/**
 * Merges the runs of the period per (booking, contract, payer) and per (booking, reason).
 * A booking's runs come together (`addBooking`), so its merges are made among its own few
 * entries and finished before the next booking's: nothing is kept by key for the period.
 */
class ChargeMerger {
  private readonly lines: PayerLine[] = [];
  private readonly unbilled: UnbilledEntry[] = [];
  private readonly unallocated: UnallocatedEntry[] = [];
  private readonly overContracted: OverContracted[] = [];

  constructor(private readonly dataset: Dataset) {}

  /** Adds all the runs of one booking, in day order. */
  addBooking(runs: readonly ChargeRun[]): void {
    const shares: ShareAccumulator[] = [];
    const unallocated: UnallocatedAccumulator[] = [];
    let over: OverContracted | null = null;
    for (const run of runs) {
      const days = run.range.to - run.range.from + 1;
      for (const share of run.shares) {
        if (share.amountPence === 0) continue;
        // Per (booking, contract, payer): within a booking a contract's shares are all its
        // payer's, and the days no contract covers the resident's one default payer's.
        const line = shares.find((l) => l.contract?.id === share.contract?.id);
        if (line) accumulate(line, run.range, days, share.amountPence);
        else
          shares.push({
            first: run,
            contract: share.contract,
            payer: share.payer,
            from: run.range.from,
            to: run.range.to,
            days,
            amountPence: share.amountPence,
          });
      }
      // Stryker disable next-line ConditionalExpression: a run has an unallocated reason only when its unallocated amount is not 0
      if (run.unallocatedReason !== null && run.unallocatedPence !== 0) {
        const entry = unallocated.find((e) => e.reason === run.unallocatedReason);
        if (entry) accumulate(entry, run.range, days, run.unallocatedPence);
        else
          unallocated.push({
            first: run,
            reason: run.unallocatedReason,
            from: run.range.from,
            to: run.range.to,
            days,
            amountPence: run.unallocatedPence,
          });
        if (run.unallocatedReason === 'OVER_CONTRACTED') {
          if (over) {
            over.amountPence += run.unallocatedPence;
            over.to = run.range.to;
          } else {
            over = {
              booking: run.booking,
              amountPence: run.unallocatedPence,
              from: run.range.from,
              to: run.range.to,
            };
          }
        }
      }
    }
    for (const line of shares) this.finishLine(line);
    for (const entry of unallocated) this.finishUnallocated(entry);
    if (over) this.overContracted.push(over);
  }

  finish(): Pick<Charges, 'lines' | 'unbilled' | 'unallocated'> & {
    overContracted: OverContracted[];
  } {
    const { lines, unbilled, unallocated, overContracted } = this;
    unbilled.sort(
      (a, b) =>
        compareText(a.booking, b.booking) ||
        compareText(a.contract ?? '', b.contract ?? '') ||
        // Stryker disable next-line ArithmeticOperator: never reached: one entry per (booking, contract)
        a.from - b.from,
    );
    unallocated.sort(
      (a, b) =>
        // Stryker disable next-line ArithmeticOperator: a booking's entries are made in day order, which V8's sort keeps when told each is after the other
        compareText(a.booking, b.booking) || a.from - b.from || compareText(a.reason, b.reason),
    );
    return { lines, unbilled, unallocated, overContracted };
  }

  /** A merged share becomes a line to invoice, or unbilled when its payer cannot be invoiced. */
  private finishLine(line: ShareAccumulator): void {
    // Stryker disable next-line ConditionalExpression: unreachable: zero shares are never merged and a contract's shares share one sign
    if (line.amountPence === 0) return;
    const booking = line.first.booking;
    const reason = this.unbilledReason(line.payer);
    if (reason !== null) {
      this.unbilled.push({
        booking: booking.id,
        contract: line.contract?.id ?? null,
        payerKind: line.payer.kind,
        payer: line.payer.id,
        payerName: findParty(this.dataset, line.payer)?.displayName ?? '',
        from: line.from,
        to: line.to,
        days: line.days,
        amountPence: line.amountPence,
        reason,
        adjusts: null,
        wasPence: null,
        nowPence: null,
      });
      return;
    }
    this.lines.push({
      booking,
      contract: line.contract,
      basis: line.contract === null ? 'default' : 'contract',
      payer: line.payer,
      serviceUser: booking.serviceUser,
      from: line.from,
      to: line.to,
      days: line.days,
      amountPence: line.amountPence,
      provisional: line.first.provisional,
    });
  }

  private finishUnallocated(entry: UnallocatedAccumulator): void {
    // Stryker disable next-line ConditionalExpression: unreachable: zero amounts are never merged and one reason's amounts share one sign
    if (entry.amountPence === 0) return;
    const serviceUser = entry.first.booking.serviceUser;
    this.unallocated.push({
      booking: entry.first.booking.id,
      serviceUser,
      serviceUserName:
        serviceUser === null ? '' : (this.dataset.serviceUsers.get(serviceUser)?.displayName ?? ''),
      from: entry.from,
      to: entry.to,
      days: entry.days,
      amountPence: entry.amountPence,
      reason: entry.reason,
    });
  }

  private unbilledReason(payer: PayerRef): UnbilledReason | null {
    return unbilledReasonOf(findParty(this.dataset, payer));
  }
}

interface ShareAccumulator extends Accumulator {
  first: ChargeRun;
  contract: BillingContract | null;
  payer: PayerRef;
}

interface UnallocatedAccumulator extends Accumulator {
  first: ChargeRun;
  reason: UnallocatedEntry['reason'];
}

/** A booking's over-contracted amount in the period, for its warning. */
interface OverContracted {
  booking: Booking;
  amountPence: number;
  from: Day;
  to: Day;
}

function accumulate(into: Accumulator, range: DayRange, days: number, amountPence: number): void {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: runs arrive in day order, so a later run never starts earlier
  if (range.from < into.from) into.from = range.from;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: runs arrive in day order, so a later run always ends later
  if (range.to > into.to) into.to = range.to;
  into.days += days;
  into.amountPence += amountPence;
}

function ambiguousDefaultPayerWarning(serviceUser: string): Problem {
  return {
    severity: 'warning',
    code: 'AMBIGUOUS_DEFAULT_PAYER',
    resource: 'service-users',
    id: serviceUser,
    field: '',
    value: '',
    message:
      'Days without a contract were left unallocated: more than one billing-enabled contact could pay them. Add a billing contract, or disable billing for all but one contact.',
  };
}

function overContractedWarning(over: OverContracted): Problem {
  return {
    severity: 'warning',
    code: 'OVER_CONTRACTED',
    resource: 'bookings',
    id: over.booking.id,
    field: '',
    value: String(over.amountPence),
    message: `Contracts pay ${formatPounds(-over.amountPence)} more than the fee of booking ${over.booking.id} between ${formatDay(over.from)} and ${formatDay(over.to)}; check the contracts' fee_contribution against the booking's rate.`,
  };
}

/** Every penny of every fee is on a line, unbilled or unallocated — or this is a bug. */
// Stryker disable all: an invariant guard, unreachable while every run conserves its fee (makeRun)
function assertConservation(charges: Charges): void {
  let accounted = 0;
  for (const line of charges.lines) accounted += line.amountPence;
  for (const entry of charges.unbilled) accounted += entry.amountPence;
  for (const entry of charges.unallocated) accounted += entry.amountPence;
  if (accounted !== charges.feesPence) {
    throw internalError(
      `charges do not conserve fees: ${charges.feesPence} billed as ${accounted}`,
    );
  }
}
// Stryker restore all
