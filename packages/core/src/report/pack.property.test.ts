import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetArb, periodArb } from '../../test/arbitraries.js';
import { booking, contract, location, room } from '../../test/builders.js';
import type { Day } from '../calendar/day.js';
import type { Booking, Dataset } from '../dataset/model.js';
import { buildPreview } from '../invoices/preview.js';
import { buildManagementPack } from './pack.js';

const HOMES = ['loc1', 'loc2', null] as const;
const TYPES = ['local_authority', 'fnc', 'top_up', 'private', ''] as const;
const dayRuleArb = fc.constantFrom('day' as const, 'night' as const);

/**
 * The charge generator's datasets spread over two homes (and no home), with contribution
 * types, a block bed per home and, when `rooms` is on, a room of its own for every booking
 * and out-of-service spells that never share a day with a stay: rooms complete.
 */
const packDatasetArb = fc
  .record({
    data: datasetArb,
    homes: fc.array(fc.constantFrom(...HOMES), { minLength: 8, maxLength: 8 }),
    types: fc.array(fc.constantFrom(...TYPES), { minLength: 12, maxLength: 12 }),
    blockRate: fc.integer({ min: 0, max: 20000 }),
    blockPayer: fc.boolean(),
    spells: fc.array(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 30 })), {
      minLength: 8,
      maxLength: 8,
    }),
    spare: fc.array(fc.tuple(fc.integer({ min: -30, max: 150 }), fc.integer({ min: 0, max: 60 })), {
      maxLength: 3,
    }),
  })
  .map(({ data, homes, types, blockRate, blockPayer, spells, spare }): Dataset => {
    const staying: Booking[] = data.bookings.map((b, i) => {
      const home = homes[i % homes.length] ?? null;
      return { ...b, location: home, room: home === null ? null : `room-${b.id}` };
    });
    const blocks = (['loc1', 'loc2'] as const).map((home) =>
      booking({
        id: `block-${home}`,
        type: 'block_contract',
        serviceUser: null,
        location: home,
        room: `block-room-${home}`,
        startDate: (data.bookings[0]?.startDate ?? 20000) as Day,
        ratePence: blockRate,
        ratePeriod: 'daily',
      }),
    );
    // A stay's room is out of service for a spell that ends the day before the stay starts.
    const repairs = staying.flatMap((b, i): Booking[] => {
      const [gap, length] = spells[i % spells.length] ?? [1, 0];
      if (b.room === null || length === 0) return [];
      const end = b.startDate - gap;
      return [outOfService(`oos-${b.id}`, b.room, b.location, end - length + 1, end)];
    });
    const spareRooms = spare.map((_, i) =>
      room(`spare-${i}`, { location: i % 2 ? 'loc1' : 'loc2' }),
    );
    const spareRepairs = spare.map(([start, length], i) =>
      outOfService(`oos-spare-${i}`, `spare-${i}`, null, 19967 + start, 19967 + start + length),
    );
    const rooms = [
      ...staying.flatMap((b) => (b.room === null ? [] : [room(b.room, { location: b.location })])),
      ...blocks.map((b) => room(b.room as string, { location: b.location })),
      ...spareRooms,
    ];
    return {
      ...data,
      bookings: [...staying, ...blocks, ...repairs, ...spareRepairs],
      contracts: [
        ...data.contracts.map((c, i) => ({
          ...c,
          contributionType: types[i % types.length] ?? '',
        })),
        ...(blockPayer
          ? [
              contract({
                id: 'block-loc1',
                serviceUser: null,
                location: 'loc1',
                contributionType: 'block_bed',
              }),
            ]
          : []),
      ],
      locations: new Map([
        ['loc1', location('loc1', { name: 'Ash House' })],
        ['loc2', location('loc2', { name: 'Birch Lodge' })],
      ]),
      rooms: new Map(rooms.map((r) => [r.id, r])),
    };
  });

function outOfService(
  id: string,
  roomId: string,
  home: string | null,
  from: number,
  to: number,
): Booking {
  return booking({
    id,
    type: 'out_of_service',
    serviceUser: null,
    location: home,
    room: roomId,
    startDate: from as Day,
    endDate: to as Day,
    ratePence: 0,
    ratePeriod: 'daily',
  });
}

