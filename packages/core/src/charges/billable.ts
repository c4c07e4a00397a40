/**
 * Which days of a booking are billable (SPEC §3.1).
 */
import { addDays, type Day } from '../calendar/day.js';
import type { Booking } from '../dataset/model.js';
import type { DayRule } from './options.js';

/** The billable days of a booking: from its first day through `lastDay` (null = open). */
export interface BillableSpan {
  readonly firstDay: Day;
  /** Last billable day; null while the stay is open (billed to the end of any period). */
  readonly lastDay: Day | null;
  /** True when the end comes from a respite booking's proposed checkout date. */
  readonly provisional: boolean;
}

/**
 * The billable span of a booking, or null when it is never billed (cancelled, out of
 * service, or a `night`-rule stay of a single day).
 *
 * A respite booking without `end_date` ends on its `proposed_checkout_date`, provisionally.
 * Under the `night` rule the last covered day is not billed.
 *
 * @example billableSpan(booking /* 1st–8th *\/, 'night') // { firstDay: 1st, lastDay: 7th, provisional: false }
 */
export function billableSpan(booking: Booking, dayRule: DayRule): BillableSpan | null {
  if (booking.cancelled || booking.type === 'out_of_service') return null;
  let end = booking.endDate;
  let provisional = false;
  if (end === null && booking.respite && booking.proposedCheckoutDate !== null) {
    end = booking.proposedCheckoutDate;
    provisional = true;
  }
  if (end === null) return { firstDay: booking.startDate, lastDay: null, provisional };
  const lastDay = dayRule === 'night' ? addDays(end, -1) : end;
  if (lastDay < booking.startDate) return null;
  return { firstDay: booking.startDate, lastDay, provisional };
}
