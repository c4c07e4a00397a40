/**
 * SPEC §9 candidates from the runway (§5): each resident's upper-limit date, council notice
 * date and `overdue` flag as the runway computes them, and the weekly fee the description
 * quotes — what the resident's bookings cost over the seven days from T.
 */
import { describe, expect, it } from 'vitest';
import {
  booking,
  careFund,
  contract,
  d,
  dataset,
  loaded,
  serviceUser,
} from '../../test/builders.js';
import { type Day, formatDay } from '../calendar/day.js';
import type { Dataset } from '../dataset/model.js';
import { referralCandidatesFromRunway } from './from-runway.js';

const fmt = (day: Day | null) => (day === null ? null : formatDay(day));

/**
 * £50,000 from 1 Nov 2024 at £1,385.54 a week (runway.test.ts): below £23,250 on
 * 16 Mar 2025, so the council must be told by 16 Dec 2024.
 */
function fiftyThousand(extra: { bookings?: Parameters<typeof booking>[0][] } = {}): Dataset {
  return dataset({
    bookings: [
      booking({ id: 'b1', startDate: d('2024-11-01'), ratePence: 138554 }),
      ...(extra.bookings ?? []).map(booking),
    ],
    careFunds: [
      careFund({ id: 'f1', openingBalancePence: 5000000, openingBalanceDate: d('2024-11-01') }),
    ],
    serviceUsers: [
      serviceUser('su1', { firstName: 'Ada', lastName: 'Lovelace' }),
      serviceUser('su2', { firstName: 'Bea', lastName: 'Brown' }),
    ],
  });
}

const candidates = (data: Dataset, asOf: string, region: 'england' | 'scotland' = 'england') =>
  referralCandidatesFromRunway(loaded(data), { asOf: d(asOf), region }).map((c) => ({
    ...c,
    upperLimitDate: fmt(c.upperLimitDate),
    notifyCouncilBy: fmt(c.notifyCouncilBy),
  }));

describe('SPEC §9 referral candidates come from the runway at T', () => {
  it('a notice date on T is not overdue; the weekly fee of a weekly booking is its rate', () => {
    expect(candidates(fiftyThousand(), '2024-12-16')).toEqual([
      {
        serviceUser: 'su1',
        upperLimitDate: '2025-03-16',
        notifyCouncilBy: '2024-12-16',
        overdue: false,
        weeklyFeePence: 138554,
      },
    ]);
  });

  it('a notice date already past is T, overdue', () => {
    expect(candidates(fiftyThousand(), '2024-12-17')[0]).toMatchObject({
      notifyCouncilBy: '2024-12-17',
      overdue: true,
    });
  });

  it('the region’s upper limit is the one compared (Scotland £35,500)', () => {
    // £14,500 above the limit at £197.93 a day (1385.54 / 7) lasts 73.26 days from 1 Nov:
    // below £35,500 at the end of the 74th day, 13 Jan 2025.
    expect(candidates(fiftyThousand(), '2024-11-22', 'scotland')[0]).toMatchObject({
      upperLimitDate: '2025-01-13',
    });
  });

  it('the weekly fee is the seven days from T: a stay ending on T+2 is its days 46–48', () => {
    // Cum anchored at the booking's first day (SPEC §3.2): Cum(48) − Cum(45) =
    // 950085 − 890704 = 59381.
    const data = fiftyThousand();
    const ending = { ...data, bookings: [booking({ id: 'b1', endDate: d('2024-12-18') })] };
    expect(candidates(ending, '2024-12-16')[0]?.weeklyFeePence).toBe(59381);
  });

  it('every booking of the resident adds up; another resident’s booking does not count', () => {
    const data = fiftyThousand({
      bookings: [
        // a second, daily stay of su1 from T+5: 2 days at £10
        { id: 'b2', startDate: d('2024-12-21'), ratePence: 1000, ratePeriod: 'daily' },
        // su2 has no fund, so is not a candidate; their fee is not su1's
        { id: 'b3', serviceUser: 'su2', startDate: d('2024-11-01') },
      ],
    });
    expect(candidates(data, '2024-12-16').map((c) => [c.serviceUser, c.weeklyFeePence])).toEqual([
      ['su1', 138554 + 2000],
    ]);
  });

  it('no stay billed in the seven days from T: no weekly fee (null, not 0)', () => {
    const data = fiftyThousand();
    const ended = { ...data, bookings: [booking({ id: 'b1', endDate: d('2024-12-15') })] };
    expect(candidates(ended, '2024-12-16')[0]?.weeklyFeePence).toBeNull();
  });

  it('a stay whose contracts cannot be split (two balance payers) quotes no weekly fee', () => {
    const data = fiftyThousand();
    const conflicting = {
      ...data,
      contracts: [contract({ id: 'k1' }), contract({ id: 'k2' })],
    };
    const [candidate] = candidates(conflicting, '2024-12-16');
    expect(candidate?.serviceUser).toBe('su1');
    expect(candidate?.weeklyFeePence).toBeNull();
  });
});
