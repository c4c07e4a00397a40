/**
 * The comparison of SPEC §10: every issued period billed again with today's data and its
 * own options, and per key (payer type, payer id, booking, contract or null, basis)
 *
 *     adjustment(k) = now(k) − was(k)
 *
 * where `was(k)` is what the period's own lines invoiced k plus every issued adjustment
 * line of k that adjusts the period, and `now(k)` what the recomputed period bills k on
 * invoice lines (amounts now unbilled or unallocated are not billed). Once the preview that
 * carries these adjustments is issued too, every key of every issued period sums to what
 * today's data bills: the books converge.
 */
import { formatDayShort, ymdOfDay } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import { computeCharges, type PayerLine } from '../charges/compute.js';
import type { ChargeContext } from '../charges/context.js';
import type { Booking, Dataset, PayerRef } from '../dataset/model.js';
import { compareText, type Problem } from '../dataset/problems.js';
import { formatPounds } from '../money/format.js';
import type { IssuedLine, IssuedPreview } from './types.js';

/** One key's difference for one issued period, before it is placed on an invoice. */
export interface AdjustmentDraft {
  readonly payer: PayerRef;
  readonly bookingId: string;
  /** The booking as today's data has it; undefined when it is no longer in the data. */
  readonly booking: Booking | undefined;
  readonly contractId: string | null;
  readonly basis: 'contract' | 'default';
  readonly serviceUser: string | null;
  readonly location: string | null;
  readonly adjusts: DayRange;
  readonly wasPence: number;
  readonly wasDays: number;
  readonly nowPence: number;
  /** Days billed now: the adjustment line's `days`. */
  readonly nowDays: number;
  readonly amountPence: number;
  readonly provisional: boolean;
}

/** The adjustments of every issued period, and a warning per resident whose are held. */
export interface Comparison {
  readonly adjustments: readonly AdjustmentDraft[];
  readonly warnings: readonly Problem[];
}

interface Was {
  pence: number;
  days: number;
  serviceUser: string | null;
  location: string | null;
}

/**
 * Compares every issued period with what today's data bills it (see the module comment).
 * A resident parked today (or while billing the period again) has no adjustment: what
 * their period bills cannot be known until the record is fixed, so it waits, with a
 * warning `ADJUSTMENT_HELD`, and is offered once the record is sound.
 *
 * Adjustments come ordered by the period they adjust, then key.
 *
 * @internal
 * @example compareIssued(dataset, loaded.parkedServiceUsers, [october], context).adjustments
 */
export function compareIssued(
  dataset: Dataset,
  parkedServiceUsers: ReadonlySet<string>,
  invoiced: readonly IssuedPreview[],
  context: ChargeContext,
): Comparison {
  const adjustments: AdjustmentDraft[] = [];
  // Stryker disable next-line ConditionalExpression: a shortcut; with no issued period the loop below makes no adjustment and no warning
  if (invoiced.length === 0) return { adjustments, warnings: [] };
  const bookingsById = new Map(dataset.bookings.map((booking) => [booking.id, booking]));
  const held = new Map<string, DayRange[]>();
  const ordered = [...invoiced].sort((a, b) => a.period.from - b.period.from);
  for (const issued of ordered) {
    const charges = computeCharges(
      dataset,
      parkedServiceUsers,
      issued.period,
      { dayRule: issued.options.dayRule, monthly52: issued.options.monthly52 },
      context,
    );
    const parked = new Set(parkedServiceUsers);
    for (const entry of charges.parked)
      if (entry.serviceUser !== null) parked.add(entry.serviceUser);

    const now = new Map<string, PayerLine>();
    for (const line of charges.lines) {
      now.set(
        keyOf(
          line.payer.kind,
          line.payer.id,
          line.booking.id,
          line.contract?.id ?? null,
          line.basis,
        ),
        line,
      );
    }
    const was = wasOf(issued, ordered);

    const keys = new Set([...now.keys(), ...was.keys()]);
    const heldHere = new Set<string>();
    for (const key of [...keys].sort(compareText)) {
      const nowLine = now.get(key);
      const wasEntry = was.get(key);
      const nowPence = nowLine?.amountPence ?? 0;
      const wasPence = wasEntry?.pence ?? 0;
      if (nowPence === wasPence) continue;
      const [kind, payerId, bookingId, contractId, basis] = key.split('\u0000') as [
        PayerRef['kind'],
        string,
        string,
        string,
        'contract' | 'default',
      ];
      const booking = nowLine?.booking ?? bookingsById.get(bookingId);
      const serviceUser =
        booking !== undefined ? booking.serviceUser : (wasEntry?.serviceUser ?? null);
      if (serviceUser !== null && parked.has(serviceUser)) {
        heldHere.add(serviceUser);
        continue;
      }
      adjustments.push({
        payer: { kind, id: payerId },
        bookingId,
        booking,
        contractId: contractId === '' ? null : contractId,
        basis,
        serviceUser,
        location: booking !== undefined ? booking.location : (wasEntry?.location ?? null),
        adjusts: issued.period,
        wasPence,
        wasDays: wasEntry?.days ?? 0,
        nowPence,
        nowDays: nowLine?.days ?? 0,
        amountPence: nowPence - wasPence,
        provisional: nowLine?.provisional ?? false,
      });
    }
    for (const serviceUser of heldHere) {
      const periods = held.get(serviceUser);
      if (periods) periods.push(issued.period);
      else held.set(serviceUser, [issued.period]);
    }
  }
  const warnings = [...held]
    .sort(([a], [b]) => compareText(a, b))
    .map(([serviceUser, periods]) => heldWarning(serviceUser, periods));
  return { adjustments, warnings };
}

