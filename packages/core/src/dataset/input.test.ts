import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { booking, codes, contract, SU } from '../../test/dataset-helpers.js';
import { propertyRuns } from '../../test/property-runs.js';
import { monthPeriod } from '../calendar/range.js';
import { buildPreview } from '../invoices/preview.js';
import { loadDataset } from './load.js';
import type { DatasetFiles, DatasetInput, LoadedDataset } from './load-types.js';
import { RESOURCES } from './model.js';

const DEMO = resolve(import.meta.dirname, '../../../../fixtures/demo');

/** The texts of the demo folder's files, as the CLI reads them. */
function demoTexts(): DatasetFiles {
  const files: DatasetFiles = {};
  for (const resource of RESOURCES) {
    files[resource] = readFileSync(resolve(DEMO, `${resource}.json`), 'utf8');
  }
  return files;
}

/** Every part of a load, with Maps and Sets as lists so that order shows too. */
function snapshot(loaded: LoadedDataset): string {
  return JSON.stringify(loaded, (_key, value) =>
    value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value,
  );
}

const page = (items: object[]) => ({
  item_count: items.length,
  items,
  page: 1,
  page_count: 1,
  per_page: 100,
});

describe('one shape in: text or parsed records', () => {
  it('the demo loads the same from its texts and from JSON.parse of them, to a previewed penny', () => {
    const texts = demoTexts();
    const parsed: DatasetInput = Object.fromEntries(
      Object.entries(texts).map(([resource, text]) => [resource, JSON.parse(text)]),
    );
    const fromText = loadDataset(texts);
    const fromRecords = loadDataset(parsed);
    expect(fromText.dataset.bookings.length).toBeGreaterThan(0);
    expect(snapshot(fromRecords)).toBe(snapshot(fromText));
    const november = monthPeriod(2024, 11);
    const a = buildPreview(fromText, { period: november });
    const b = buildPreview(fromRecords, { period: november });
    expect(b.invoices.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('reads parsed records as an array, one page, or an array of pages, texts mixed in', () => {
    const records = [
      booking({ _id: 'b1' }),
      booking({ _id: 'b2', start_date: '2020-01-01', end_date: '2020-01-31' }),
    ];
    const asArray = loadDataset({ bookings: records, 'billing-contracts': '[]' });
    const asPage = loadDataset({ bookings: page(records), 'billing-contracts': [] });
    const asPages = loadDataset({
      bookings: [page(records.slice(0, 1)), page(records.slice(1))],
      'billing-contracts': JSON.stringify([]),
    });
    expect(asArray.dataset.bookings.map((b) => b.id)).toEqual(['b1', 'b2']);
    expect(snapshot(asPage)).toBe(snapshot(asArray));
    expect(snapshot(asPages)).toBe(snapshot(asArray));
  });

  it.each([
    ['a float', 1385.54],
    ['pounds as text', '1385.54'],
    ['a pound sign', '£10'],
    ['an empty string', ''],
    ['an integer beyond 2^53', 2 ** 53 + 2],
    ['a huge float', 1e21],
    ['true', true],
    ['an object', { pence: 1 }],
  ])('%s as money is the same BAD_MONEY problem from records as from text', (_label, rate) => {
    const records = [booking({ rate })];
    const fromRecords = loadDataset({ bookings: records });
    const fromText = loadDataset({ bookings: JSON.stringify(records) });
    expect(codes(fromRecords)).toEqual([
      ['BAD_MONEY', 'bookings', '6724fbca4f73a2cebf63868c', 'rate'],
    ]);
    expect(fromRecords.parked).toEqual(fromText.parked);
    expect(fromRecords.dataset.bookings).toEqual([]);
  });

  it('values JSON text cannot hold are BAD_MONEY too, and shown as they are', () => {
    for (const [rate, shown] of [
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [138554n, '138554n'],
      [undefined, undefined],
    ] as const) {
      const loaded = loadDataset({ bookings: [booking({ rate })] });
      const problem = loaded.parked[0]?.problems[0];
      if (rate === undefined) {
        // An own property holding undefined is a missing rate.
        expect(problem?.code).toBe('MISSING_FIELD');
        continue;
      }
      expect(problem?.code).toBe('BAD_MONEY');
      expect(problem?.value).toBe(shown);
    }
  });

  it('dates must be text: a Date object is BAD_DATE, not a guess at a time zone', () => {
    const loaded = loadDataset({
      bookings: [booking({ start_date: new Date(Date.UTC(2024, 10, 1)) })],
    });
    expect(codes(loaded)).toEqual([
      ['BAD_DATE', 'bookings', '6724fbca4f73a2cebf63868c', 'start_date'],
    ]);
  });

  it('how a number was written is checked only in text: 1e5 is BAD_MONEY there, 100000 once parsed', () => {
    const text = JSON.stringify([booking({ rate: 0 })]).replace('"rate":0', '"rate":1e5');
    expect(codes(loadDataset({ bookings: text }))[0]?.[0]).toBe('BAD_MONEY');
    const parsed = loadDataset({ bookings: JSON.parse(text) });
    expect(parsed.parked).toEqual([]);
    expect(parsed.dataset.bookings[0]?.ratePence).toBe(100000);
  });

  it('does not change the records it is given', () => {
    const records = [booking(), contract()];
    const frozen = structuredClone(records);
    const deepFreeze = (value: unknown): void => {
      if (typeof value !== 'object' || value === null) return;
      Object.freeze(value);
      for (const inner of Object.values(value)) deepFreeze(inner);
    };
    deepFreeze(records);
    const loaded = loadDataset({ bookings: [records[0]!], 'billing-contracts': [records[1]!] });
    expect(loaded.errors).toEqual([]);
    expect(records).toEqual(frozen);
  });
});

describe('the dataset input itself', () => {
  it('loadDataset({}) is a MISSING_RESOURCE dataset error, not an empty dataset', () => {
    const loaded = loadDataset({});
    expect(loaded.errors.map((p) => [p.severity, p.code, p.resource, p.id, p.field])).toEqual([
      ['dataset', 'MISSING_RESOURCE', 'bookings', '', ''],
    ]);
    expect(loaded.errors[0]?.message).toContain('bookings are required');
  });

  it('bookings given as undefined are missing too', () => {
    const loaded = loadDataset({ bookings: undefined } as unknown as DatasetInput);
    expect(loaded.errors.map((p) => [p.code, p.resource])).toEqual([
      ['MISSING_RESOURCE', 'bookings'],
    ]);
  });

  it('a misspelt key is UNKNOWN_RESOURCE with the resource it was meant to be', () => {
    const input = { bookngs: [booking()], service_users: [] } as DatasetInput;
    const loaded = loadDataset(input);
    expect(loaded.errors.map((p) => [p.code, p.resource, p.field])).toEqual([
      ['UNKNOWN_RESOURCE', '', 'bookngs'],
      ['UNKNOWN_RESOURCE', '', 'service_users'],
      ['MISSING_RESOURCE', 'bookings', ''],
    ]);
    expect(loaded.errors[0]?.message).toContain('Did you mean "bookings"?');
    expect(loaded.errors[1]?.message).toContain('Did you mean "service-users"?');
    const far = loadDataset({ bookings: [], invoices: [] } as DatasetInput);
    expect(far.errors[0]?.message).not.toContain('Did you mean');
    expect(far.errors[0]?.message).toContain('The resources are bookings, service-users');
  });

  it.each([
    ['null', null, 'null'],
    ['text', '[]', 'a string'],
    ['an array', [], 'an array'],
    ['a number', 7, 'a number'],
  ])(
    'a dataset that is %s is a BAD_SHAPE dataset error and never throws',
    (_label, input, type) => {
      const loaded = loadDataset(input as unknown as DatasetInput);
      expect(loaded.errors.map((p) => [p.code, p.resource, p.value])).toEqual([
        ['BAD_SHAPE', '', type],
      ]);
    },
  );

  it.each([
    ['null', null, 'found null'],
    ['a number', 42, 'found a number'],
    ['an object that is not a page', { items: [] }, 'found an object'],
    ['bytes', new TextEncoder().encode('[]'), 'TextDecoder'],
  ])('a resource given as %s is a BAD_SHAPE dataset error naming it', (_label, value, says) => {
    const loaded = loadDataset({ bookings: value } as unknown as DatasetInput);
    expect(loaded.errors.map((p) => [p.code, p.resource])).toEqual([['BAD_SHAPE', 'bookings']]);
    expect(loaded.errors[0]?.message).toContain('the bookings input');
    expect(loaded.errors[0]?.message).toContain(says);
  });

  it('a record that is not an object is named by its index in the parsed input', () => {
    const loaded = loadDataset({ bookings: [booking(), 'b2'] as object[] });
    expect(loaded.errors.map((p) => [p.code, p.id, p.message])).toEqual([
      [
        'BAD_SHAPE',
        '#1',
        'record #1 of the bookings input must be a JSON object with an "_id"; found a string',
      ],
    ]);
  });

  it('references across text and parsed resources are checked the same', () => {
    const loaded = loadDataset({
      bookings: [booking({ service_user: 'ghost' })],
      'service-users': JSON.stringify([{ _id: SU }]),
    });
    expect(codes(loaded)).toEqual([
      ['UNKNOWN_REFERENCE', 'bookings', '6724fbca4f73a2cebf63868c', 'service_user'],
    ]);
  });

  it('never throws on any value in any resource, JSON or not', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    });
    fc.assert(
      fc.property(
        anything,
        fc.array(fc.dictionary(fc.string(), anything), { maxLength: 5 }),
        (value, records) => {
          const loaded = loadDataset({
            bookings: value,
            rooms: records,
            'billing-contracts': records,
            'care-funds': records,
          } as DatasetInput);
          expect(Array.isArray(loaded.errors)).toBe(true);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
