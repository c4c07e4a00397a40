/**
 * SPEC §11 rule by rule: every boundary of the pack's figures (occupied and out-of-service
 * bed-days at the ends of the period and under each day rule, the nulls where nothing can
 * be said, the change against a compared period), which homes are listed and how, and each
 * warning in its words. The hand-worked group is in pack.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  booking,
  contract,
  d,
  dataset,
  loaded,
  location,
  room,
  serviceUser,
  serviceUserContact,
} from '../../test/builders.js';
import type { Booking, Dataset } from '../dataset/model.js';
import { CarebillError } from '../errors/carebill-error.js';
import { changeBetween } from './figures.js';
import { buildManagementPack } from './pack.js';
import type { ManagementPackOptions, PackFigures } from './types.js';

const NOV = { from: d('2024-11-01'), to: d('2024-11-30') };
const OCT = { from: d('2024-10-01'), to: d('2024-10-31') };

/** One home (loc1, Rectory House) with `rooms` rooms r1…, and the bookings given. */
function home(bookings: Booking[], rooms = 1, more: Partial<Parameters<typeof dataset>[0]> = {}) {
  return dataset({
    locations: [location('loc1')],
    rooms: Array.from({ length: rooms }, (_, i) => room(`r${i + 1}`)),
    serviceUsers: [serviceUser('su1'), serviceUser('su2')],
    bookings,
    ...more,
  });
}
const pack = (data: Dataset, options: Partial<ManagementPackOptions> = {}, parked: string[] = []) =>
  buildManagementPack(loaded(data, parked), { period: NOV, ...options });
const stay = (fields: Partial<Booking> & { id: string }) =>
  booking({ serviceUser: 'su1', room: 'r1', ratePence: 7000, ratePeriod: 'daily', ...fields });
const outOfService = (fields: Partial<Booking> & { id: string }) =>
  booking({ type: 'out_of_service', serviceUser: null, room: 'r1', ratePence: 0, ...fields });

describe('SPEC §11 bed_days_occupied: the days of the period a live booking is billable, under the day rule', () => {
  it('a stay starting on the period’s last day occupies 1 day; one after it, none', () => {
    expect(pack(home([stay({ id: 'b', startDate: NOV.to })])).homes[0]?.bedDaysOccupied).toBe(1);
    expect(
      pack(home([stay({ id: 'b', startDate: d('2024-12-01') })])).homes[0]?.bedDaysOccupied,
    ).toBe(0);
  });

  it('a stay ending on the period’s first day occupies 1 day under the day rule, none under night', () => {
    const data = home([stay({ id: 'b', startDate: d('2024-10-01'), endDate: NOV.from })]);
    expect(pack(data).homes[0]).toMatchObject({ bedDaysOccupied: 1, residents: 1 });
    // Under night the last night is not billed: nothing in November, and no resident.
    expect(pack(data, { dayRule: 'night' }).homes[0]).toMatchObject({
      bedDaysOccupied: 0,
      residents: 0,
    });
    expect(pack(data, { dayRule: 'night' }).group).toMatchObject({
      bedDaysOccupied: 0,
      residents: 0,
    });
  });

  it('a stay ending the day before the period occupies nothing', () => {
    const data = home([stay({ id: 'b', startDate: d('2024-10-01'), endDate: d('2024-10-31') })]);
    expect(pack(data).group).toMatchObject({ bedDaysOccupied: 0, residents: 0 });
  });

  it('a cancelled stay occupies nothing; two overlapping stays of one resident count each day once', () => {
    const data = home([
      stay({ id: 'b1', endDate: d('2024-11-20') }),
      stay({ id: 'b2', startDate: d('2024-11-20') }), // the 20th twice
      stay({ id: 'b3', serviceUser: 'su2', cancelled: true }),
    ]);
    expect(pack(data).homes[0]).toMatchObject({ bedDaysOccupied: 30, residents: 1 });
  });

  it('a resident the charges park (two balance payers) occupies nothing', () => {
    const data = home([stay({ id: 'b' })], 1, {
      contracts: [contract({ id: 'c1' }), contract({ id: 'c2' })],
    });
    const parkedPack = pack(data);
    expect(parkedPack.group).toMatchObject({ bedDaysOccupied: 0, residents: 0 });
    expect(parkedPack.parked.map((p) => p.serviceUser)).toEqual(['su1']);
  });
});

