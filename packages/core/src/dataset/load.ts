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
import type { DatasetInput, LoadedDataset, ResourceInput } from './load-types.js';
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

/** The raw fields read after mapping (ownership.ts, parking.ts); the rest are let go. */
const READ_AFTER_MAPPING: ReadonlySet<string> = new Set([
  'service_user',
  'service_user_contact',
  'contributes_to',
  'location',
  'room',
  'care_fund_type',
]);

/**
 * The resources whose `_id`s each resource's records name (its mapper's references): a
 * resource is mapped once every one of these has been read, or was never given.
 */
const REFERS_TO: Readonly<Record<ResourceName, readonly ResourceName[]>> = {
  'service-users': [],
  'location-contacts': [],
  locations: [],
  rooms: [],
  'care-fund-types': [],
  'service-user-contacts': ['service-users'],
  'care-funds': ['service-users', 'care-fund-types'],
  bookings: ['service-users', 'locations', 'rooms'],
  'billing-contracts': [
    'service-users',
    'locations',
    'location-contacts',
    'service-user-contacts',
    'care-funds',
    'billing-contracts',
  ],
};

/**
 * The order in which to give a {@link createDatasetLoader} the resources so that each is
 * mapped as soon as it is added: every resource after the ones its records refer to. Any
 * other order gives the same result; a resource given before what it refers to waits, as
 * parsed records, until that is added or the load finishes.
 *
 * @example for (const resource of DATASET_LOAD_ORDER) loader.add(resource, await text(resource));
 */
export const DATASET_LOAD_ORDER: readonly ResourceName[] = [
  'service-users',
  'location-contacts',
  'locations',
  'rooms',
  'care-fund-types',
  'service-user-contacts',
  'care-funds',
  'bookings',
  'billing-contracts',
];

/** Each resource's mapper: one record's reader (and the ids of the files read) in, its value out. */
const MAPPERS: Readonly<
  Record<ResourceName, (reader: FieldReader, known: KnownIds) => object | null>
> = {
  'service-users': mapServiceUser,
  'service-user-contacts': mapServiceUserContact,
  'location-contacts': mapLocationContact,
  locations: mapLocation,
  rooms: mapRoom,
  'care-fund-types': mapCareFundType,
  bookings: mapBooking,
  'billing-contracts': mapContract,
  'care-funds': mapCareFund,
};

/**
 * One load in progress, fed a resource at a time (SPEC §2.1): each resource is parsed and
 * its ids collected when it is read, and mapped as soon as every resource it refers to
 * has been read, so its parsed records (and the caller's text) can go before the next
 * file is read (docs/performance.md). What is left is mapped at {@link finish}, when a
 * resource never given counts as not supplied, as in {@link loadDataset}.
 */
class DatasetLoad {
  private readonly errors: Problem[] = [];
  private readonly known: KnownIds = {};
  /** The resources read so far, usable or not: their entry in `known` is final. */
  private readonly settled = new Set<ResourceName>();
  private readonly waiting = new Map<ResourceName, readonly FileRecord[]>();
  private readonly mapped = new Map<ResourceName, Mapped<unknown>[]>();
  /** While mapping early, `known` as far as it is final: a fault in carebill if a mapper reads further. */
  private readonly settledKnown: KnownIds;

  constructor() {
    const view = {};
    for (const target of RESOURCES) {
      Object.defineProperty(view, target, {
        get: () => {
          // Stryker disable all: a guard against a fault in carebill, unreachable while a resource is mapped only once all it refers to are read (REFERS_TO); the mark also covers the mutants that always throw, which every load test kills
          if (!this.settled.has(target))
            throw new Error(`internal: a resource was mapped before ${target}, which it refers to`);
          // Stryker restore all
          return this.known[target];
        },
      });
    }
    this.settledKnown = view;
  }

