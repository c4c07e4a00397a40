/**
 * References between records (SPEC §2.1: "a reference to an id that does not exist").
 *
 * A reference is checked only when the file of the resource it points into was supplied
 * and readable: a missing optional file is an empty collection, and a dataset pulled
 * without, say, `rooms.json` must not park every resident for naming a room.
 */
import type { ResourceName } from './model.js';

/** The `_id`s present in each supplied file; a resource left out was not supplied. */
export type KnownIds = Partial<Record<ResourceName, ReadonlySet<string>>>;

/** What a reference field points into, by resource, for messages. */
const NOUNS: Record<ResourceName, string> = {
  bookings: 'booking',
  'service-users': 'service user',
  'service-user-contacts': 'service user contact',
  'location-contacts': 'location contact',
  locations: 'location',
  'billing-contracts': 'billing contract',
  'care-funds': 'care fund',
  'care-fund-types': 'care fund type',
  rooms: 'room',
};

/**
 * Whether `id` is known in `target` — always true when that file was not supplied.
 *
 * @example isKnownReference({ rooms: new Set(['r1']) }, 'rooms', 'r2') === false
 */
export function isKnownReference(known: KnownIds, target: ResourceName, id: string): boolean {
  const ids = known[target];
  return ids === undefined || ids.has(id);
}

/**
 * The sentence for a reference to an id that does not exist.
 *
 * @example unknownReferenceMessage('room', 'rooms', 'r9') // 'room names room "r9", which is not in rooms.json; …'
 */
export function unknownReferenceMessage(field: string, target: ResourceName, id: string): string {
  return `${field} names ${NOUNS[target]} "${id}", which is not in ${target}.json; correct the id or add the ${NOUNS[target]} to the export`;
}
