/**
 * SPEC §2.1 and §3.3 cross-record checks, where the sweep must remember the record that
 * reaches furthest: a stay or balance payer is compared with the one covering the latest
 * day so far, not merely the first, and records are compared in date order whatever the
 * order of the file.
 */
import { describe, expect, it } from 'vitest';
import { allProblems, booking, contract, load, pairedWith } from '../../test/dataset-helpers.js';

describe('overlapping live stays', () => {
  const b = (id: string, start: string, end: string | null) =>
    booking({ _id: id, start_date: start, end_date: end });

  it('a stay inside a later, longer one is found although it misses the first', () => {
    const loaded = load({
      bookings: [
        b('a', '2024-01-01', '2024-01-10'),
        b('b', '2024-01-11', '2024-03-01'),
        b('c', '2024-02-01', '2024-02-10'),
      ],
    });
    expect(pairedWith(loaded, /overlaps booking (\w+)/)).toEqual([
      ['b', 'c'],
      ['c', 'b'],
    ]);
  });
});

describe('two live balance payers', () => {
  const c = (id: string, start: string, end: string | null, location: string | null) =>
    contract({ _id: id, start_date: start, end_date: end, location });
  const OTHER = 'loc2';

  it('in a file out of date order, two that do not meet are no problem', () => {
    const loaded = load({
      'billing-contracts': [
        c('b', '2024-03-01', '2024-03-31', OTHER),
        c('a', '2024-01-01', '2024-01-31', OTHER),
      ],
    });
    expect(allProblems(loaded)).toEqual([]);
  });

  it.each([
    [
      'one at no home meets the contract at any home that reaches furthest',
      [
        c('a', '2024-01-01', '2024-01-31', OTHER),
        c('b', '2024-01-15', null, 'loc3'),
        c('c', '2024-03-01', null, null),
      ],
    ],
    [
      'one at a home meets the contract at no home that reaches furthest',
      [
        c('a', '2024-01-01', '2024-01-31', null),
        c('b', '2024-02-01', null, null),
        c('c', '2024-03-01', null, OTHER),
      ],
    ],
    [
      'one at a home meets the contract at that home that reaches furthest',
      [
        c('a', '2024-01-01', '2024-01-31', OTHER),
        c('b', '2024-02-01', null, OTHER),
        c('c', '2024-03-01', null, OTHER),
      ],
    ],
  ])('%s', (_rule, contracts) => {
    const loaded = load({ 'billing-contracts': contracts });
    expect(pairedWith(loaded, /contract (\w+) both/)).toEqual([
      ['b', 'c'],
      ['c', 'b'],
    ]);
  });
});
