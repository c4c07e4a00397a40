/**
 * SPEC §2 bookings: a proposed checkout is a last day like `end_date`, so one before the
 * start is refused, the message naming both fields and both dates.
 */
import { describe, expect, it } from 'vitest';
import { allProblems, booking, load } from '../../test/dataset-helpers.js';

describe('proposed_checkout_date before start_date', () => {
  it('is END_BEFORE_START on proposed_checkout_date, naming start_date and both dates', () => {
    const loaded = load({
      bookings: [booking({ respite: true, proposed_checkout_date: '2022-08-01' })],
    });
    expect(allProblems(loaded).map((p) => [p.code, p.field, p.message])).toEqual([
      [
        'END_BEFORE_START',
        'proposed_checkout_date',
        'proposed_checkout_date 2022-08-01 is before start_date 2022-08-12; correct one of the dates (the end is the last day, included)',
      ],
    ]);
  });
});