/**
 * `was(k)` for one issued period: its own lines, then the adjustment lines of every issued
 * preview that adjust it, in the order they were issued (the days are the latest said).
 */
function wasOf(issued: IssuedPreview, all: readonly IssuedPreview[]): Map<string, Was> {
  const was = new Map<string, Was>();
  const add = (line: IssuedLine) => {
    const key = keyOf(line.payerKind, line.payer, line.booking, line.contract, line.basis);
    const entry = was.get(key);
    if (entry) {
      entry.pence += line.amountPence;
      entry.days = line.days;
    } else {
      was.set(key, {
        pence: line.amountPence,
        days: line.days,
        serviceUser: line.serviceUser,
        location: line.location,
      });
    }
  };
  for (const line of issued.lines) if (line.adjusts === null) add(line);
  for (const later of all) {
    for (const line of later.lines) {
      if (
        line.adjusts !== null &&
        // Stryker disable next-line ConditionalExpression: issued periods never overlap and a line overlapping one adjusts exactly it (issuedPeriodProblems), so either end names it
        line.adjusts.from === issued.period.from &&
        // Stryker disable next-line ConditionalExpression: issued periods never overlap and a line overlapping one adjusts exactly it (issuedPeriodProblems), so either end names it
        line.adjusts.to === issued.period.to
      )
        add(line);
    }
  }
  return was;
}

function keyOf(
  kind: PayerRef['kind'],
  payer: string,
  booking: string,
  contract: string | null,
  basis: 'contract' | 'default',
): string {
  return `${kind}\u0000${payer}\u0000${booking}\u0000${contract ?? ''}\u0000${basis}`;
}

/**
 * A period in words, as short as it reads unambiguously.
 *
 * @example formatPeriodShort({ from: 1 Oct 2024, to: 31 Oct 2024 }) === '1–31 Oct 2024'
 * formatPeriodShort({ from: 15 Oct 2024, to: 14 Nov 2024 }) === '15 Oct – 14 Nov 2024'
 */
export function formatPeriodShort(range: DayRange): string {
  const from = ymdOfDay(range.from);
  const to = ymdOfDay(range.to);
  const full = formatDayShort(range.to);
  if (from.year !== to.year) return `${formatDayShort(range.from)} – ${full}`;
  if (from.month !== to.month) {
    const first = formatDayShort(range.from); // '15 Oct 2024': the year is after the last space
    return `${first.slice(0, first.lastIndexOf(' '))} – ${full}`;
  }
  if (from.day === to.day) return full;
  return `${from.day}–${full}`;
}

/**
 * What an adjustment line says: the period it corrects, what was invoiced and what is billed
 * now, each with its days.
 *
 * @example adjustmentDescription(draft)
 * // 'Adjustment for 1–31 Oct 2024: invoiced £5,938.03 for 30 days, now £6,021.43 for 30 days'
 */
export function adjustmentDescription(
  draft: Pick<AdjustmentDraft, 'adjusts' | 'wasPence' | 'wasDays' | 'nowPence' | 'nowDays'>,
): string {
  return `Adjustment for ${formatPeriodShort(draft.adjusts)}: invoiced ${amountForDays(draft.wasPence, draft.wasDays)}, now ${amountForDays(draft.nowPence, draft.nowDays)}`;
}

function amountForDays(pence: number, days: number): string {
  if (pence === 0 && days === 0) return 'nothing';
  return `${formatPounds(pence)} for ${days} ${days === 1 ? 'day' : 'days'}`;
}

function heldWarning(serviceUser: string, periods: readonly DayRange[]): Problem {
  return {
    severity: 'warning',
    code: 'ADJUSTMENT_HELD',
    resource: 'service-users',
    id: serviceUser,
    field: '',
    value: '',
    message: `The resident is parked, so what changed for them in the issued ${periods.length === 1 ? 'period' : 'periods'} ${periods.map(formatPeriodShort).join(', ')} is not adjusted yet; fix the record and the next preview adjusts it.`,
  };
}
