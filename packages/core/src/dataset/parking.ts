/**
 * Record errors park what they touch (SPEC §2.1):
 * - an error in a service user, or in a booking, billing contract or care fund of a
 *   resident, parks that resident (every reason listed under them);
 * - an error in a contact parks the contact (it stays in the dataset, marked `parked`);
 * - an error in a location, room or care fund type parks every resident whose booking,
 *   contract or fund names it (the same problem listed under each);
 * - a record with no resident to park (a block booking, a block-bed contract, a contact,
 *   a record without `_id`) is an entry of its own with `serviceUser: null`.
 */

import { MAX_ID_LENGTH } from './limits.js';
import type { Mapped } from './load.js';
import type { ParkedEntry } from './load-types.js';
import type { ResourceName } from './model.js';
import type { Problem } from './problems.js';
import { compareText, sortProblems } from './problems.js';

/** Every mapped record, by resource. */
export interface ParkingRefs {
  readonly serviceUsers: readonly Mapped<unknown>[];
  readonly serviceUserContacts: readonly Mapped<unknown>[];
  readonly locationContacts: readonly Mapped<unknown>[];
  readonly locations: readonly Mapped<unknown>[];
  readonly rooms: readonly Mapped<unknown>[];
  readonly careFundTypes: readonly Mapped<unknown>[];
  readonly bookings: readonly Mapped<unknown>[];
  readonly contracts: readonly Mapped<unknown>[];
  readonly careFunds: readonly Mapped<unknown>[];
}

export interface Parking {
  /** Sorted by service user id, entries without one last. */
  readonly parked: ParkedEntry[];
  readonly parkedServiceUsers: Set<string>;
  /** `resource/id` of each parked record that has no resident. */
  readonly parkedRecords: Set<string>;
}

interface Entry {
  readonly serviceUser: string | null;
  readonly problems: Set<Problem>;
}

const NO_PROBLEMS: readonly Problem[] = [];

function recordErrors(mapped: Mapped<unknown>): readonly Problem[] {
  const { problems } = mapped.reader;
  // Most records have no problem: no array is made for each of them.
  // Stryker disable next-line ConditionalExpression: a fast path; filtering no problems gives none (the mark also covers `true`, which the parking tests kill)
  return problems.length === 0 ? NO_PROBLEMS : problems.filter((p) => p.severity === 'record');
}

/** The resident a record belongs to: its `service_user` when that is an id. */
function residentOf(mapped: Mapped<unknown>): string | null {
  if (mapped.reader.resource === 'service-users') {
    return mapped.id.startsWith('#') ? null : mapped.id;
  }
  const value = mapped.reader.value('service_user');
  return typeof value === 'string' && value !== '' && value.length <= MAX_ID_LENGTH ? value : null;
}

/**
 * Groups record errors (and the cross-record ones) into parked entries.
 *
 * @example parkRecords(refs, []).parkedServiceUsers.has('6724fbca4f73a2cebf63868a')
 */