  /** Reads one resource (text or parsed value) and maps whatever can be mapped now. */
  read(resource: ResourceName, value: unknown): void {
    this.settled.add(resource);
    const parsed = readResourceInput(resource, value);
    this.errors.push(...parsed.errors);
    if (parsed.records !== null) {
      const tooMany = tooManyRecords(resource, parsed.records.length);
      if (tooMany !== null) this.errors.push(tooMany);
      else {
        this.waiting.set(resource, parsed.records);
        const { ids, duplicates } = collectIds(parsed.records);
        this.known[resource] = ids;
        for (const [id, count] of duplicates) {
          this.errors.push({
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
    }
    for (const waiting of DATASET_LOAD_ORDER) {
      if (REFERS_TO[waiting].every((target) => this.settled.has(target)))
        this.mapWaiting(waiting, this.settledKnown);
    }
  }

  /**
   * Maps a resource's records and lets them go, keeping of each only the fields read
   * later (FieldReader.release): at group size the parsed JSON is ~140 MB beside a model
   * of ~130 MB.
   */
  private mapWaiting(resource: ResourceName, known: KnownIds): void {
    const records = this.waiting.get(resource);
    if (records === undefined) return;
    this.waiting.delete(resource);
    const mapper = MAPPERS[resource];
    this.mapped.set(
      resource,
      records.map(({ index, raw, source }) => {
        const rawId = Object.hasOwn(raw, '_id') ? raw['_id'] : undefined;
        const hasId = typeof rawId === 'string' && rawId !== '';
        // An id too long to print stands as `#N`, like a record without one.
        const usable = hasId && rawId.length <= MAX_ID_LENGTH;
        const reader = new FieldReader(resource, usable ? rawId : `#${index}`, raw, { source });
        // Almost no record gives a key twice: the check's bookkeeping only for those that do.
        // Stryker disable next-line ConditionalExpression,EqualityOperator: a fast path; the check finds nothing in a record with no key given twice (the mark also covers `false` and `<=`, which the duplicate-key tests kill)
        if (source.duplicateKeys.length > 0) reader.checkDuplicateKeys();
        if (hasId) reader.withinIdLimit('_id', rawId);
        else {
          reader.error(
            rawId === undefined || rawId === null || rawId === '' ? 'MISSING_FIELD' : 'BAD_VALUE',
            '_id',
            rawId,
            `record #${index} of ${resource}.json has no usable _id (text); export it again from CareHQ`,
          );
        }
        const record = mapper(reader, known);
        reader.release(READ_AFTER_MAPPING);
        return { id: reader.id, record, reader };
      }),
    );
  }

  private records<T>(resource: ResourceName): Mapped<T>[] {
    return (this.mapped.get(resource) ?? []) as Mapped<T>[];
  }

  /** Maps what waits, checks the rules across records, parks, and gives the result. */
  finish(inputErrors: readonly Problem[]): LoadedDataset {
    for (const resource of DATASET_LOAD_ORDER) this.mapWaiting(resource, this.known);
    const errors = [...inputErrors, ...this.errors];
    const serviceUsers = this.records<ServiceUser>('service-users');
    const serviceUserContacts = this.records<ServiceUserContact>('service-user-contacts');
    const locationContacts = this.records<LocationContact>('location-contacts');
    const locations = this.records<Location>('locations');
    const rooms = this.records<Room>('rooms');
    const careFundTypes = this.records<CareFundType>('care-fund-types');
    const bookings = this.records<Booking>('bookings');
    const contracts = this.records<BillingContract>('billing-contracts');
    const careFunds = this.records<CareFund>('care-funds');

    const validBookings = validRecords(bookings);
    const validContracts = validRecords(contracts);
    const crossRecord = [
      ...findOverlappingBookings(validBookings),
      ...findTwoBalancePayers(validContracts),
      ...findResidentsWithTooManyContracts(validContracts),
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
      valid: readonly T[],
    ): T[] =>
      sortById(
        valid.filter((record) =>
          record.serviceUser === null
            ? !parkedRecords.has(`${resource}/${record.id}`)
            : !parkedServiceUsers.has(record.serviceUser),
        ),
      );

    const dataset: Dataset = {
      bookings: keep('bookings', validBookings),
      // A resident parked by another record keeps their own (valid) record, marked parked.
      serviceUsers: keyById(
        validRecords(serviceUsers).map((su) =>
          parkedServiceUsers.has(su.id) ? { ...su, parked: true } : su,
        ),
      ),
      serviceUserContacts: keyById(serviceUserContacts.map((m) => m.record as ServiceUserContact)),
      locationContacts: keyById(locationContacts.map((m) => m.record as LocationContact)),
      locations: keyById(validRecords(locations)),
      contracts: keep('billing-contracts', validContracts),
      careFunds: keep('care-funds', validRecords(careFunds)),
      careFundTypes: keyById(validRecords(careFundTypes)),
      rooms: keyById(validRecords(rooms)),
    };

    const warnings: Problem[] = [];
    for (const group of Object.values(refs) as Mapped<unknown>[][]) {
      for (const { reader } of group) {
        // Stryker disable next-line ConditionalExpression: a fast path; the loop below finds no warning in no problems (the mark also covers `true`, which the warning tests kill)
        if (reader.problems.length === 0) continue; // most records
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
 * To give the files one at a time, letting each go before the next is read, use
 * {@link createDatasetLoader}: the same result.
 *
 * @example
 * const loaded = loadDataset({ bookings: await readFile('data/bookings.json', 'utf8') });
 * const same = loadDataset({ bookings: [{ _id: 'b1', service_user: 'su1', start_date: '2024-11-01', … }] });
 * if (loaded.errors.length > 0) report(loaded.errors); // else: buildPreview(loaded, …)
 */
export function loadDataset(input: DatasetInput): LoadedDataset {
  const load = new DatasetLoad();
  const resources: Readonly<Record<string, unknown>> = isJsonObject(input) ? input : {};
  for (const resource of DATASET_LOAD_ORDER) {
    const value = Object.hasOwn(resources, resource) ? resources[resource] : undefined;
    if (value !== undefined) load.read(resource, value);
  }
  return load.finish(checkInputKeys(input));
}

/** A load fed one resource at a time; see {@link createDatasetLoader}. */
export interface DatasetLoader {
  /**
   * Reads one resource: the JSON text of its file or its parsed records, as an entry of
   * {@link loadDataset}'s input. The loader keeps neither the text nor, once the resource
   * is mapped, the parsed records. `undefined` is a resource not given.
   *
   * @example loader.add('rooms', await readFile('data/rooms.json', 'utf8'));
   */
  add(resource: ResourceName, input: ResourceInput | undefined): void;
  /**
   * The loaded dataset and every problem, exactly as {@link loadDataset} gives them for
   * the same resources. A loader is used once: adding or finishing again throws.
   *
   * @example const loaded = loader.finish(); if (loaded.errors.length > 0) report(loaded.errors);
   */
  finish(): LoadedDataset;
}

/**
 * A loader that takes a dataset one resource at a time, so a caller reading files can
 * hand each one over and let its text go before reading the next: at the size of a
 * 500-home group the files' text is ~200 MB of memory that {@link loadDataset} needs all
 * at once. The result is {@link loadDataset}'s for the same resources, every problem
 * included; pure and total like it (a resource given twice is a BAD_SHAPE dataset error,
 * the second not read). Add the resources in {@link DATASET_LOAD_ORDER} so that none
 * waits for the resources it refers to.
 *
 * @example
 * const loader = createDatasetLoader();
 * for (const resource of DATASET_LOAD_ORDER) {
 *   const text = await readFile(`data/${resource}.json`, 'utf8').catch(() => undefined);
 *   loader.add(resource, text); // the text can go now
 * }
 * const loaded = loader.finish(); // as loadDataset({ bookings: …, 'service-users': …, … })
 */
export function createDatasetLoader(): DatasetLoader {
  const load = new DatasetLoad();
  // The keys given, each marked by its own name, for the same input-key checks as
  // loadDataset's (unknown, no bookings); a resource given as undefined is not given.
  const given: Record<string, string> = Object.create(null);
  const twice: Problem[] = [];
  let finished = false;
  return {
    add(resource, input) {
      if (finished) throw new Error('this dataset loader has finished; create another');
      const name: string = resource;
      if (!(RESOURCES as readonly string[]).includes(name)) {
        given[name] = name;
        return;
      }
      if (input === undefined) return;
      if (given[name] !== undefined) {
        twice.push({
          severity: 'dataset',
          code: 'BAD_SHAPE',
          resource,
          id: '',
          field: '',
          value: '(given twice)',
          message: `the ${resource} input was given twice; give each resource once (the second was not read)`,
        });
        return;
      }
      given[name] = name;
      load.read(resource, input);
    },
    finish() {
      if (finished) throw new Error('this dataset loader has finished; create another');
      finished = true;
      return load.finish([...checkInputKeys(given), ...twice]);
    },
  };
}

function collectIds(records: readonly FileRecord[]): {
  ids: Set<string>;
  duplicates: Map<string, number>;
} {
  // One set, counted only for the rare repeat: a map of every id's count, then a set of its
  // keys, took twice as long at group size (docs/performance.md).
  const ids = new Set<string>();
  let repeats: Map<string, number> | undefined;
  for (const { raw } of records) {
    const id = Object.hasOwn(raw, '_id') ? raw['_id'] : undefined;
    // An id over the length limit is the record's own error (reported as `#N`).
    if (typeof id === 'string' && id !== '' && id.length <= MAX_ID_LENGTH) {
      const before = ids.size;
      ids.add(id); // one lookup, not has() then add(): the set grew unless id is a repeat
      if (ids.size === before) {
        repeats ??= new Map();
        repeats.set(id, (repeats.get(id) ?? 1) + 1);
      }
    }
  }
  const duplicates = new Map<string, number>();
  // In the order each id first appears, as the problems were before.
  if (repeats !== undefined)
    for (const id of ids) {
      const count = repeats.get(id);
      if (count !== undefined) duplicates.set(id, count);
    }
  return { ids, duplicates };
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
  const byId = new Map<string, T>();
  for (const record of sortById(records)) byId.set(record.id, record);
  return byId;
}
