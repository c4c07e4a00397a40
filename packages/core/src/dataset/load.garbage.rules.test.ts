/**
 * Rules whose code was reworked to allocate less per record (docs/performance.md, "Group
 * load + validate: less garbage per record"): the same answers as the plain reading of
 * SPEC §2 and §2.1, checked against it here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allProblems, booking, load, SU } from '../../test/dataset-helpers.js';
import { propertyRuns } from '../../test/property-runs.js';
import { parseDay } from '../calendar/day.js';
import { isTimestamp } from './fields.js';

/** SPEC §2's timestamp in its plainest words: a real date, then optionally HH:MM:SS in range. */
function plainTimestamp(text: string): boolean {
  const match = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (match === null || parseDay(match[1] as string) === undefined) return false;
  if (match[2] === undefined) return true;
  return Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

describe('SPEC §2 timestamps, read in place', () => {
  const digit = fc.constantFrom(...'0123456789');
  const two = fc.tuple(digit, digit).map((d) => d.join(''));
  /** A zero-padded number from 0 to `max`: the parts sit at and either side of each range's ends. */
  const padded = (width: number, max: number) =>
    fc.integer({ min: 0, max }).map((n) => String(n).padStart(width, '0'));
  const part = (width: number, max: number) =>
    fc.oneof(padded(width, max), width === 2 ? two : padded(4, 9999));
  const shaped = fc
    .tuple(
      part(4, 9999),
      part(2, 13),
      part(2, 32),
      fc.option(fc.tuple(part(2, 25), part(2, 61), part(2, 61)), { nil: null }),
    )
    .map(([year, month, day, time]) => {
      const date = `${year}-${month}-${day}`;
      return time === null ? date : `${date} ${time.join(':')}`;
    });
  const near = fc.string({ unit: fc.constantFrom(...'0123456789-: T'), maxLength: 22 });

  it('is the plain reading on text shaped like a timestamp, and on text near that shape', () => {
    fc.assert(
      fc.property(fc.oneof(shaped, near), (text) => {
        expect(isTimestamp(text)).toBe(plainTimestamp(text));
      }),
      { numRuns: propertyRuns(5000) },
    );
  });

  it.each([
    ['2024-02-29 12:00:00', true],
    ['2023-02-29 12:00:00', false],
    ['2024-04-31', false],
    ['0000-01-01', false],
    ['9999-12-31 23:59:59', true],
    ['2024-11-01 24:00:00', false],
    ['2024-11-01 23:60:00', false],
    ['2024-11-01 23:59:60', false],
    ['2024-11-01 23:59:59 ', false],
    ['2024-11-01\n', false],
  ])('%j ⇒ %s', (text, expected) => {
    expect(isTimestamp(text)).toBe(expected);
  });
});

describe('SPEC §2.1 parking: a record named by a check across records', () => {
  it('parks its resident, with the errors of the resident’s other records; another resident stays', () => {
    const loaded = load({
      bookings: [
        booking({ _id: 'b1', start_date: '2024-01-01' }),
        booking({ _id: 'b2', start_date: '2024-02-01' }),
        booking({ _id: 'b3', service_user: 'other', start_date: '2024-01-01' }),
        booking({ _id: 'b4', start_date: '2020-01-01', end_date: '2020-12-31', rate: '1385.54' }),
      ],
    });
    expect(loaded.parked.map((entry) => entry.serviceUser)).toEqual([SU]);
    expect(loaded.parked[0]?.problems.map((p) => [p.code, p.id])).toEqual([
      ['OVERLAPPING_BOOKINGS', 'b1'],
      ['OVERLAPPING_BOOKINGS', 'b2'],
      ['BAD_MONEY', 'b4'],
    ]);
    expect(loaded.dataset.bookings.map((b) => b.id)).toEqual(['b3']);
    expect(allProblems(loaded).filter((p) => p.severity === 'warning')).toEqual([]);
  });
});
