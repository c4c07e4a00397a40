/**
 * The one shape in (SPEC §2): each resource as text or parsed records; bytes are refused
 * with how to decode them, and only the input's own `bookings` counts as given.
 */
import { describe, expect, it } from 'vitest';
import { booking } from '../../test/dataset-helpers.js';
import { loadDataset } from './load.js';
import type { DatasetInput } from './load-types.js';

describe('a resource given as bytes', () => {
  it.each([
    ['an ArrayBuffer', new TextEncoder().encode('[]').buffer],
    ['a DataView', new DataView(new ArrayBuffer(2))],
    ['a Uint8Array', new Uint8Array(2)],
  ])('%s is bytes: BAD_SHAPE saying how to decode them', (_label, bytes) => {
    const loaded = loadDataset({ bookings: '[]', rooms: bytes } as unknown as DatasetInput);
    expect(loaded.errors.map((p) => [p.code, p.resource, p.value])).toEqual([
      ['BAD_SHAPE', 'rooms', 'bytes'],
    ]);
  });
});

describe('the input’s bookings', () => {
  it('bookings the input only inherits are missing, and unknown keys are named as well', () => {
    const input = Object.create({ bookings: '[]' }) as Record<string, unknown>;
    input['rooms'] = '[]';
    input['roms'] = '[]';
    const loaded = loadDataset(input as DatasetInput);
    expect(loaded.errors.map((p) => [p.code, p.resource, p.field])).toEqual([
      ['UNKNOWN_RESOURCE', '', 'roms'],
      ['MISSING_RESOURCE', 'bookings', ''],
    ]);
  });

  it('bookings given as text or records are given', () => {
    expect(loadDataset({ bookings: JSON.stringify([booking()]) }).errors).toEqual([]);
    expect(loadDataset({ bookings: [booking()] }).errors).toEqual([]);
  });
});
