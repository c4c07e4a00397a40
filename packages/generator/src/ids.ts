/**
 * Deterministic CareHQ-style ids: 24 lower-case hex digits, like the API's ObjectIds.
 * The first 8 digits come from the seed, the last 16 are a counter shared by every
 * resource, so ids are unique across the whole dataset and sort in creation order.
 */

/** Hands out the next id of a dataset. */
export type IdFactory = () => string;

/**
 * An id factory for a seed.
 *
 * @example const nextId = createIdFactory(1); nextId() // '…0000000000000001' (24 hex digits)
 */
export function createIdFactory(seed: number): IdFactory {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.floor(seed / 0x100000000)) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x2c1b3c6d) >>> 0;
  z = (z ^ (z >>> 12)) >>> 0;
  // Keep the leading digit in 6..7 so ids look like CareHQ's (timestamps from 2021 on).
  const prefix = ((z & 0x0fffffff) | 0x60000000).toString(16).padStart(8, '0');
  let counter = 0;
  return () => {
    counter += 1;
    return prefix + counter.toString(16).padStart(16, '0');
  };
}
