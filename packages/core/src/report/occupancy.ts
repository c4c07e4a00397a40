/**
 * Occupied and out-of-service bed-days of a period (SPEC §11).
 *
 * - **Occupied**: the days of the period on which a live booking of a resident is billable
 *   under the day rule (the preview's own billable days, `billableSpan`), counted once a
 *   resident a day — at each home, and once more for the group. Parked residents and block
 *   beds without a resident occupy nothing (nobody lives there, though the council pays).
 * - **Out of service**: the days an `out_of_service` booking (not cancelled) holds its room,
 *   under the same day rule — with `night`, the room is back in service for the night of
 *   its end date, as a resident's last night is not counted either; open ⇒ to the end of
 *   the period. A room's days are counted once however many such bookings overlap (the
 *   pack counts them at the home the room belongs to).
 */
import { addDays, type Day, formatDay } from '../calendar/day.js';
import { type DayRange, intersectRanges, isEmptyRange } from '../calendar/range.js';
import { billableSpan } from '../charges/billable.js';
import type { DayRule } from '../charges/options.js';
import type { Booking, Dataset } from '../dataset/model.js';
import type { Problem } from '../dataset/problems.js';

export interface Occupied {
  readonly bedDaysOccupied: number;
  readonly residents: number;
}

export interface Occupancy {
  /** By home (null: bookings naming no home); homes with no occupied day are absent. */
  readonly byHome: ReadonlyMap<string | null, Occupied>;
  readonly group: Occupied;
  /** Out-of-service bed-days by room; rooms with none are absent. */
  readonly outOfServiceByRoom: ReadonlyMap<string, number>;
  readonly warnings: readonly Problem[];
}

/**
 * Measures who occupied which home on how many days, and which beds were out of service.
 *
 * @example measureOccupancy(dataset, new Set(), november, 'day').group.bedDaysOccupied
 */
export function measureOccupancy(
  dataset: Dataset,
  excludedResidents: ReadonlySet<string>,
  period: DayRange,
  dayRule: DayRule,
): Occupancy {
  const stays = new Map<string, Stay[]>();
  const heldRooms = new Map<string, DayRange[]>();
  const warnings: Problem[] = [];

  for (const booking of dataset.bookings) {
    if (booking.cancelled) continue;
    // Most of a group's bookings are history: leave them out before any work.
    // Stryker disable next-line ConditionalExpression: a shortcut; a booking starting after the period holds and occupies none of its days
    if (booking.startDate > period.to) continue;
    // Stryker disable next-line ConditionalExpression: a shortcut; a booking ending before the period holds and occupies none of its days
    if (booking.endDate !== null && booking.endDate < period.from) continue;
    if (booking.type === 'out_of_service') {
      const held = heldRange(booking, period, dayRule);
      if (held === null) continue;
      if (booking.room === null) warnings.push(outOfServiceWithoutRoom(booking));
      else push(heldRooms, booking.room, held);
      continue;
    }
    const resident = booking.serviceUser;
    if (resident === null || excludedResidents.has(resident)) continue;
    const span = billableSpan(booking, dayRule);
    if (span === null) continue;
    const days = intersectRanges(period, { from: span.firstDay, to: span.lastDay ?? period.to });
    if (isEmptyRange(days)) continue;
    push(stays, resident, { home: booking.location, from: days.from, to: days.to });
  }

  const byHome = new Map<string | null, { bedDaysOccupied: number; residents: number }>();
  const count = (home: string | null, ranges: DayRange[]): void => {
    const entry = byHome.get(home) ?? { bedDaysOccupied: 0, residents: 0 };
    entry.bedDaysOccupied += countUnion(ranges);
    entry.residents += 1;
    byHome.set(home, entry);
  };
  let groupDays = 0;
  for (const residentStays of stays.values()) {
    groupDays += countUnion([...residentStays]);
    const byResidentHome = new Map<string | null, DayRange[]>();
    for (const stay of residentStays) push(byResidentHome, stay.home, stay);
    for (const [home, ranges] of byResidentHome) count(home, ranges);
  }

  const outOfServiceByRoom = new Map<string, number>();
  for (const [room, ranges] of heldRooms) outOfServiceByRoom.set(room, countUnion(ranges));

  return {
    byHome,
    group: { bedDaysOccupied: groupDays, residents: stays.size },
    outOfServiceByRoom,
    warnings,
  };
}

/** Days of the period a resident was billable at a home. */
interface Stay extends DayRange {
  readonly home: string | null;
}

/** The days of the period an out-of-service booking holds its room, or null for none. */
function heldRange(booking: Booking, period: DayRange, dayRule: DayRule): DayRange | null {
  let last: Day = booking.endDate ?? period.to;
  if (booking.endDate !== null && dayRule === 'night') last = addDays(booking.endDate, -1);
  const held = intersectRanges(period, { from: booking.startDate, to: last });
  return isEmptyRange(held) ? null : held;
}

/** How many days the union of some ranges covers (sorts the list it is given). */
function countUnion(ranges: DayRange[]): number {
  ranges.sort((a, b) => a.from - b.from);
  let days = 0;
  let current: { from: number; to: number } | null = null;
  for (const range of ranges) {
    // A range starting the day after the current one ends is counted on its own: same sum.
    if (current !== null && range.from <= current.to) {
      current.to = Math.max(current.to, range.to);
      continue;
    }
    if (current !== null) days += current.to - current.from + 1;
    current = { from: range.from, to: range.to };
  }
  if (current !== null) days += current.to - current.from + 1;
  return days;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function outOfServiceWithoutRoom(booking: Booking): Problem {
  return {
    severity: 'warning',
    code: 'OUT_OF_SERVICE_WITHOUT_ROOM',
    resource: 'bookings',
    id: booking.id,
    field: 'room',
    value: 'null',
    message: `this out-of-service booking (from ${formatDay(booking.startDate)}) names no room, so no bed is taken out of the available bed-days; set the room in CareHQ`,
  };
}