const loadedOf = (dataset: Dataset) => ({
  dataset,
  errors: [],
  parked: [],
  parkedServiceUsers: new Set<string>(),
  warnings: [],
});

describe('management pack invariants (fast-check)', () => {
  it('every home’s and the group’s sources add up to their fees, and the homes to the group', () => {
    fc.assert(
      fc.property(
        packDatasetArb,
        periodArb,
        dayRuleArb,
        fc.boolean(),
        (data, period, dayRule, m52) => {
          const pack = buildManagementPack(loadedOf(data), { period, dayRule, monthly52: m52 });
          const sum = (shares: readonly { pence: number }[]) =>
            shares.reduce((total, s) => total + s.pence, 0);
          for (const figures of [...pack.homes, pack.group]) {
            expect(sum(figures.byFunding)).toBe(figures.feesPence);
            expect(figures.byFunding.every((s) => s.pence !== 0)).toBe(true);
          }
          expect(pack.homes.reduce((total, h) => total + h.feesPence, 0)).toBe(
            pack.group.feesPence,
          );
          expect(pack.homes.reduce((total, h) => total + h.bedDaysOccupied, 0)).toBe(
            pack.group.bedDaysOccupied,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a home’s fees are the preview’s for its bookings: invoiced + unbilled + unallocated', () => {
    fc.assert(
      fc.property(packDatasetArb, periodArb, dayRuleArb, (data, period, dayRule) => {
        const loaded = loadedOf(data);
        const pack = buildManagementPack(loaded, { period, dayRule });
        const preview = buildPreview(loaded, { period, dayRule });
        const homeOf = new Map(data.bookings.map((b) => [b.id, b.location]));
        const expected = new Map<string | null, number>();
        const add = (bookingId: string, pence: number) => {
          const home = homeOf.get(bookingId) ?? null;
          expected.set(home, (expected.get(home) ?? 0) + pence);
        };
        for (const invoice of preview.invoices)
          for (const line of invoice.lines) add(line.booking, line.amountPence);
        for (const entry of preview.unbilled) add(entry.booking, entry.amountPence);
        for (const entry of preview.unallocated) add(entry.booking, entry.amountPence);
        for (const home of pack.homes) {
          expect(home.feesPence).toBe(expected.get(home.location) ?? 0);
        }
        expect(pack.group.feesPence).toBe(preview.totals.feesPence);
      }),
      { numRuns: 300 },
    );
  });

  it('occupancy is never above 100% where every stay has a room of its home', () => {
    fc.assert(
      fc.property(packDatasetArb, periodArb, dayRuleArb, (data, period, dayRule) => {
        // Rooms are complete for stays at a home (those naming none are left out). Only the
        // stays' own rooms are kept, so no empty bed pads the available bed-days.
        const housed = {
          ...data,
          bookings: data.bookings.filter((b) => b.location !== null),
          rooms: new Map([...data.rooms].filter(([id]) => id.startsWith('room-'))),
        };
        const pack = buildManagementPack(loadedOf(housed), { period, dayRule });
        for (const home of [...pack.homes, pack.group]) {
          if (home.bedDaysAvailable === null) continue;
          expect(home.bedDaysOccupied).toBeLessThanOrEqual(home.bedDaysAvailable);
          expect(home.occupancyPermille ?? 0).toBeLessThanOrEqual(1000);
        }
        expect(pack.warnings.filter((w) => w.code === 'OCCUPANCY_ABOVE_ROOMS')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a compared period changes none of this period’s figures', () => {
    fc.assert(
      fc.property(packDatasetArb, periodArb, periodArb, (data, period, other) => {
        const loaded = loadedOf(data);
        const alone = buildManagementPack(loaded, { period });
        const both = buildManagementPack(loaded, { period, compare: other });
        // The entry of bookings naming no home is listed when either period has one.
        const named = (homes: typeof alone.homes) => homes.filter((h) => h.location !== null);
        expect(named(both.homes)).toEqual(named(alone.homes));
        expect(both.group).toEqual(alone.group);
        expect(both.compare?.group.feesPence).toBe(
          buildManagementPack(loaded, { period: other }).group.feesPence,
        );
      }),
      { numRuns: 100 },
    );
  });
});