describe('SPEC §11 bed_days_available: each room a bed each day, less the days out_of_service holds it', () => {
  it('an out-of-service booking from the period’s last day, or to its first, holds 1 day', () => {
    expect(
      pack(home([outOfService({ id: 'o', startDate: NOV.to })])).homes[0]?.bedDaysOutOfService,
    ).toBe(1);
    expect(
      pack(home([outOfService({ id: 'o', startDate: d('2024-10-01'), endDate: NOV.from })]))
        .homes[0]?.bedDaysOutOfService,
    ).toBe(1);
  });

  it('under night the room is back for the night of its end date; an open one holds to the period’s end', () => {
    const held = (endDate: string | null) =>
      pack(
        home([
          outOfService({
            id: 'o',
            startDate: d('2024-11-21'),
            endDate: endDate === null ? null : d(endDate),
          }),
        ]),
        { dayRule: 'night' },
      ).homes[0]?.bedDaysOutOfService;
    expect(held('2024-11-25')).toBe(4);
    expect(held(null)).toBe(10);
    expect(held('2024-11-21')).toBe(0);
  });

  it('a cancelled out-of-service booking holds nothing', () => {
    const data = home([outOfService({ id: 'o', cancelled: true })]);
    expect(pack(data).homes[0]).toMatchObject({ bedDaysOutOfService: 0, bedDaysAvailable: 30 });
  });

  it('every bed out of service all month: 0 available, so no occupancy', () => {
    const data = home([outOfService({ id: 'o' })]);
    expect(pack(data).homes[0]).toMatchObject({
      bedDaysOutOfService: 30,
      bedDaysAvailable: 0,
      occupancyPermille: null,
    });
  });

  it('a group with no rooms on record: its out-of-service and available bed-days are null', () => {
    const data = home([stay({ id: 'b' })], 0);
    expect(pack(data).group).toMatchObject({
      rooms: 0,
      bedDaysOutOfService: null,
      bedDaysAvailable: null,
      occupancyPermille: null,
      bedDaysOccupied: 30,
    });
  });

  it('occupied bed-days equal to the beds raise no warning; one more does', () => {
    const full = home([stay({ id: 'b' })]);
    expect(pack(full).homes[0]).toMatchObject({ bedDaysAvailable: 30, occupancyPermille: 1000 });
    expect(pack(full).warnings).toEqual([]);
    const over = home([
      stay({ id: 'b' }),
      stay({ id: 'b2', serviceUser: 'su2', startDate: NOV.to }),
    ]);
    expect(pack(over).warnings).toEqual([
      {
        severity: 'warning',
        code: 'OCCUPANCY_ABOVE_ROOMS',
        resource: 'locations',
        id: 'loc1',
        field: '',
        value: '31',
        message:
          'Rectory House had 31 occupied bed-days from 2024-11-01 to 2024-11-30 but only 30 available: its rooms in rooms.json are incomplete, rooms are shared, or residents stayed in rooms out of service; check the rooms and out-of-service bookings',
      },
    ]);
  });

  it('the compared period is checked too, in its own dates', () => {
    const data = home([
      stay({ id: 'b', startDate: d('2024-10-01') }),
      stay({ id: 'b2', serviceUser: 'su2', startDate: d('2024-10-31'), endDate: d('2024-10-31') }),
    ]);
    expect(pack(data, { compare: OCT }).warnings.map((w) => w.message)).toEqual([
      'Rectory House had 32 occupied bed-days from 2024-10-01 to 2024-10-31 but only 31 available: its rooms in rooms.json are incomplete, rooms are shared, or residents stayed in rooms out of service; check the rooms and out-of-service bookings',
    ]);
  });

  it('an out-of-service booking without a room is named, with its first day', () => {
    const data = home([outOfService({ id: 'o', room: null, startDate: d('2024-11-03') })]);
    expect(pack(data).warnings).toEqual([
      {
        severity: 'warning',
        code: 'OUT_OF_SERVICE_WITHOUT_ROOM',
        resource: 'bookings',
        id: 'o',
        field: 'room',
        value: 'null',
        message:
          'this out-of-service booking (from 2024-11-03) names no room, so no bed is taken out of the available bed-days; set the room in CareHQ',
      },
    ]);
  });
});

describe('SPEC §11 the homes listed', () => {
  it('by name, then id; a home with no name is named by its id', () => {
    const data = dataset({
      locations: [
        location('loc2', { name: 'Ash House' }),
        location('loc1', { name: 'Ash House' }),
        location('aaa', { name: '' }),
      ],
    });
    expect(pack(data).homes.map((h) => [h.location, h.name])).toEqual([
      ['loc1', 'Ash House'],
      ['loc2', 'Ash House'],
      ['aaa', 'aaa'], // code-unit order: capitals first
    ]);
  });

  it('a room naming no home, or a home not in locations.json, is a bed of none, with a warning', () => {
    const data = dataset({
      locations: [location('loc1')],
      rooms: [room('r1'), room('r2', { location: null }), room('r3', { location: 'loc9' })],
    });
    const p = pack(data);
    expect(p.homes.map((h) => [h.location, h.rooms])).toEqual([['loc1', 1]]);
    expect(p.warnings).toEqual([
      {
        severity: 'warning',
        code: 'ROOM_WITHOUT_HOME',
        resource: 'rooms',
        id: 'r2',
        field: 'location',
        value: 'null',
        message:
          'this room names no home (location), so its bed counts in no home’s available bed-days; set its location in CareHQ',
      },
      {
        severity: 'warning',
        code: 'ROOM_WITHOUT_HOME',
        resource: 'rooms',
        id: 'r3',
        field: 'location',
        value: '"loc9"',
        message:
          'this room names home loc9, which is not in locations.json, so its bed counts in no home’s available bed-days; correct the location or export the home too',
      },
    ]);
  });

  it('a booking naming no home is gathered under “No home recorded”, with a warning in its words', () => {
    const data = home([stay({ id: 'b', location: null, room: null })]);
    expect(pack(data).warnings).toEqual([
      {
        severity: 'warning',
        code: 'BOOKING_WITHOUT_HOME',
        resource: 'bookings',
        id: 'b',
        field: 'location',
        value: 'null',
        message:
          'this booking names no home (location), so its fees and bed-days are shown under "No home recorded" in the management pack; set its location in CareHQ',
      },
    ]);
  });
});

