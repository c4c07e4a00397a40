/**
 * Test helpers for the dataset loader: build files from records and pick problems out.
 */
import { loadDataset } from '../src/dataset/load.js';
import type { DatasetFiles, LoadedDataset } from '../src/dataset/load-types.js';
import type { ResourceName } from '../src/dataset/model.js';
import type { Problem } from '../src/dataset/problems.js';

export type Records = Partial<Record<ResourceName, readonly unknown[]>>;

/** Loads records given per resource (bookings default to an empty file). */
export function load(records: Records): LoadedDataset {
  const files: DatasetFiles = { bookings: '[]' };
  for (const [resource, list] of Object.entries(records)) {
    files[resource as ResourceName] = JSON.stringify(list);
  }
  return loadDataset(files);
}

/** Every problem of a load, of any severity, in one list. */
export function allProblems(loaded: LoadedDataset): Problem[] {
  const parked = loaded.parked.flatMap((entry) => entry.problems);
  return [...loaded.errors, ...parked, ...loaded.warnings];
}

/**
 * [record, the record its message pairs it with] of each problem, the second taken from
 * the message by `other`'s first group.
 *
 * @example pairedWith(loaded, /overlaps booking (\w+)/) // [['b', 'a']]
 */
export function pairedWith(loaded: LoadedDataset, other: RegExp): [string, string | undefined][] {
  return allProblems(loaded).map((p) => [p.id, other.exec(p.message)?.[1]]);
}

/** [code, resource, id, field] of every problem, for compact assertions. */
export function codes(loaded: LoadedDataset): [string, string, string, string][] {
  return allProblems(loaded).map((p) => [p.code, p.resource, p.id, p.field]);
}

export const SU = '6724fbca4f73a2cebf63868a';
export const LOC = '6724fbc74f73a2cebf6377fa';

/** A valid weekly booking of resident {@link SU}, with overrides. */
export function booking(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: '6724fbca4f73a2cebf63868c',
    booking_type: 'service_user',
    cancelled: null,
    end_date: null,
    location: LOC,
    proposed_checkout_date: null,
    rate: 138554,
    rate_period: 'weekly',
    respite: false,
    room: '6724fbc84f73a2cebf637858',
    service_user: SU,
    start_date: '2022-08-12',
    ...overrides,
  };
}

/** A valid balance-payer contract of {@link SU}, with overrides. */
export function contract(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _id: 'c0000000000000000000000a',
    service_user: SU,
    location: LOC,
    location_contact: null,
    service_user_contact: null,
    start_date: '2024-01-01',
    end_date: null,
    cancelled: null,
    fee_contribution: null,
    fee_contribution_unit: null,
    contributes_to: null,
    care_fund: null,
    ...overrides,
  };
}
