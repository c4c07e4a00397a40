/**
 * The management pack on a small hand-built group, every figure worked by hand (SPEC §11).
 *
 * November 2024 (30 days). Ash House: rooms a1–a3; Birch Lodge: rooms b1–b3; Cedar Court:
 * no rooms, no bookings; room x1 names no home.
 *
 * - su1, Ash a1, from 1 Nov, £1,385.54/week = 593803 for 30 days (SPEC §3.2). Council
 *   £1,000/week: 100000 × 30 / 7 = 428571.43 → 428571; NHS FNC £235.88/week (billing not
 *   enabled, so unbilled — still FNC): 23588 × 30 / 7 = 101091.43 → 101091; family top-up
 *   pays the balance: 593803 − 428571 − 101091 = 64141.
 * - su2, Ash a2, 11–20 Nov at £200/day, no contract, pays for themself: 10 × 20000 = 200000
 *   private.
 * - su3 moves: Ash a3 1 Oct – 5 Nov at £150/day (5 × 15000 = 75000 in November), then Birch b1
 *   from 6 Nov at £160/day (25 × 16000 = 400000); a balance contract with no
 *   contribution_type ⇒ `unspecified`.
 * - su4, Birch b2, from 1 Nov, £700/week, nobody to bill: 70000 × 30 / 7 = 300000 unallocated.
 * - An empty block bed, Birch b3, £100/day from 1 Nov, paid by the council's block_bed
 *   contract: 300000 under block_bed, no resident, no occupied day.
 * - Room a3 out of service 20–24 Nov and 23–26 Nov: 20–26 Nov, 7 bed-days.
 * - su5 (parked) and su6 (cancelled booking) count for nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  booking,
  contract,
  d,
  dataset,
  loaded,
  location,
  locationContact,
  room,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import { loadDataset } from '../dataset/load.js';
import { CarebillError } from '../errors/carebill-error.js';
import { buildPreview } from '../invoices/preview.js';
import { buildManagementPack, checkManagementPackOptions } from './pack.js';

const november = { from: d('2024-11-01'), to: d('2024-11-30') };
const october = { from: d('2024-10-01'), to: d('2024-10-31') };

const group = dataset({
  locations: [
    location('ash', { name: 'Ash House' }),
    location('birch', { name: 'Birch Lodge' }),
    location('cedar', { name: 'Cedar Court' }),
  ],
  rooms: [
    room('a1', { location: 'ash' }),
    room('a2', { location: 'ash' }),
    room('a3', { location: 'ash' }),
    room('b1', { location: 'birch' }),
    room('b2', { location: 'birch' }),
    room('b3', { location: 'birch' }),
    room('x1', { location: null }),
  ],
  serviceUsers: ['su1', 'su2', 'su3', 'su4', 'su5', 'su6'].map((id) =>
    serviceUser(id, { billingEnabled: id === 'su2' || id === 'su5' }),
  ),
  serviceUserContacts: [serviceUserContact('su1-fam', { serviceUser: 'su1' })],
  locationContacts: [
    locationContact('la', { companyName: 'Oxfordshire County Council' }),
    locationContact('nhs', { companyName: 'NHS Oxfordshire ICB', billingEnabled: false }),
  ],
  bookings: [
    booking({ id: 'b-su1', serviceUser: 'su1', location: 'ash', room: 'a1' }),
    booking({
      id: 'b-su2',
      serviceUser: 'su2',
      location: 'ash',
      room: 'a2',
      startDate: d('2024-11-11'),
      endDate: d('2024-11-20'),
      ratePence: 20000,
      ratePeriod: 'daily',
    }),
    booking({
      id: 'b-su3-ash',
      serviceUser: 'su3',
      location: 'ash',
      room: 'a3',
      startDate: d('2024-10-01'),
      endDate: d('2024-11-05'),
      ratePence: 15000,
      ratePeriod: 'daily',
    }),
    booking({
      id: 'b-su3-birch',
      serviceUser: 'su3',
      location: 'birch',
      room: 'b1',
      startDate: d('2024-11-06'),
      ratePence: 16000,
      ratePeriod: 'daily',
    }),
    booking({ id: 'b-su4', serviceUser: 'su4', location: 'birch', room: 'b2', ratePence: 70000 }),
    booking({
      id: 'b-block',
      type: 'block_contract',
      serviceUser: null,
      location: 'birch',
      room: 'b3',
      ratePence: 10000,
      ratePeriod: 'daily',
    }),
    booking({
      id: 'b-oos-1',
      type: 'out_of_service',
      serviceUser: null,
      location: 'ash',
      room: 'a3',
      startDate: d('2024-11-20'),
      endDate: d('2024-11-24'),
      ratePence: 0,
      ratePeriod: 'daily',
    }),
    booking({
      id: 'b-oos-2',
      type: 'out_of_service',
      serviceUser: null,
      location: 'ash',
      room: 'a3',
      startDate: d('2024-11-23'),
      endDate: d('2024-11-26'),
      ratePence: 0,
      ratePeriod: 'daily',
    }),
    booking({ id: 'b-su5', serviceUser: 'su5', location: 'ash', room: 'a2' }),
    booking({
      id: 'b-su6',
      serviceUser: 'su6',
      location: 'birch',
      room: 'b2',
      cancelled: true,
    }),
  ],
  contracts: [
    contract({
      id: 'c-su1-la',
      serviceUser: 'su1',
      feeContributionPence: 100000,
      contributionType: 'local_authority',
      payer: { kind: 'location_contact', id: 'la' },
    }),
    contract({
      id: 'c-su1-fnc',
      serviceUser: 'su1',
      feeContributionPence: 23588,
      contributionType: 'fnc',
      payer: { kind: 'location_contact', id: 'nhs' },
    }),
    contract({
      id: 'c-su1-top',
      serviceUser: 'su1',
      contributionType: 'top_up',
      payer: { kind: 'service_user_contact', id: 'su1-fam' },
    }),
    contract({ id: 'c-su3', serviceUser: 'su3', contributionType: '' }),
    contract({
      id: 'c-block',
      serviceUser: null,
      location: 'birch',
      contributionType: 'block_bed',
    }),
  ],
});
const data = loaded(group, ['su5']);

describe('buildManagementPack: a hand-worked group (November 2024)', () => {
  // Built in each test, not when the file loads (code run at load time makes "static"
  // mutants, which Stryker runs against every test of the module: docs/testing.md).
  const build = () => buildManagementPack(data, { period: november });

  it('lists every home by name, empty ones too', () => {
    const pack = build();
    expect(pack.homes.map((h) => [h.location, h.name])).toEqual([
      ['ash', 'Ash House'],
      ['birch', 'Birch Lodge'],
      ['cedar', 'Cedar Court'],
    ]);
  });

  it('Ash House: fees by source, occupancy and average weekly fee', () => {
    const ash = build().homes[0];
    expect(ash).toEqual({
      location: 'ash',
      name: 'Ash House',
      feesPence: 868803, // 593803 + 200000 + 75000
      byFunding: [
        { source: 'local_authority', pence: 428571 },
        { source: 'private', pence: 200000 },
        { source: 'fnc', pence: 101091 },
        { source: 'unspecified', pence: 75000 },
        { source: 'top_up', pence: 64141 },
      ],
      bedDaysOccupied: 45, // su1 30 + su2 10 + su3 5
      residents: 3,
      rooms: 3,
      bedDaysOutOfService: 7, // a3, 20–26 Nov
      bedDaysAvailable: 83, // 3 × 30 − 7
      occupancyPermille: 542, // 45 000 / 83 = 542.17
      averageWeeklyFeePence: 135147, // 868803 × 7 / 45 = 135147.13
    });
  });

  it('Birch Lodge: the empty block bed is paid for but not occupied', () => {
    const birch = build().homes[1];
    expect(birch).toEqual({
      location: 'birch',
      name: 'Birch Lodge',
      feesPence: 1000000, // 400000 + 300000 + 300000
      byFunding: [
        { source: 'unspecified', pence: 400000 },
        { source: 'block_bed', pence: 300000 },
        { source: 'unallocated', pence: 300000 },
      ],
      bedDaysOccupied: 55, // su3 25 + su4 30
      residents: 2,
      rooms: 3,
      bedDaysOutOfService: 0,
      bedDaysAvailable: 90,
      occupancyPermille: 611, // 55 000 / 90 = 611.11
      averageWeeklyFeePence: 127273, // 1000000 × 7 / 55 = 127272.73
    });
  });

  it('Cedar Court: no rooms and nothing billed ⇒ nulls, not zeros, where nothing can be said', () => {
    const cedar = build().homes[2];
    expect(cedar).toMatchObject({
      feesPence: 0,
      byFunding: [],
      bedDaysOccupied: 0,
      residents: 0,
      rooms: 0,
      bedDaysOutOfService: null,
      bedDaysAvailable: null,
      occupancyPermille: null,
      averageWeeklyFeePence: null,
    });
  });

  it('the group: a resident who moved homes is one resident', () => {
    const pack = build();
    expect(pack.group).toEqual({
      feesPence: 1868803,
      byFunding: [
        { source: 'unspecified', pence: 475000 },
        { source: 'local_authority', pence: 428571 },
        { source: 'block_bed', pence: 300000 },
        { source: 'unallocated', pence: 300000 },
        { source: 'private', pence: 200000 },
        { source: 'fnc', pence: 101091 },
        { source: 'top_up', pence: 64141 },
      ],
      bedDaysOccupied: 100,
      residents: 4,
      rooms: 6,
      bedDaysOutOfService: 7,
      bedDaysAvailable: 173,
      occupancyPermille: 578, // 100 000 / 173 = 578.03
      averageWeeklyFeePence: 130816, // 1868803 × 7 / 100 = 130816.21
    });
  });

  it('its fees are the preview’s: invoiced + unbilled + unallocated', () => {
    const pack = build();
    const preview = buildPreview(data, { period: november });
    expect(pack.group.feesPence).toBe(preview.totals.feesPence);
    expect(preview.totals.unbilledPence).toBe(101091);
    expect(preview.totals.unallocatedPence).toBe(300000);
  });

  it('warns about the room without a home, and about nothing else', () => {
    const pack = build();
    expect(pack.warnings.map((w) => [w.code, w.resource, w.id])).toEqual([
      ['ROOM_WITHOUT_HOME', 'rooms', 'x1'],
    ]);
    expect(pack.compare).toBeNull();
  });

  it('under the night rule the last day of a stay and of a room’s repair is not counted', () => {
    const night = buildManagementPack(data, { period: november, dayRule: 'night' });
    const [a] = night.homes;
    // su1 30 + su2 11–19 Nov 9 + su3 1–4 Nov 4; a3 out of service 20–25 Nov.
    expect(a).toMatchObject({ bedDaysOccupied: 43, bedDaysOutOfService: 6, bedDaysAvailable: 84 });
    expect(night.dayRule).toBe('night');
    expect(night.group.feesPence).toBe(
      buildPreview(data, { period: november, dayRule: 'night' }).totals.feesPence,
    );
  });
});

describe('buildManagementPack --compare', () => {
  const build = () => buildManagementPack(data, { period: november, compare: october });

  it('October beside November, with the change', () => {
    const pack = build();
    const compare = pack.compare;
    expect(compare?.period).toEqual(october);
    // October: only su3 at Ash, 31 days at £150 = 465000; 3 rooms × 31 days.
    expect(compare?.homes[0]).toMatchObject({
      location: 'ash',
      feesPence: 465000,
      byFunding: [{ source: 'unspecified', pence: 465000 }],
      bedDaysOccupied: 31,
      residents: 1,
      bedDaysAvailable: 93,
      occupancyPermille: 333, // 31 000 / 93 = 333.33
      averageWeeklyFeePence: 105000, // 465000 × 7 / 31
      change: {
        feesPence: 403803,
        feesPermille: 868, // 403803 × 1000 / 465000 = 868.39
        occupancyPermille: 209, // 542 − 333: 20.9 points
        averageWeeklyFeePence: 30147, // 135147 − 105000
      },
    });
    expect(compare?.homes[1]).toMatchObject({
      location: 'birch',
      feesPence: 0,
      occupancyPermille: 0,
      averageWeeklyFeePence: null,
      change: {
        feesPence: 1000000,
        feesPermille: null,
        occupancyPermille: 611,
        averageWeeklyFeePence: null,
      },
    });
    expect(compare?.homes.map((h) => h.location)).toEqual(pack.homes.map((h) => h.location));
    expect(compare?.group.change.feesPence).toBe(1868803 - 465000);
  });

  it('leaves this period’s figures as they were', () => {
    const alone = buildManagementPack(data, { period: november });
    expect({ ...build(), compare: null }).toEqual(alone);
  });
});

describe('buildManagementPack: homes and rooms the data leaves open', () => {
  it('gathers bookings without a home under one entry, last, and warns', () => {
    const data = loaded(
      dataset({
        locations: [location('ash', { name: 'Ash House' })],
        rooms: [room('a1', { location: 'ash' })],
        bookings: [booking({ id: 'b1', location: null, ratePence: 70000 })],
      }),
    );
    const pack = buildManagementPack(data, { period: november });
    expect(pack.homes.map((h) => [h.location, h.name, h.feesPence])).toEqual([
      ['ash', 'Ash House', 0],
      [null, 'No home recorded', 300000],
    ]);
    expect(pack.warnings.map((w) => w.code)).toEqual(['BOOKING_WITHOUT_HOME']);
    // Residents stayed where no bed is on record: the group's beds cannot be counted.
    expect(pack.group).toMatchObject({ bedDaysAvailable: null, occupancyPermille: null });
  });

  it('names homes from bookings and rooms when locations.json has none', () => {
    const data = loaded(
      dataset({
        rooms: [room('r1', { location: 'loc9' })],
        bookings: [booking({ id: 'b1', location: 'loc1' })],
      }),
    );
    const pack = buildManagementPack(data, { period: november });
    expect(pack.homes.map((h) => [h.location, h.name, h.rooms])).toEqual([
      ['loc1', 'loc1', 0],
      ['loc9', 'loc9', 1],
    ]);
  });

  it('warns when occupied bed-days exceed the beds on record', () => {
    const data = loaded(
      dataset({
        serviceUsers: [serviceUser('su1'), serviceUser('su2')],
        rooms: [room('r1')],
        bookings: [
          booking({ id: 'b1', serviceUser: 'su1', room: 'r1' }),
          booking({ id: 'b2', serviceUser: 'su2', room: 'r1' }),
        ],
      }),
    );
    const pack = buildManagementPack(data, { period: november });
    expect(pack.homes[0]).toMatchObject({ bedDaysOccupied: 60, occupancyPermille: 2000 });
    expect(pack.warnings.map((w) => [w.code, w.id])).toEqual([['OCCUPANCY_ABOVE_ROOMS', 'loc1']]);
  });

  it('warns about an out-of-service booking without a room', () => {
    const data = loaded(
      dataset({
        rooms: [room('r1')],
        bookings: [booking({ id: 'oos', type: 'out_of_service', serviceUser: null, room: null })],
      }),
    );
    const pack = buildManagementPack(data, { period: november });
    expect(pack.homes[0]).toMatchObject({ bedDaysOutOfService: 0, bedDaysAvailable: 30 });
    expect(pack.warnings.map((w) => w.code)).toEqual(['OUT_OF_SERVICE_WITHOUT_ROOM']);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() =>
      buildManagementPack(data, { period: { from: november.to, to: november.from } }),
    ).toThrow(CarebillError);
    expect(() =>
      buildManagementPack(data, { period: { from: november.to, to: november.from } }),
    ).toThrow(expect.objectContaining({ code: 'REVERSED_RANGE', option: 'period' }));
  });

  it('checks every option in core: a bad compare period, day rule or key, and the load result', () => {
    const reversed = { from: november.to, to: november.from };
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof CarebillError) return [error.code, error.option];
      }
      return null;
    };
    expect(
      refused(() => buildManagementPack(data, { period: november, compare: reversed })),
    ).toEqual(['REVERSED_RANGE', 'compare']);
    expect(
      refused(() => buildManagementPack(data, { period: november, dayRule: 'noon' as never })),
    ).toEqual(['INVALID_OPTION', 'dayRule']);
    expect(
      refused(() => buildManagementPack(data, { period: november, compre: reversed } as never)),
    ).toEqual(['INVALID_OPTION', 'options.compre']);
    expect(refused(() => buildManagementPack(data.dataset as never, { period: november }))).toEqual(
      ['INVALID_OPTION', 'loaded'],
    );
    expect(
      refused(() => buildManagementPack(loadDataset({ bookings: '[' }), { period: november })),
    ).toEqual(['DATASET_ERRORS', 'loaded']);
    expect(
      refused(() => checkManagementPackOptions({ period: november, compare: reversed })),
    ).toEqual(['REVERSED_RANGE', 'compare']);
  });
});