export function parkRecords(refs: ParkingRefs, crossRecord: readonly Problem[]): Parking {
  const entries = new Map<string, Entry>();
  const parkedServiceUsers = new Set<string>();
  const parkedRecords = new Set<string>();

  const park = (
    resident: string | null,
    resource: Problem['resource'],
    id: string,
    problems: readonly Problem[],
  ): void => {
    if (problems.length === 0) return;
    const key = resident !== null ? `su:${resident}` : `rec:${resource}/${id}`;
    if (resident !== null) parkedServiceUsers.add(resident);
    else parkedRecords.add(`${resource}/${id}`);
    let entry = entries.get(key);
    if (!entry) {
      entry = { serviceUser: resident, problems: new Set() };
      entries.set(key, entry);
    }
    for (const problem of problems) entry.problems.add(problem);
  };

  // Records whose errors park their resident (or themselves).
  const owned = [refs.serviceUsers, refs.bookings, refs.contracts, refs.careFunds];
  // The ids the checks across records name, by resource: the resident is looked up, and
  // kept, only for a record with errors or one of these (most have neither).
  const named = new Map<Problem['resource'], Set<string>>();
  for (const { resource, id } of crossRecord) {
    const ids = named.get(resource) ?? new Set<string>();
    ids.add(id);
    named.set(resource, ids);
  }
  const residentById = new Map<string, string | null>();
  for (const group of owned) {
    for (const mapped of group) {
      const errors = recordErrors(mapped);
      // A fast path: park() takes no record with no problems, and a resident remembered for a
      // record no problem names is never asked for. (The marks also cover the mutants that skip
      // or forget a record with problems or a named one, which the parking tests kill.)
      // Stryker disable ConditionalExpression: see above
      const isNamed = named.get(mapped.reader.resource)?.has(mapped.id) === true;
      if (errors.length === 0 && !isNamed) continue;
      const resident = residentOf(mapped);
      if (isNamed) residentById.set(`${mapped.reader.resource}/${mapped.id}`, resident);
      // Stryker restore ConditionalExpression
      park(resident, mapped.reader.resource, mapped.id, errors);
    }
  }
  for (const problem of crossRecord) {
    const resident = residentById.get(`${problem.resource}/${problem.id}`) ?? null;
    park(resident, problem.resource, problem.id, [problem]);
  }

  // Contacts: parked on their own; they stay in the dataset marked `parked`.
  for (const group of [refs.serviceUserContacts, refs.locationContacts]) {
    for (const mapped of group) {
      park(null, mapped.reader.resource, mapped.id, recordErrors(mapped));
    }
  }

  // Broken homes, rooms and fund types park whoever names them.
  const broken = new Map<
    string,
    { problems: readonly Problem[]; used: boolean; mapped: Mapped<unknown> }
  >();
  for (const group of [refs.locations, refs.rooms, refs.careFundTypes]) {
    for (const mapped of group) {
      const problems = recordErrors(mapped);
      if (problems.length > 0) {
        broken.set(`${mapped.reader.resource}/${mapped.id}`, { problems, used: false, mapped });
      }
    }
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: a fast path; with nothing broken the walk below finds nothing (the mark also covers `false` and `<=`, which the broken-room tests kill)
  if (broken.size > 0) {
    const uses: [readonly Mapped<unknown>[], string, ResourceName][] = [
      [refs.bookings, 'location', 'locations'],
      [refs.bookings, 'room', 'rooms'],
      [refs.contracts, 'location', 'locations'],
      [refs.careFunds, 'care_fund_type', 'care-fund-types'],
    ];
    for (const [group, field, target] of uses) {
      for (const mapped of group) {
        const ref = mapped.reader.value(field);
        if (typeof ref !== 'string') continue;
        const hit = broken.get(`${target}/${ref}`);
        if (!hit) continue;
        hit.used = true;
        park(residentOf(mapped), mapped.reader.resource, mapped.id, hit.problems);
      }
    }
    for (const { problems, used, mapped } of broken.values()) {
      if (!used) park(null, mapped.reader.resource, mapped.id, problems);
    }
  }

  const parked: ParkedEntry[] = [...entries.values()].map((entry) => ({
    serviceUser: entry.serviceUser,
    problems: sortProblems([...entry.problems]),
  }));
  parked.sort(compareEntries);
  // Rebuilt in the report's order, so that iterating it never depends on input order.
  const sortedResidents = new Set<string>();
  for (const entry of parked)
    if (entry.serviceUser !== null) sortedResidents.add(entry.serviceUser);
  return { parked, parkedServiceUsers: sortedResidents, parkedRecords };
}

function compareEntries(a: ParkedEntry, b: ParkedEntry): number {
  if (a.serviceUser !== null && b.serviceUser !== null) {
    return compareText(a.serviceUser, b.serviceUser);
  }
  if (a.serviceUser !== null) return -1;
  if (b.serviceUser !== null) return 1;
  const pa = a.problems[0];
  const pb = b.problems[0];
  if (!pa || !pb) return 0;
  return compareText(pa.resource, pb.resource) || compareText(pa.id, pb.id);
}
