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
  const stays = new Map<string, { home: string | null; resident: string; ranges: DayRange[] }>();
  const residentRanges = new Map<string, DayRange[]>();
  const heldRooms = new Map<string, DayRange[]>();
  const warnings: Problem[] = [];

  for (const booking of dataset.bookings) {
    if (booking.cancelled) continue;
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
    const key = `${booking.location ?? ''}\u0000${resident}`;
    const stay = stays.get(key);
    if (stay) stay.ranges.push(days);
    else stays.set(key, { home: booking.location, resident, ranges: [days] });
    push(residentRanges, resident, days);
  }

  const byHome = new Map<string | null, { bedDaysOccupied: number; residents: number }>();
  for (const { home, ranges } of stays.values()) {
    const entry = byHome.get(home) ?? { bedDaysOccupied: 0, residents: 0 };
    entry.bedDaysOccupied += countUnion(ranges);
    entry.residents += 1;
    byHome.set(home, entry);
  }
  let groupDays = 0;
  for (const ranges of residentRanges.values()) groupDays += countUnion(ranges);

  const outOfServiceByRoom = new Map<string, number>();
  for (const [room, ranges] of heldRooms) outOfServiceByRoom.set(room, countUnion(ranges));

  return {
    byHome,
    group: { bedDaysOccupied: groupDays, residents: residentRanges.size },
    outOfServiceByRoom,
    warnings,
  };
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
    if (current !== null && range.from <= current.to + 1) {
      if (range.to > current.to) current.to = range.to;
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
