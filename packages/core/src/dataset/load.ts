/**
 * The loader's entry (SPEC §2, §2.1): file texts or parsed records in, the trusted
 * {@link Dataset} and every problem out. It reads each resource (`input.ts`), maps each
 * record with its resource's mapper, checks the cross-record rules, then parks what the
 * record errors touch.
 */

import { mapBooking } from './bookings.js';
import { mapCareFund } from './care-funds.js';
import { mapContract } from './contracts.js';
import { FieldReader } from './fields.js';
import { checkInputKeys, readResourceInput } from './input.js';
import { MAX_ID_LENGTH } from './limits.js';
import type { DatasetInput, LoadedDataset } from './load-types.js';
import type {
  BillingContract,
  Booking,
  CareFund,
  CareFundType,
  Dataset,
  Location,
  LocationContact,
  ResourceName,
  Room,
  ServiceUser,
  ServiceUserContact,
} from './model.js';
import { RESOURCES } from './model.js';
import { findOverlappingBookings, findTwoBalancePayers } from './overlaps.js';
import { findOtherResidentsRecords } from './ownership.js';
import { type FileRecord, isJsonObject } from './pages.js';
import { type ParkingRefs, parkRecords } from './parking.js';
import { mapLocationContact, mapServiceUser, mapServiceUserContact } from './people.js';
import { mapCareFundType, mapLocation, mapRoom } from './places.js';
import type { Problem } from './problems.js';
import { compareText, shortenValue, sortProblems } from './problems.js';
import type { KnownIds } from './references.js';
import { findResidentsWithTooManyContracts, tooManyRecords } from './volume.js';

/** One record after mapping: its value (null when it has a record error) and its reader. */
export interface Mapped<T> {
  readonly id: string;
  readonly record: T | null;
  readonly reader: FieldReader;
}

/**
 * Loads a dataset: each resource as the JSON text of its file, or as already-parsed records
 * (an array of records, one CareHQ list page, or an array of pages), and every problem out.
 * Pure and total: never throws, whatever the input; every problem is reported at once.
 *
 * Parsed records get every value rule text gets (a float, `"1385.54"` or an integer beyond
 * 2^53 is BAD_MONEY either way). The one difference: text is checked for how a money
 * number was written (`1e5`, `138554.0` are refused), which parsed values cannot show.
 * A missing `bookings` resource and a key that is not a resource are dataset errors.
 *
 * @example
 * const loaded = loadDataset({ bookings: await readFile('data/bookings.json', 'utf8') });
 * const same = loadDataset({ bookings: [{ _id: 'b1', service_user: 'su1', start_date: '2024-11-01', … }] });
 * if (loaded.errors.length > 0) report(loaded.errors); // else: buildPreview(loaded, …)
 */
