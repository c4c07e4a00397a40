/**
 * Which homes a management pack lists and which rooms are each home's beds (SPEC §11).
 *
 * - The homes are the records of `locations.json`, every one (a home with nothing billed
 *   still shows its empty beds), plus every home id that bookings name (with records, the
 *   loader has refused any other) and — when `locations.json` has no records — that rooms
 *   name. Bookings with days in the period but no `location` are gathered under one more
 *   entry, location null, listed last.
 * - A room is a bed of the home its `location` names. A room with no `location`, or one
 *   naming a home `locations.json` does not hold, counts in no home's beds; the pack warns.
 */
import type { Dataset } from '../dataset/model.js';
import { compareText, type Problem } from '../dataset/problems.js';

/** The name of the entry that gathers bookings naming no home. */
export const NO_HOME_NAME = 'No home recorded';

export interface HomeEntry {
  readonly location: string | null;
  readonly name: string;
}

export interface HomeIndex {
  /** Ordered by name, then id; the entry without a home last. */
  readonly homes: readonly HomeEntry[];
  /** The home of each room that is a bed of one. */
  readonly homeOfRoom: ReadonlyMap<string, string>;
  /** How many rooms each home has (homes without rooms absent). */
  readonly roomsByHome: ReadonlyMap<string, number>;
  readonly warnings: readonly Problem[];
}

/**
 * Lists the homes of a pack and the rooms of each.
 *
 * @example indexHomes(dataset, ['loc1', null]).homes // [{ location: 'loc1', name: 'Rectory Gardens' }, { location: null, name: 'No home recorded' }]
 */
export function indexHomes(dataset: Dataset, bookingLocations: Iterable<string | null>): HomeIndex {
  const recorded = dataset.locations.size > 0;
  const ids = new Set<string>(dataset.locations.keys());
  let withoutHome = false;
  for (const location of bookingLocations) {
    if (location === null) withoutHome = true;
    else ids.add(location);
  }

  const homeOfRoom = new Map<string, string>();
  const roomsByHome = new Map<string, number>();
  const warnings: Problem[] = [];
  for (const room of dataset.rooms.values()) {
    if (room.location === null || (recorded && !dataset.locations.has(room.location))) {
      warnings.push(roomWithoutHome(room.id, room.location));
      continue;
    }
    ids.add(room.location);
    homeOfRoom.set(room.id, room.location);
    roomsByHome.set(room.location, (roomsByHome.get(room.location) ?? 0) + 1);
  }

  const homes: HomeEntry[] = [...ids]
    .map((id) => ({ location: id, name: dataset.locations.get(id)?.name || id }))
    .sort((a, b) => compareText(a.name, b.name) || compareText(a.location, b.location));
  if (withoutHome) homes.push({ location: null, name: NO_HOME_NAME });
  return { homes, homeOfRoom, roomsByHome, warnings };
}

function roomWithoutHome(room: string, location: string | null): Problem {
  return {
    severity: 'warning',
    code: 'ROOM_WITHOUT_HOME',
    resource: 'rooms',
    id: room,
    field: 'location',
    value: JSON.stringify(location),
    message:
      location === null
        ? 'this room names no home (location), so its bed counts in no home’s available bed-days; set its location in CareHQ'
        : `this room names home ${location}, which is not in locations.json, so its bed counts in no home’s available bed-days; correct the location or export the home too`,
  };
}
