import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test/property-runs.js';
import { loadDataset } from './load.js';
import type { DatasetFiles, LoadedDataset } from './load-types.js';

// Small pools so that overlaps, duplicate payers, bad values and references all happen.
const residents = ['su1', 'su2', 'su3', 'su4'];
const dates = ['2024-01-01', '2024-02-01', '2024-03-15', '2024-12-31', '2023-02-29', null];
const money = [138554, '138554', 0, -100, '1385.54', 1385.54, null, ''];
const locations = ['loc1', 'loc2', null];

const bookingArb = fc.record({
  booking_type: fc.constantFrom('service_user', 'block_contract', 'out_of_service', 'Weekly'),
  service_user: fc.constantFrom(...residents, null, 'ghost'),
  location: fc.constantFrom(...locations),
  room: fc.constantFrom('r1', 'r2', null),
  start_date: fc.constantFrom(...dates),
  end_date: fc.constantFrom(...dates),
  proposed_checkout_date: fc.constantFrom(...dates),
  cancelled: fc.constantFrom(null, '2024-01-05 10:00:00', 'soon'),
  respite: fc.boolean(),
  rate: fc.constantFrom(...money),
  rate_period: fc.constantFrom('daily', 'weekly', 'Weekly'),
});
const contractArb = fc.record({
  service_user: fc.constantFrom(...residents, null),
  location: fc.constantFrom(...locations),
  location_contact: fc.constantFrom('lc1', null, 'nobody'),
  service_user_contact: fc.constantFrom('suc1', null),
  start_date: fc.constantFrom(...dates),
  end_date: fc.constantFrom(...dates),
  cancelled: fc.constantFrom(null, '2024-01-05'),
  fee_contribution: fc.constantFrom(null, null, 23588, '5000', '2.5'),
  fee_contribution_unit: fc.constantFrom('week', 'day', null),
  contributes_to: fc.constantFrom(null, ['c0'], ['c1', 'c2']),
});
const fundArb = fc.record({
  service_user: fc.constantFrom(...residents),
  opening_balance: fc.constantFrom(...money),
  opening_balance_date: fc.constantFrom(...dates),
  description: fc.constantFrom('Savings', '=HYPERLINK()', 'bad\u0007'),
});

/** Records with unique ids `${prefix}${i}`. */
function withIds<T>(prefix: string, arb: fc.Arbitrary<T>) {
  return fc
    .array(arb, { maxLength: 25 })
    .map((records) => records.map((r, i) => ({ _id: `${prefix}${i}`, ...r })));
}

const datasetArb = fc.record({
  bookings: withIds('b', bookingArb),
  contracts: withIds('c', contractArb),
  funds: withIds('f', fundArb),
});

function shuffled<T>(items: readonly T[]) {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}

function files(bookings: unknown[], contracts: unknown[], funds: unknown[]): DatasetFiles {
  return {
    bookings: JSON.stringify(bookings),
    'billing-contracts': JSON.stringify(contracts),
    'care-funds': JSON.stringify(funds),
    'service-users': JSON.stringify(residents.map((id) => ({ _id: id, first_name: id }))),
    'location-contacts': JSON.stringify([{ _id: 'lc1', company_name: 'Council' }]),
    rooms: JSON.stringify([
      { _id: 'r1', name: 'Rose' },
      { _id: 'r2', name: 'Lily' },
    ]),
  };
}

/** Everything a load gives back, with Maps as entry lists so order would show. */
function snapshot(loaded: LoadedDataset): string {
  return JSON.stringify(loaded, (_key, value) =>
    value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value,
  );
}

describe('loadDataset properties', () => {
  it('shuffling the records of any file gives identical output', () => {
    fc.assert(
      fc.property(
        datasetArb.chain((d) =>
          fc.tuple(fc.constant(d), shuffled(d.bookings), shuffled(d.contracts), shuffled(d.funds)),
        ),
        ([d, bookings, contracts, funds]) => {
          const a = loadDataset(files(d.bookings, d.contracts, d.funds));
          const b = loadDataset(files(bookings, contracts, funds));
          expect(snapshot(b)).toBe(snapshot(a));
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it('an array, one page and an array of pages give identical output', () => {
    fc.assert(
      fc.property(datasetArb, fc.integer({ min: 1, max: 7 }), (d, perPage) => {
        const asArray = loadDataset(files(d.bookings, d.contracts, d.funds));
        const page = {
          item_count: d.bookings.length,
          items: d.bookings,
          page: 1,
          page_count: 1,
          per_page: 100,
        };
        const pages = [];
        for (let i = 0; i * perPage < d.bookings.length || i === 0; i++) {
          pages.push({
            item_count: d.bookings.length,
            items: d.bookings.slice(i * perPage, (i + 1) * perPage),
            page: i + 1,
            page_count: Math.max(1, Math.ceil(d.bookings.length / perPage)),
            per_page: perPage,
          });
        }
        const base = files(d.bookings, d.contracts, d.funds);
        const asPage = loadDataset({ ...base, bookings: JSON.stringify(page) });
        const asPages = loadDataset({ ...base, bookings: JSON.stringify(pages) });
        expect(snapshot(asPage)).toBe(snapshot(asArray));
        expect(snapshot(asPages)).toBe(snapshot(asArray));
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('the parsed records of every file give the same output as its text', () => {
    fc.assert(
      fc.property(datasetArb, (d) => {
        const texts = files(d.bookings, d.contracts, d.funds);
        const parsed = Object.fromEntries(
          Object.entries(texts).map(([resource, text]) => [resource, JSON.parse(text)]),
        );
        expect(snapshot(loadDataset(parsed))).toBe(snapshot(loadDataset(texts)));
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('every parked resident has a reason, and none of their records is trusted', () => {
    fc.assert(
      fc.property(datasetArb, (d) => {
        const loaded = loadDataset(files(d.bookings, d.contracts, d.funds));
        for (const entry of loaded.parked) expect(entry.problems.length).toBeGreaterThan(0);
        const { bookings, contracts, careFunds } = loaded.dataset;
        for (const r of [...bookings, ...contracts, ...careFunds]) {
          if (r.serviceUser !== null)
            expect(loaded.parkedServiceUsers.has(r.serviceUser)).toBe(false);
        }
        for (const p of loaded.warnings) expect(p.severity).toBe('warning');
        for (const p of loaded.parked.flatMap((e) => e.problems)) expect(p.severity).toBe('record');
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('never throws on arbitrary JSON in any file', () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 5 }),
        (value, records) => {
          const loaded = loadDataset({
            bookings: JSON.stringify(value),
            rooms: JSON.stringify(records),
            'billing-contracts': JSON.stringify(records),
            'service-user-contacts': JSON.stringify(records),
          });
          expect(Array.isArray(loaded.errors)).toBe(true);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
