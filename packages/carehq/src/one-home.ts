/**
 * Pulling one home (`--location`) so that it bills exactly as the whole group does for that
 * home. A record's own location cannot say whether the home needs it: a contract whose
 * `location` is null applies at every home of its resident, a council's `locations` list
 * need not name every home it pays at. So the home is narrowed by its residents instead:
 *
 * 1. the home's stays (bookings at the location) and its current residents (service users
 *    whose `location` is the home); the home's residents are both together;
 * 2. every contract, contact and care fund of those residents, whatever their location,
 *    and the home's block-bed contracts (no resident, at the location);
 * 3. a current resident's earlier stays at other homes of the group — stays that ended
 *    before their first live stay here began — because their care fund paid for them:
 *    without them the fund's runway would start too high. They cannot bill a period the
 *    resident spent here;
 * 4. the home itself, its rooms and location contacts, every care fund type, and then —
 *    until nothing is missing — every record another pulled record names (the location and
 *    room of an earlier stay, a council named only by a contract, …), by id, so no
 *    reference is unknown that the whole group would know.
 *
 * A resident's stays at other homes that are not earlier (a move out, a stay at two homes
 * at once) are left out: they are billed by the other home.
 */
import type { ResourceName } from '@carebill/core';
import type { CareHqRecord } from './client.js';
import type { PulledDataset, RecordCollector } from './collect.js';

/** The fields that name another record, and what they point into (as the loader checks). */
const REFERENCES: ReadonlyArray<readonly [ResourceName, string, ResourceName]> = [
  ['bookings', 'service_user', 'service-users'],
  ['bookings', 'location', 'locations'],
  ['bookings', 'room', 'rooms'],
  ['billing-contracts', 'service_user', 'service-users'],
  ['billing-contracts', 'location', 'locations'],
  ['billing-contracts', 'location_contact', 'location-contacts'],
  ['billing-contracts', 'service_user_contact', 'service-user-contacts'],
  ['billing-contracts', 'care_fund', 'care-funds'],
  ['billing-contracts', 'contributes_to', 'billing-contracts'],
  ['service-user-contacts', 'service_user', 'service-users'],
  ['care-funds', 'service_user', 'service-users'],
  ['care-funds', 'care_fund_type', 'care-fund-types'],
];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function text(record: CareHqRecord, field: string): string | null {
  const value = record[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The ids a record's field names: one id, or each id of a list. */
function idsIn(record: CareHqRecord, field: string): string[] {
  const value = record[field];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/**
 * Whether another home's stay ended before `firstHere` (a `YYYY-MM-DD`). A stay whose end
 * cannot be read is kept, so that its error is reported here as it is for the whole group.
 */
function endedBefore(booking: CareHqRecord, firstHere: string): boolean {
  const end = booking['end_date'];
  if (end === null || end === undefined) return false;
  if (typeof end !== 'string' || !DAY.test(end)) return true;
  return end < firstHere;
}

/**
 * Pulls one home into `collector` by the rule above and returns the dataset.
 *
 * @example const data = await pullOneHome(new RecordCollector(client), '6750a1c24f73a2ce00000102')
 */
export async function pullOneHome(
  collector: RecordCollector,
  location: string,
): Promise<PulledDataset> {
  // 1. The home's stays and its current residents.
  const stays = await collector.list('bookings', 'filters-location', [location]);
  const current = (await collector.list('service-users', 'filters-location', [location])).map(
    (r) => r._id,
  );
  // A live stay here (not cancelled, not out of service) marks when a resident arrived.
  const firstStayHere = new Map<string, string>();
  for (const stay of stays) {
    const resident = text(stay, 'service_user');
    if (resident === null || stay['cancelled'] || stay['booking_type'] === 'out_of_service') {
      continue;
    }
    const start = text(stay, 'start_date') ?? '';
    const known = firstStayHere.get(resident);
    if (known === undefined || start < known) firstStayHere.set(resident, start);
  }
  const residents = [
    ...new Set([...stays.flatMap((stay) => idsIn(stay, 'service_user')), ...current]),
  ];

  // 2. Everything of theirs, and the home's block beds.
  await collector.list('billing-contracts', 'filters-service_user', residents);
  await collector.list(
    'billing-contracts',
    'filters-location',
    [location],
    (r) => text(r, 'service_user') === null,
  );
  await collector.list('service-user-contacts', 'filters-service_user', residents);
  await collector.list('care-funds', 'filters-service_user', residents);

  // 3. Current residents' earlier stays at other homes.
  const arrived = current.filter((id) => firstStayHere.has(id));
  await collector.list('bookings', 'filters-service_user', arrived, (stay) => {
    const resident = text(stay, 'service_user');
    const firstHere = resident === null ? undefined : firstStayHere.get(resident);
    return (
      firstHere !== undefined && text(stay, 'location') !== location && endedBefore(stay, firstHere)
    );
  });

  // 4. The home, its rooms and contacts, the fund types, and whatever is still named.
  await collector.list('locations', 'filters-ids', [location]);
  await collector.list('rooms', 'filters-location', [location]);
  await collector.list('location-contacts', 'filters-location', [location]);
  await collector.list('care-fund-types');
  const asked = new Set<string>();
  for (;;) {
    const missing = new Map<ResourceName, Set<string>>();
    for (const [resource, field, target] of REFERENCES) {
      for (const record of collector.records(resource)) {
        for (const id of idsIn(record, field)) {
          if (collector.has(target, id) || asked.has(`${target}/${id}`)) continue;
          asked.add(`${target}/${id}`);
          missing.set(target, (missing.get(target) ?? new Set()).add(id));
        }
      }
    }
    if (missing.size === 0) break;
    for (const [target, ids] of missing) await collector.list(target, 'filters-ids', [...ids]);
  }
  return collector.finish();
}
