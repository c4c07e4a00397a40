/**
 * What a record error parks (SPEC §2.1: "Record errors park what they touch"): the
 * resident a record belongs to, a broken home, room or fund type's residents, and the
 * entries of records with no resident, in the report's order.
 */
import { describe, expect, it } from 'vitest';
import { booking, contract, LOC, load, SU } from '../../test/dataset-helpers.js';
import { MAX_ID_LENGTH } from './limits.js';
import type { LoadedDataset } from './load-types.js';

/** [resident, [resource/id/field of each problem]] of every parked entry. */
function parkedOf(loaded: LoadedDataset): [string | null, string[]][] {
  return loaded.parked.map((e) => [
    e.serviceUser,
    e.problems.map((p) => `${p.resource}/${p.id}/${p.field}`),
  ]);
}

describe('the resident a record belongs to', () => {
  it('a service_user at the id length limit is the resident parked; one over it parks the record on its own', () => {
    const atLimit = 's'.repeat(MAX_ID_LENGTH);
    const at = load({ bookings: [booking({ _id: 'b1', service_user: atLimit, rate: 'x' })] });
    expect(parkedOf(at)).toEqual([[atLimit, ['bookings/b1/rate']]]);
    expect([...at.parkedServiceUsers]).toEqual([atLimit]);

    const over = load({
      bookings: [booking({ _id: 'b1', service_user: `${atLimit}s`, rate: 'x' })],
    });
    expect(parkedOf(over)).toEqual([[null, ['bookings/b1/rate', 'bookings/b1/service_user']]]);
    expect([...over.parkedServiceUsers]).toEqual([]);
  });

  it('a service user with an error parks itself under its _id; one without an _id is an entry of its own', () => {
    const loaded = load({
      'service-users': [{ _id: SU, first_name: ['Margaret'] }, { first_name: 'Nobody' }],
    });
    expect(parkedOf(loaded)).toEqual([
      [SU, [`service-users/${SU}/first_name`]],
      [null, ['service-users/#1/_id']],
    ]);
    expect([...loaded.parkedServiceUsers]).toEqual([SU]);
  });

  it('warnings park nothing', () => {
    const loaded = load({ bookings: [booking({ respite: true })] });
    expect(loaded.warnings.map((p) => p.code)).toEqual(['RESPITE_WITHOUT_END']);
    expect(loaded.parked).toEqual([]);
    expect(loaded.dataset.bookings).toHaveLength(1);
  });
});

describe('a broken home, room or fund type parks whoever names it', () => {
  it('a broken home parks the residents of the bookings and contracts naming it, each with the home’s problem', () => {
    const loaded = load({
      locations: [{ _id: LOC, name: ['Rectory'] }],
      bookings: [booking({ _id: 'b1', service_user: 'su1' })],
      'billing-contracts': [contract({ _id: 'c2', service_user: 'su2' })],
    });
    expect(parkedOf(loaded)).toEqual([
      ['su1', [`locations/${LOC}/name`]],
      ['su2', [`locations/${LOC}/name`]],
    ]);
    expect(loaded.dataset.bookings).toEqual([]);
    expect(loaded.dataset.contracts).toEqual([]);
  });

  it('a broken fund type parks the residents of the funds naming it', () => {
    const loaded = load({
      'care-fund-types': [{ _id: 't1', name: 'Deposit', days_before_notification: 'soon' }],
      'care-funds': [
        {
          _id: 'f1',
          service_user: 'su1',
          care_fund_type: 't1',
          opening_balance: 100,
          opening_balance_date: '2024-01-01',
        },
      ],
    });
    expect(parkedOf(loaded)).toEqual([['su1', ['care-fund-types/t1/days_before_notification']]]);
    expect(loaded.dataset.careFunds).toEqual([]);
  });

  it('a broken record named by nobody is an entry of its own; a reference that is not text names nothing', () => {
    const loaded = load({
      rooms: [{ _id: 'r1', name: ['Rose'] }],
      bookings: [booking({ _id: 'b1', service_user: 'su1', room: ['r1'] })],
    });
    expect(parkedOf(loaded)).toEqual([
      ['su1', ['bookings/b1/room']],
      [null, ['rooms/r1/name']],
    ]);
  });
});

describe('the report’s order of parked entries', () => {
  it('residents by id, then records without one by resource, then by id', () => {
    const loaded = load({
      bookings: [
        booking({ _id: 'b9', service_user: null, booking_type: 'block_contract', rate: 'x' }),
        booking({ _id: 'b2', service_user: null, booking_type: 'block_contract', rate: 'x' }),
        booking({ _id: 'b5', service_user: 'su-b', rate: 'x' }),
        booking({ _id: 'b6', service_user: 'su-a', rate: 'x' }),
      ],
      'location-contacts': [{ _id: 'a-lc', company_name: ['Council'] }],
    });
    expect(loaded.parked.map((e) => [e.serviceUser, e.problems[0]?.id])).toEqual([
      ['su-a', 'b6'],
      ['su-b', 'b5'],
      [null, 'b2'],
      [null, 'b9'],
      [null, 'a-lc'],
    ]);
    expect([...loaded.parkedServiceUsers]).toEqual(['su-a', 'su-b']);
  });
});
