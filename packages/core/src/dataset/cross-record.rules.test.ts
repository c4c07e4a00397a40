/**
 * Rules across records (SPEC §2.1): ids unique within a file, a resident's number of
 * contracts, and what a record error parks.
 */
import { describe, expect, it } from 'vitest';
import { allProblems, booking, codes, contract, load, SU } from '../../test/dataset-helpers.js';
import { formatDay, parseDay } from '../calendar/day.js';
import { MAX_CONTRACTS_PER_RESIDENT, MAX_ID_LENGTH } from './limits.js';

describe('duplicate ids', () => {
  it('an id at the length limit given twice is DUPLICATE_ID; an id over it is each record’s own error', () => {
    const atLimit = 'r'.repeat(MAX_ID_LENGTH);
    const dup = load({ rooms: [{ _id: atLimit }, { _id: atLimit }] });
    expect(dup.errors.map((p) => [p.code, p.id])).toEqual([['DUPLICATE_ID', atLimit]]);
    const over = 'r'.repeat(MAX_ID_LENGTH + 1);
    const long = load({ rooms: [{ _id: over }, { _id: over }] });
    expect(long.errors).toEqual([]);
    expect(codes(long)).toEqual([
      ['TEXT_TOO_LONG', 'rooms', '#0', '_id'],
      ['TEXT_TOO_LONG', 'rooms', '#1', '_id'],
    ]);
  });

  it('an empty id given twice is no DUPLICATE_ID: each record is missing its own _id', () => {
    const empty = load({ rooms: [{ _id: '' }, { _id: '' }] });
    expect(empty.errors).toEqual([]);
    expect(codes(empty)).toEqual([
      ['MISSING_FIELD', 'rooms', '#0', '_id'],
      ['MISSING_FIELD', 'rooms', '#1', '_id'],
    ]);
  });

  it('an id given three times is counted three times', () => {
    const loaded = load({ rooms: [{ _id: 'r' }, { _id: 'r' }, { _id: 'r' }, { _id: 's' }] });
    expect(loaded.errors.map((p) => p.message)).toEqual([
      '_id "r" appears 3 times in rooms.json; each record needs its own _id, so remove the duplicates or export the file again',
    ]);
  });
});

describe('contracts of one resident', () => {
  const day = (offset: number) => formatDay(((parseDay('2024-01-01') as number) + offset) as never);
  // Ids in the opposite order to start dates: c000 starts last.
  const many = (n: number, extra: Record<string, unknown> = {}) =>
    Array.from({ length: n }, (_, i) =>
      contract({
        _id: `c${String(i).padStart(3, '0')}`,
        start_date: day(n - i),
        fee_contribution: 100,
        fee_contribution_unit: 'week',
        location_contact: 'la',
        ...extra,
      }),
    );

  it('the error is on the first contract past the limit by start date, and names the resident', () => {
    const loaded = load({ 'billing-contracts': many(MAX_CONTRACTS_PER_RESIDENT + 1) });
    expect(allProblems(loaded).map((p) => [p.code, p.id, p.field, p.value, p.message])).toEqual([
      [
        'TOO_MANY_CONTRACTS',
        'c000',
        'service_user',
        JSON.stringify(SU),
        `resident "${SU}" has 101 billing contracts; carebill takes at most 100 a resident, so end or remove the old ones in CareHQ`,
      ],
    ]);
  });

  it('contracts of no resident (block beds) are not counted', () => {
    const loaded = load({
      'billing-contracts': many(MAX_CONTRACTS_PER_RESIDENT + 1, { service_user: null }),
    });
    expect(allProblems(loaded)).toEqual([]);
    expect(loaded.dataset.contracts).toHaveLength(MAX_CONTRACTS_PER_RESIDENT + 1);
  });
});

describe('what is kept', () => {
  it('a block booking with an error is left out; the other block bookings stay, in id order', () => {
    const loaded = load({
      bookings: [
        booking({ _id: 'b3', service_user: null, booking_type: 'block_contract' }),
        booking({ _id: 'b1', service_user: null, booking_type: 'block_contract', rate: 'x' }),
        booking({ _id: 'b2', service_user: null, booking_type: 'block_contract' }),
      ],
    });
    expect(loaded.dataset.bookings.map((b) => b.id)).toEqual(['b2', 'b3']);
    expect(loaded.parked.map((e) => [e.serviceUser, e.problems.map((p) => p.id)])).toEqual([
      [null, ['b1']],
    ]);
  });

  it('a parked resident’s valid records are left out with the bad one; others stay', () => {
    const loaded = load({
      bookings: [
        booking({ _id: 'b1', rate: 'x' }),
        booking({ _id: 'b2', service_user: 'other', start_date: '2024-01-01' }),
      ],
      'billing-contracts': [
        contract({ _id: 'c1' }),
        contract({ _id: 'c2', service_user: 'other' }),
      ],
      'care-funds': [
        { _id: 'f1', service_user: SU, opening_balance: 1, opening_balance_date: '2024-01-01' },
        {
          _id: 'f2',
          service_user: 'other',
          opening_balance: 1,
          opening_balance_date: '2024-01-01',
        },
      ],
    });
    expect([...loaded.parkedServiceUsers]).toEqual([SU]);
    expect(loaded.dataset.bookings.map((b) => b.id)).toEqual(['b2']);
    expect(loaded.dataset.contracts.map((c) => c.id)).toEqual(['c2']);
    expect(loaded.dataset.careFunds.map((f) => f.id)).toEqual(['f2']);
  });

  it('warnings of every resource are reported, sorted', () => {
    const loaded = load({
      rooms: [{ _id: 'r1', name: '=x' }],
      bookings: [booking({ respite: true })],
      locations: [{ _id: 'l1', name: '@x' }],
      'care-fund-types': [{ _id: 't1', name: '+x' }],
      'service-users': [{ _id: SU, first_name: '-x' }],
    });
    expect(loaded.warnings.map((p) => [p.resource, p.code])).toEqual([
      ['bookings', 'RESPITE_WITHOUT_END'],
      ['care-fund-types', 'FORMULA_TEXT'],
      ['locations', 'FORMULA_TEXT'],
      ['rooms', 'FORMULA_TEXT'],
      ['service-users', 'FORMULA_TEXT'],
    ]);
  });
});