export function loadDataset(input: DatasetInput): LoadedDataset {
  const errors: Problem[] = [];
  const fileRecords = new Map<ResourceName, readonly FileRecord[]>();
  const known: KnownIds = {};

  errors.push(...checkInputKeys(input));
  const resources = isJsonObject(input) ? input : {};
  for (const resource of RESOURCES) {
    const value: unknown = Object.hasOwn(resources, resource)
      ? (resources as Record<string, unknown>)[resource]
      : undefined;
    if (value === undefined) continue;
    const parsed = readResourceInput(resource, value);
    errors.push(...parsed.errors);
    if (parsed.records === null) continue;
    const tooMany = tooManyRecords(resource, parsed.records.length);
    if (tooMany !== null) {
      errors.push(tooMany);
      continue;
    }
    fileRecords.set(resource, parsed.records);
    const { ids, duplicates } = collectIds(parsed.records);
    known[resource] = ids;
    for (const [id, count] of duplicates) {
      errors.push({
        severity: 'dataset',
        code: 'DUPLICATE_ID',
        resource,
        id,
        field: '_id',
        value: shortenValue(id),
        message: `_id ${shortenValue(id)} appears ${count} times in ${resource}.json; each record needs its own _id, so remove the duplicates or export the file again`,
      });
    }
  }

  const mapAll = <T>(
    resource: ResourceName,
    mapper: (reader: FieldReader) => T | null,
  ): Mapped<T>[] =>
    (fileRecords.get(resource) ?? []).map(({ index, raw, source }) => {
      const rawId = Object.hasOwn(raw, '_id') ? raw['_id'] : undefined;
      const hasId = typeof rawId === 'string' && rawId !== '';
      // An id too long to print stands as `#N`, like a record without one.
      const usable = hasId && rawId.length <= MAX_ID_LENGTH;
      const reader = new FieldReader(resource, usable ? rawId : `#${index}`, raw, { source });
      reader.checkDuplicateKeys();
      if (hasId) reader.withinIdLimit('_id', rawId);
      else {
        reader.error(
          rawId === undefined || rawId === null || rawId === '' ? 'MISSING_FIELD' : 'BAD_VALUE',
          '_id',
          rawId,
          `record #${index} of ${resource}.json has no usable _id (text); export it again from CareHQ`,
        );
      }
      return { id: reader.id, record: mapper(reader), reader };
    });

  const serviceUsers = mapAll<ServiceUser>('service-users', mapServiceUser);
  const serviceUserContacts = mapAll<ServiceUserContact>('service-user-contacts', (r) =>
    mapServiceUserContact(r, known),
  );
  const locationContacts = mapAll<LocationContact>('location-contacts', mapLocationContact);
  const locations = mapAll<Location>('locations', mapLocation);
  const rooms = mapAll<Room>('rooms', mapRoom);
  const careFundTypes = mapAll<CareFundType>('care-fund-types', mapCareFundType);
  const bookings = mapAll<Booking>('bookings', (r) => mapBooking(r, known));
  const contracts = mapAll<BillingContract>('billing-contracts', (r) => mapContract(r, known));
  const careFunds = mapAll<CareFund>('care-funds', (r) => mapCareFund(r, known));

  const crossRecord = [
    ...findOverlappingBookings(validRecords(bookings)),
    ...findTwoBalancePayers(validRecords(contracts)),
    ...findResidentsWithTooManyContracts(validRecords(contracts)),
    ...findOtherResidentsRecords(contracts, serviceUserContacts),
  ];

  const refs: ParkingRefs = {
    serviceUsers,
    serviceUserContacts,
    locationContacts,
    locations,
    rooms,
    careFundTypes,
    bookings,
    contracts,
    careFunds,
  };
  const { parked, parkedServiceUsers, parkedRecords } = parkRecords(refs, crossRecord);

  const keep = <T extends { readonly id: string; readonly serviceUser: string | null }>(
    resource: ResourceName,
    mapped: readonly Mapped<T>[],
  ): T[] =>
    sortById(
      validRecords(mapped).filter((record) =>
        record.serviceUser === null
          ? !parkedRecords.has(`${resource}/${record.id}`)
          : !parkedServiceUsers.has(record.serviceUser),
      ),
    );

  const dataset: Dataset = {
    bookings: keep('bookings', bookings),
    // A resident parked by another record keeps their own (valid) record, marked parked.
    serviceUsers: keyById(
      validRecords(serviceUsers).map((su) =>
        parkedServiceUsers.has(su.id) ? { ...su, parked: true } : su,
      ),
    ),
    serviceUserContacts: keyById(serviceUserContacts.map((m) => m.record as ServiceUserContact)),
    locationContacts: keyById(locationContacts.map((m) => m.record as LocationContact)),
    locations: keyById(validRecords(locations)),
    contracts: keep('billing-contracts', contracts),
    careFunds: keep('care-funds', careFunds),
    careFundTypes: keyById(validRecords(careFundTypes)),
    rooms: keyById(validRecords(rooms)),
  };

  const warnings: Problem[] = [];
  for (const group of Object.values(refs) as Mapped<unknown>[][]) {
    for (const { reader } of group) {
      for (const problem of reader.problems) {
        if (problem.severity === 'warning') warnings.push(problem);
      }
    }
  }

  return {
    dataset,
    errors: sortProblems(errors),
    parked,
    parkedServiceUsers,
    warnings: sortProblems(warnings),
  };
}

function collectIds(records: readonly FileRecord[]): {
  ids: Set<string>;
  duplicates: Map<string, number>;
} {
  const counts = new Map<string, number>();
  for (const { raw } of records) {
    const id = Object.hasOwn(raw, '_id') ? raw['_id'] : undefined;
    // An id over the length limit is the record's own error (reported as `#N`).
    if (typeof id === 'string' && id !== '' && id.length <= MAX_ID_LENGTH) {
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
  }
  const duplicates = new Map<string, number>();
  for (const [id, count] of counts) if (count > 1) duplicates.set(id, count);
  return { ids: new Set(counts.keys()), duplicates };
}

/** The records that mapped without a record error (parked contacts are kept elsewhere). */
function validRecords<T>(mapped: readonly Mapped<T>[]): T[] {
  const out: T[] = [];
  for (const m of mapped) {
    if (m.record !== null && !m.reader.hasErrors) out.push(m.record);
  }
  return out;
}

function sortById<T extends { readonly id: string }>(records: T[]): T[] {
  return records.sort((a, b) => compareText(a.id, b.id));
}

/** A map in `_id` order, so no result depends on the order of records in a file. */
function keyById<T extends { readonly id: string }>(records: T[]): Map<string, T> {
  return new Map(sortById(records).map((record) => [record.id, record]));
}
