/**
 * The loader's entry (SPEC §2, §2.1): what is read of the input object and of each record,
 * when a resource given to createDatasetLoader is mapped, and what the result keeps.
 */
import { describe, expect, it } from 'vitest';
import { booking, codes, contract, LOC, SU } from '../../test/dataset-helpers.js';
import { createDatasetLoader, DATASET_LOAD_ORDER, loadDataset } from './load.js';
import type { DatasetInput, LoadedDataset } from './load-types.js';
import type { ResourceName } from './model.js';

/** Everything a load gives back, Maps and Sets as entry lists, so order shows too. */
function snapshot(loaded: LoadedDataset): string {
  return JSON.stringify(loaded, (_key, value) =>
    value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value,
  );
}

/** One record of every resource, the contract paying into another, one booking broken. */
function everyResource(): Record<ResourceName, Record<string, unknown>[]> {
  return {
    'service-users': [{ _id: SU, first_name: 'Margaret', last_name: 'Wall' }],
    'location-contacts': [{ _id: 'lc1', company_name: 'Council' }],
    locations: [{ _id: LOC, name: 'Rectory Gardens' }],
    rooms: [{ _id: '6724fbc84f73a2cebf637858', name: 'Room 12', location: LOC }],
    'care-fund-types': [{ _id: 't1', name: 'Deposit' }],
    'service-user-contacts': [
      { _id: 'sc1', service_user: SU, first_name: 'Pat', last_name: 'Wall' },
    ],
    'care-funds': [
      {
        _id: 'f1',
        service_user: SU,
        care_fund_type: 't1',
        opening_balance: 100,
        opening_balance_date: '2024-01-01',
      },
    ],
    bookings: [booking(), booking({ _id: 'b-broken', start_date: '2025-01-01', rate: 'x' })],
    'billing-contracts': [
      contract({ _id: 'c1', service_user_contact: 'sc1' }),
      contract({
        _id: 'c2',
        location_contact: 'lc1',
        fee_contribution: 100,
        fee_contribution_unit: 'week',
        contributes_to: ['c1'],
      }),
    ],
  };
}

describe('createDatasetLoader keeps none of the records it was given', () => {
  it('records emptied by the caller once added change nothing: each resource was mapped when added, and only the fields read later were kept', () => {
    const expected = loadDataset(everyResource());
    expect(expected.errors).toEqual([]);
    expect(expected.parked.map((e) => e.serviceUser)).toEqual([SU]);

    const given = everyResource();
    const loader = createDatasetLoader();
    for (const resource of DATASET_LOAD_ORDER) {
      loader.add(resource, given[resource]);
      // The caller lets the records go (or reuses the objects): nothing may read them again.
      for (const record of given[resource])
        for (const key of Object.keys(record)) delete record[key];
    }
    expect(snapshot(loader.finish())).toBe(snapshot(expected));
  });
});

describe('createDatasetLoader: a resource not given', () => {
  it('undefined after a resource was read leaves it read, and a later value is still a repeat', () => {
    const loader = createDatasetLoader();
    loader.add('bookings', JSON.stringify([booking()]));
    loader.add('bookings', undefined);
    loader.add('bookings', '[]');
    const loaded = loader.finish();
    expect(loaded.errors.map((p) => [p.code, p.resource, p.value])).toEqual([
      ['BAD_SHAPE', 'bookings', '(given twice)'],
    ]);
    expect(loaded.dataset.bookings.map((b) => b.id)).toEqual([booking()['_id']]);
  });
});

describe('what loadDataset reads of its input', () => {
  it('only the input object’s own entries: a bookings entry it inherits is not given', () => {
    const input = Object.create({ bookings: JSON.stringify([booking()]) }) as DatasetInput;
    const loaded = loadDataset(input);
    expect(loaded.errors.map((p) => p.code)).toEqual(['MISSING_RESOURCE']);
    expect(loaded.dataset.bookings).toEqual([]);
    expect(loaded.parked).toEqual([]);
  });

  it('only a record’s own _id: one it inherits is no _id', () => {
    const inherited = Object.create({ _id: 'r1' }) as object;
    const loaded = loadDataset({ bookings: [], rooms: [inherited, { _id: 'r2' }] });
    expect(codes(loaded)).toEqual([['MISSING_FIELD', 'rooms', '#0', '_id']]);
    expect([...loaded.dataset.rooms.keys()]).toEqual(['r2']);
  });

  it.each([
    ['null', 'MISSING_FIELD', null],
    ['empty', 'MISSING_FIELD', ''],
    ['a number', 'BAD_VALUE', 5],
    ['an array', 'BAD_VALUE', ['r1']],
  ])('an _id that is %s is %s, the record named by its index', (_label, code, id) => {
    const loaded = loadDataset({ bookings: [], rooms: [{ _id: 'r0' }, { _id: id }] });
    expect(codes(loaded)).toEqual([[code, 'rooms', '#1', '_id']]);
    expect(loaded.parked.map((e) => [e.serviceUser, e.problems[0]?.message])).toEqual([
      [null, 'record #1 of rooms.json has no usable _id (text); export it again from CareHQ'],
    ]);
  });
});

describe('what the result keeps', () => {
  it('warnings hold only warnings, sorted; record errors are under parked, dataset errors under errors', () => {
    const loaded = loadDataset({
      bookings: JSON.stringify([
        booking({ _id: 'b2', service_user: 'su2', respite: true }),
        booking({ _id: 'b1', service_user: 'su1', respite: true, rate: 'x' }),
      ]),
      'care-fund-types': '[{"_id": "t1"}, {"_id": "t1"}]',
    });
    expect(loaded.warnings.map((p) => [p.severity, p.resource, p.id])).toEqual([
      ['warning', 'bookings', 'b1'],
      ['warning', 'bookings', 'b2'],
    ]);
    expect(loaded.errors.map((p) => [p.severity, p.code])).toEqual([['dataset', 'DUPLICATE_ID']]);
    expect(loaded.parked.map((e) => [e.serviceUser, e.problems.map((p) => p.code)])).toEqual([
      ['su1', ['BAD_MONEY']],
    ]);
  });

  it('a contact with a record error stays in the dataset, marked parked, its own entry under parked', () => {
    const loaded = loadDataset({
      bookings: [],
      'location-contacts': [
        { _id: 'lc2', company_name: 'Council', email: ['x'] },
        { _id: 'lc1', company_name: 'Trust' },
      ],
      'service-user-contacts': [
        { _id: 'sc1', first_name: 'Pat', last_name: 'Wall', invoice_delivery_method: 7 },
      ],
    });
    expect([...loaded.dataset.locationContacts.values()].map((c) => [c.id, c.parked])).toEqual([
      ['lc1', false],
      ['lc2', true],
    ]);
    expect([...loaded.dataset.serviceUserContacts.values()].map((c) => [c.id, c.parked])).toEqual([
      ['sc1', true],
    ]);
    expect(loaded.parked.map((e) => [e.serviceUser, e.problems[0]?.resource])).toEqual([
      [null, 'location-contacts'],
      [null, 'service-user-contacts'],
    ]);
    expect(loaded.parkedServiceUsers.size).toBe(0);
  });
});
