/**
 * The load result every computation takes whole (SPEC §2.1): checked once at each entry,
 * so a partial dataset is never billed and nothing parked or warned about is dropped.
 */
import { CarebillError } from '../errors/carebill-error.js';
import { found, isObject } from '../errors/checks.js';
import type { LoadedDataset } from './load-types.js';

const PARTS = ['dataset', 'errors', 'parked', 'parkedServiceUsers', 'warnings'] as const;

/**
 * The load result, checked: it must be what `loadDataset` returned (all five parts; a
 * `Dataset` or a list passed in its place is INVALID_OPTION) and hold no dataset errors
 * (DATASET_ERRORS: report `loaded.errors` and fix the data; computing from the records that
 * could be read would bill a partial dataset as if it were whole).
 *
 * @example const loaded = checkLoaded(loadDataset({ bookings: '[]' }));
 */
export function checkLoaded(value: unknown): LoadedDataset {
  // Parts missing from an object; a value that is no object at all is named, not its parts.
  const missing = isObject(value) ? PARTS.filter((part) => value[part] == null) : [];
  const setLike =
    isObject(value) && typeof (value['parkedServiceUsers'] as Set<string>)?.has === 'function';
  const lists =
    isObject(value) &&
    Array.isArray(value['errors']) &&
    Array.isArray(value['parked']) &&
    Array.isArray(value['warnings']);
  if (missing.length > 0 || !setLike || !lists) {
    const what =
      isObject(value) && 'bookings' in value ? 'a Dataset (loaded.dataset)' : found(value);
    throw new CarebillError(
      'INVALID_OPTION',
      `loaded must be the whole result of loadDataset(…), { ${PARTS.join(', ')} }; found ${what}${missing.length > 0 && missing.length < PARTS.length ? ` without ${missing.join(', ')}` : ''}`,
      { option: 'loaded' },
    );
  }
  const loaded = value as unknown as LoadedDataset;
  if (loaded.errors.length > 0) {
    const first = loaded.errors[0];
    const count = loaded.errors.length;
    throw new CarebillError(
      'DATASET_ERRORS',
      `loaded has ${count} dataset error${count === 1 ? '' : 's'} (the first: ${first?.message}); nothing can be computed until the data is fixed, so report loaded.errors instead`,
      { option: 'loaded' },
    );
  }
  return loaded;
}