describe('SPEC §11 warnings and parked residents, once each', () => {
  it('a warning both periods raise is listed once', () => {
    // Two contacts could pay su1's days without a contract: AMBIGUOUS_DEFAULT_PAYER, in
    // October and again in November, word for word.
    const data = home([stay({ id: 'b', startDate: d('2024-10-01') })], 1, {
      serviceUserContacts: [
        serviceUserContact('k1', { serviceUser: 'su1' }),
        serviceUserContact('k2', { serviceUser: 'su1' }),
      ],
    });
    const p = pack(data, { compare: OCT });
    expect(p.warnings.map((w) => [w.code, w.id])).toEqual([['AMBIGUOUS_DEFAULT_PAYER', 'su1']]);
  });

  it('a parked resident’s problems are listed once each', () => {
    const problem = {
      severity: 'record' as const,
      code: 'TWO_BALANCE_PAYERS' as const,
      resource: 'billing-contracts' as const,
      id: 'c1',
      field: 'fee_contribution',
      value: 'null',
      message: 'Contracts c1 and c2 both pay the balance.',
    };
    const other = { ...problem, id: 'c2' };
    const result = buildManagementPack(
      {
        ...loaded(home([stay({ id: 'b' })]), ['su1']),
        parked: [{ serviceUser: 'su1', problems: [problem, other, problem] }],
      },
      { period: NOV },
    );
    expect(result.parked).toEqual([{ serviceUser: 'su1', problems: [problem, other] }]);
  });
});

describe('SPEC §11 options', () => {
  it('monthly52 bills a whole month of a weekly rate at 52/12 weeks, and is recorded', () => {
    const data = home([booking({ id: 'b', serviceUser: 'su1', room: 'r1' })]);
    expect(pack(data).group.feesPence).toBe(593803); // 138554 × 30 / 7
    const monthly = pack(data, { monthly52: true });
    expect([monthly.monthly52, monthly.group.feesPence]).toEqual([true, 600401]); // 138554 × 52 / 12
    expect(pack(data).monthly52).toBe(false);
    expect(pack(data, { monthly52: false }).monthly52).toBe(false);
  });

  it('monthly52 must be true or false; the day rule is day unless asked', () => {
    let error: unknown;
    try {
      pack(home([]), { monthly52: 'yes' as never });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CarebillError);
    expect([(error as CarebillError).code, (error as CarebillError).option]).toEqual([
      'INVALID_OPTION',
      'monthly52',
    ]);
    expect(pack(home([])).dayRule).toBe('day');
    expect(pack(home([]), { dayRule: 'night' }).dayRule).toBe('night');
  });
});

describe('SPEC §11 the change against a compared period', () => {
  const figures = (f: Partial<PackFigures>): PackFigures => ({
    feesPence: 0,
    byFunding: [],
    bedDaysOccupied: 0,
    residents: 0,
    rooms: 0,
    bedDaysOutOfService: null,
    bedDaysAvailable: null,
    occupancyPermille: null,
    averageWeeklyFeePence: null,
    ...f,
  });

  it('is null where either side is null; a share of the earlier fees only when there were fees', () => {
    expect(
      changeBetween(
        figures({ feesPence: 0, occupancyPermille: null, averageWeeklyFeePence: null }),
        figures({ feesPence: 1000, occupancyPermille: 500, averageWeeklyFeePence: 7000 }),
      ),
    ).toEqual({
      feesPence: -1000,
      feesPermille: -1000,
      occupancyPermille: null,
      averageWeeklyFeePence: null,
    });
    expect(
      changeBetween(
        figures({ feesPence: 1000, occupancyPermille: 500, averageWeeklyFeePence: 7000 }),
        figures({ feesPence: 0, occupancyPermille: 0, averageWeeklyFeePence: null }),
      ),
    ).toEqual({
      feesPence: 1000,
      feesPermille: null,
      occupancyPermille: 500,
      averageWeeklyFeePence: null,
    });
  });
});
