/**
 * SPEC §2.1 reports every problem, even in a load a DUPLICATE_ID stops: a broken room parks
 * whoever names it when another room has the same id and no problem, whichever comes first.
 */
import { describe, expect, it } from 'vitest';
import { booking, load } from '../../test/dataset-helpers.js';

describe('a broken room beside a clean one of the same id', () => {
  const broken = { _id: 'r1', name: ['Rose'] };
  const clean = { _id: 'r1', name: 'Rose' };

  it.each([
    ['broken first', [broken, clean]],
    ['clean first', [clean, broken]],
  ])('%s: the resident naming it is parked with the room’s error', (_order, rooms) => {
    const loaded = load({
      rooms,
      bookings: [booking({ _id: 'b1', service_user: 'su1', room: 'r1' })],
    });
    expect(loaded.errors.map((p) => p.code)).toEqual(['DUPLICATE_ID']);
    expect(
      loaded.parked.map((e) => [e.serviceUser, e.problems.map((p) => [p.code, p.id, p.field])]),
    ).toEqual([['su1', [['BAD_VALUE', 'r1', 'name']]]]);
  });
});
