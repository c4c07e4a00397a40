/**
 * SPEC §11 bed-days counted once a day, whatever the order the bookings come in: the
 * dataset lists bookings in `_id` order, not in day order, and out-of-service spells of
 * one room may lie one inside another. Each test builds its own data.
 */
import { describe, expect, it } from 'vitest';
import { booking, d, dataset, loaded, location, room, serviceUser } from '../../test/builders.js';
import type { Booking } from '../dataset/model.js';
import { buildManagementPack } from './pack.js';

const NOV = { from: d('2024-11-01'), to: d('2024-11-30') };

function pack(bookings: Booking[]) {
  const data = dataset({
    locations: [location('loc1')],
    rooms: [room('r1'), room('r2')],
    serviceUsers: [serviceUser('su1')],
    bookings,
  });
  return buildManagementPack(loaded(data), { period: NOV });
}

describe('SPEC §11 bed_days_occupied: each day a resident is billable, once', () => {
  it('stays listed later first (b1 from 21 Nov, b2 1–10 Nov) occupy 10 + 10 days', () => {
    const p = pack([
      booking({ id: 'b1', room: 'r1', startDate: d('2024-11-21') }),
      booking({ id: 'b2', room: 'r2', startDate: NOV.from, endDate: d('2024-11-10') }),
    ]);
    expect(p.homes[0]).toMatchObject({ bedDaysOccupied: 20, residents: 1 });
    expect(p.group).toMatchObject({ bedDaysOccupied: 20, residents: 1 });
  });
});

describe('SPEC §11 bed_days_out_of_service: the days a room is held, once', () => {
  it('a spell inside another (1–30 Nov, then 5–10 Nov) holds the room 30 days, not 10', () => {
    const outOfService = (id: string, from: string, to: string) =>
      booking({
        id,
        type: 'out_of_service',
        serviceUser: null,
        room: 'r1',
        startDate: d(from),
        endDate: d(to),
        ratePence: 0,
      });
    const p = pack([
      outOfService('o1', '2024-11-01', '2024-11-30'),
      outOfService('o2', '2024-11-05', '2024-11-10'),
    ]);
    expect(p.homes[0]).toMatchObject({ bedDaysOutOfService: 30, bedDaysAvailable: 30 });
  });
});
