/**
 * createDatasetLoader, given a name that is not a CareHQ resource, says so as loadDataset
 * does (UNKNOWN_RESOURCE, with the nearest name), and still loads the rest; given twice,
 * it is named once and never read (a resource given twice would be BAD_SHAPE).
 */
import { describe, expect, it } from 'vitest';
import { createDatasetLoader, loadDataset } from './load.js';
import type { ResourceName } from './model.js';

describe('a name that is not a resource, added to the loader', () => {
  it('is UNKNOWN_RESOURCE, as in loadDataset, and parks nothing', () => {
    const loader = createDatasetLoader();
    loader.add('bookings', []);
    loader.add('room' as ResourceName, [{ _id: 'r1', name: 7 }]);
    const loaded = loader.finish();
    const whole = loadDataset({ bookings: [], room: [{ _id: 'r1', name: 7 }] } as never);
    expect(loaded.errors.map((p) => [p.code, p.field])).toEqual([['UNKNOWN_RESOURCE', 'room']]);
    expect(loaded.errors).toEqual(whole.errors);
    expect(loaded.parked).toEqual([]);
  });

  it('added twice, it is named once', () => {
    const loader = createDatasetLoader();
    loader.add('bookings', []);
    loader.add('room' as ResourceName, []);
    loader.add('room' as ResourceName, []);
    expect(loader.finish().errors.map((p) => p.code)).toEqual(['UNKNOWN_RESOURCE']);
  });
});
