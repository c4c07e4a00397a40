/**
 * A booking's billed days up to the horizon, cut at uplift days: each segment has one
 * (uplifted) rate and is its own rounding anchor (SPEC §5 "cumulative rounding starts a new
 * anchor on each uplift day").
 */
import type { Day } from '../calendar/day.js';
import { billableSpan } from '../charges/billable.js';
import type { BillingContract, Booking, Dataset } from '../dataset/model.js';
import { upliftIndex, upliftTimes } from './uplift.js';

export interface BookingSegment {
  /** The booking as charged in this segment: its days, its uplifted rate, ending on `to`. */
  readonly booking: Booking;
  /** How many uplifts apply: selects the contracts' fee year too. */
  readonly year: number;
  readonly from: Day;
  readonly to: Day;
}

/**
 * The segments of a booking's billed days (rule `day`) up to `horizon`; an open stay runs
 * to the horizon.
 *
 * @example bookingSegments(b, horizon, [apr2025], '3') // [start..31 Mar 2025, 1 Apr 2025..horizon]
 */
export function bookingSegments(
  booking: Booking,
  horizon: Day,
  uplifts: readonly Day[],
  percent: string | undefined,
): BookingSegment[] {
  const span = billableSpan(booking, 'day');
  if (span === null) return [];
  const last = Math.min(span.lastDay ?? horizon, horizon) as Day;
  // Stryker disable next-line ConditionalExpression: a shortcut; a segment ending before it starts draws nothing (buildSchedule and monthPieces skip it)
  if (last < span.firstDay) return [];
  const starts: number[] = [span.firstDay];
  for (const u of uplifts) {
    if (u > last) break; // uplift days come in order
    // Stryker disable next-line EqualityOperator: an uplift on the first day would only add an empty segment before it
    if (u > span.firstDay) starts.push(u);
  }
  return starts.map((from, i) => {
    const to = (i + 1 < starts.length ? (starts[i + 1] as number) - 1 : last) as Day;
    const year = upliftIndex(uplifts, from as Day);
    const ratePence =
      percent === undefined ? booking.ratePence : upliftTimes(booking.ratePence, percent, year);
    return {
      booking: {
        ...booking,
        startDate: from as Day,
        endDate: to,
        // Stryker disable next-line BooleanLiteral: respite only supplies a missing end, and a segment has one (`endDate`)
        respite: false,
        proposedCheckoutDate: null,
        ratePence,
      },
      year,
      from: from as Day,
      to,
    };
  });
}

/**
 * The dataset with every contract's `fee_contribution` uplifted `year` times.
 *
 * @example upliftedContracts(dataset, '3', 1).contracts[0].feeContributionPence
 */
export function upliftedContracts(
  dataset: Dataset,
  percent: string | undefined,
  year: number,
): Dataset {
  if (percent === undefined) return dataset;
  const contracts = dataset.contracts.map(
    (c): BillingContract =>
      c.feeContributionPence === null
        ? c
        : { ...c, feeContributionPence: upliftTimes(c.feeContributionPence, percent, year) },
  );
  return { ...dataset, contracts };
}
