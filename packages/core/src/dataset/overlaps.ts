/**
 * Cross-record errors of one resident (SPEC §2.1, §3.3): overlapping live bookings, and two
 * live balance payers on one day. Both sweep each resident's records sorted by start date
 * (then id), so they are linear after the sort and report the same pairs in any input order.
 */
import { type Day, formatDay } from '../calendar/day.js';
import { lastCoveredDay } from './bookings.js';
import type { BillingContract, Booking } from './model.js';
import type { Problem } from './problems.js';
import { compareText, shortenValue } from './problems.js';

const FAR_FUTURE = Number.MAX_SAFE_INTEGER as Day;

function byStartThenId(
  a: { startDate: Day; id: string },
  b: { startDate: Day; id: string },
): number {
  return a.startDate - b.startDate || compareText(a.id, b.id);
}

function groupByResident<T extends { readonly serviceUser: string | null }>(
  records: Iterable<T>,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of records) {
    if (record.serviceUser === null) continue;
    const group = groups.get(record.serviceUser);
    if (group) group.push(record);
    else groups.set(record.serviceUser, [record]);
  }
  return groups;
}

function describeEnd(end: Day | null): string {
  return end === null ? 'open' : formatDay(end);
}

/**
 * OVERLAPPING_BOOKINGS on every live booking (not cancelled, not `out_of_service`) of a
 * resident that shares a day with another; an open booking runs forever.
 *
 * @example findOverlappingBookings(bookings) // [{ code: 'OVERLAPPING_BOOKINGS', id: 'b2', … }, …]
 */
export function findOverlappingBookings(bookings: readonly Booking[]): Problem[] {
  const live = bookings.filter((b) => !b.cancelled && b.type !== 'out_of_service');
  const problems: Problem[] = [];
  for (const group of groupByResident(live).values()) {
    group.sort(byStartThenId);
    const flagged = new Set<string>();
    let holder = group[0] as Booking;
    for (let i = 1; i < group.length; i++) {
      const booking = group[i] as Booking;
      if (booking.startDate <= lastCoveredDay(holder)) {
        for (const [self, other] of [
          [booking, holder],
          [holder, booking],
        ] as const) {
          if (flagged.has(self.id)) continue;
          flagged.add(self.id);
          problems.push({
            severity: 'record',
            code: 'OVERLAPPING_BOOKINGS',
            resource: 'bookings',
            id: self.id,
            field: 'start_date',
            value: shortenValue(formatDay(self.startDate)),
            message: `this booking (${formatDay(self.startDate)} – ${describeEnd(self.endDate)}) overlaps booking ${other.id} (${formatDay(other.startDate)} – ${describeEnd(other.endDate)}) of the same resident; end one stay before the next starts, or cancel the duplicate`,
          });
        }
      }
      if (lastCoveredDay(booking) > lastCoveredDay(holder)) holder = booking;
    }
  }
  return problems;
}

/** A live balance payer: not cancelled, `fee_contribution` null, no `contributes_to`. */
function isBalancePayer(contract: BillingContract): boolean {
  return (
    !contract.cancelled &&
    contract.feeContributionPence === null &&
    // Stryker disable next-line ConditionalExpression: a parent without its own fee_contribution is a record error, never here
    contract.contributesTo.length === 0
  );
}

interface Holder {
  contract: BillingContract;
  end: Day;
}

/**
 * TWO_BALANCE_PAYERS on each pair of a resident's live balance-payer contracts that share
 * a day and could apply to the same booking (`location` equal, or either null).
 *
 * @example findTwoBalancePayers(contracts) // [{ code: 'TWO_BALANCE_PAYERS', id: 'c1', … }, …]
 */
export function findTwoBalancePayers(contracts: readonly BillingContract[]): Problem[] {
  const problems: Problem[] = [];
  for (const group of groupByResident(contracts.filter(isBalancePayer)).values()) {
    group.sort(byStartThenId);
    const flagged = new Set<string>();
    let anyHolder: Holder | null = null;
    let nullHolder: Holder | null = null;
    const byLocation = new Map<string, Holder>();
    const flag = (self: BillingContract, other: BillingContract): void => {
      if (flagged.has(self.id)) return;
      flagged.add(self.id);
      problems.push({
        severity: 'record',
        code: 'TWO_BALANCE_PAYERS',
        resource: 'billing-contracts',
        id: self.id,
        field: 'fee_contribution',
        value: 'null',
        message: `this contract and contract ${other.id} both pay the balance (fee_contribution null) for the same resident from ${formatDay(Math.max(self.startDate, other.startDate) as Day)}; give one a fee_contribution, end one before the other starts, or cancel one`,
      });
    };
    for (const contract of group) {
      const end = contract.endDate ?? FAR_FUTURE;
      const candidates =
        contract.location === null ? [anyHolder] : [byLocation.get(contract.location), nullHolder];
      for (const candidate of candidates) {
        if (candidate && contract.startDate <= candidate.end) {
          flag(contract, candidate.contract);
          flag(candidate.contract, contract);
        }
      }
      const holder = { contract, end };
      if (!anyHolder || end > anyHolder.end) anyHolder = holder;
      if (contract.location === null) {
        if (!nullHolder || end > nullHolder.end) nullHolder = holder;
      } else {
        const current = byLocation.get(contract.location);
        if (!current || end > current.end) byLocation.set(contract.location, holder);
      }
    }
  }
  return problems;
}
