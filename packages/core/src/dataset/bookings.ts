/**
 * Bookings (seed 003): a stay, with its rate in pence per day or week.
 */
import type { Day } from '../calendar/day.js';
import type { FieldReader } from './fields.js';
import { MAX_RATE_PENCE } from './limits.js';
import type { Booking, BookingType, RatePeriod } from './model.js';
import type { KnownIds } from './references.js';

const BOOKING_TYPES: readonly BookingType[] = ['service_user', 'block_contract', 'out_of_service'];
const RATE_PERIODS: readonly RatePeriod[] = ['daily', 'weekly'];

/**
 * A booking, or null when it has a record error (its problems are on the reader).
 *
 * Rules: `booking_type` missing means `service_user`; a `service_user` booking needs a
 * resident; `rate` and `rate_period` are required except on `out_of_service` bookings
 * (never billed; rate 0 daily when absent); `end_date` and `proposed_checkout_date` may
 * not be before `start_date`; `rate` is within {@link MAX_RATE_PENCE} for its period (the
 * weekly limit when the period is unknown). A respite stay with no end at all is warned about.
 *
 * @example mapBooking(reader, known)?.ratePence === 138554
 */
export function mapBooking(reader: FieldReader, known: KnownIds): Booking | null {
  const type =
    reader.value('booking_type') === undefined || reader.value('booking_type') === null
      ? 'service_user'
      : reader.choice('booking_type', BOOKING_TYPES);
  const serviceUser = reader.ref('service_user', 'service-users', known, {
    required: type === 'service_user',
    what: 'the _id of the resident staying (only block_contract and out_of_service bookings may have none)',
  });
  const location = reader.ref('location', 'locations', known);
  const room = reader.ref('room', 'rooms', known);
  const startDate = reader.date('start_date', { required: true });
  const endDate = reader.date('end_date');
  const proposedCheckoutDate = reader.date('proposed_checkout_date');
  reader.checkNotBefore('end_date', endDate, 'start_date', startDate);
  reader.checkNotBefore('proposed_checkout_date', proposedCheckoutDate, 'start_date', startDate);
  const respite = reader.bool('respite');
  const cancelled = reader.timestamp('cancelled');
  reader.timestamp('created');
  reader.timestamp('modified');
  const billable = type !== 'out_of_service';
  const ratePeriod = reader.choice('rate_period', RATE_PERIODS, {
    required: billable,
    code: 'UNKNOWN_RATE_PERIOD',
  });
  const ratePence = reader.money('rate', {
    required: billable,
    maxPence: MAX_RATE_PENCE[ratePeriod ?? 'weekly'],
    limitOf: `${ratePeriod ?? 'weekly'} rate`,
  });

  if (respite && billable && !cancelled && endDate === null && proposedCheckoutDate === null) {
    reader.warn(
      'RESPITE_WITHOUT_END',
      'end_date',
      null,
      'respite booking has neither end_date nor proposed_checkout_date, so it is billed like an open stay; set the proposed checkout date in CareHQ',
    );
  }
  if (
    reader.hasErrors ||
    // Stryker disable next-line ConditionalExpression: only narrows the type; a null type is a record error (hasErrors)
    type === null ||
    // Stryker disable next-line ConditionalExpression: only narrows the type; a missing start_date is a record error
    startDate === null
  ) {
    return null;
  }
  return {
    id: reader.id,
    type,
    serviceUser,
    location,
    room,
    startDate,
    endDate,
    proposedCheckoutDate,
    respite,
    cancelled,
    ratePence: ratePence ?? 0,
    ratePeriod: ratePeriod ?? 'daily',
  };
}

/** The last day a booking covers for overlap checks: its end, else the far future. */
export function lastCoveredDay(booking: Booking): Day {
  return booking.endDate ?? (Number.MAX_SAFE_INTEGER as Day);
}
