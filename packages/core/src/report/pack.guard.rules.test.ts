/**
 * SPEC §11 "the parts add up to `fees_pence` exactly", checked once more on the pack's own
 * figures — every home, the group, and both again for a compared period — so that a bug
 * after funding.ts's check (the sorting and zero-dropping of `sortedShares`, the group's
 * sums) throws `INTERNAL` rather than prints. The bug is planted: `sortedShares` is wrapped
 * to lose the smallest share of any figures with `fault.from` sources or more.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { booking, d, dataset, loaded, location, serviceUser } from '../../test/builders.js';
import type { Booking } from '../dataset/model.js';
import { buildManagementPack } from './pack.js';

const fault = vi.hoisted(() => ({ from: Number.POSITIVE_INFINITY }));

vi.mock('./funding.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./funding.js')>();
  return {
    ...actual,
    sortedShares: (bySource: ReadonlyMap<string, number>) => {
      const shares = actual.sortedShares(bySource);
      return shares.length >= fault.from ? shares.slice(0, -1) : shares;
    },
  };
});

afterEach(() => {
  fault.from = Number.POSITIVE_INFINITY;
});

const NOV = { from: d('2024-11-01'), to: d('2024-11-30') };
const OCT = { from: d('2024-10-01'), to: d('2024-10-31') };
const SUFFIX = ' (a bug in carebill: please report it with the input that caused it)';

/**
 * Two homes of one source each: su1 at loc1 pays for themself at £70/day (`private`); su2 at
 * loc2, £50/day, has nobody to bill (`unallocated`) and stays only `su2Days`. So only a group
 * with su2 has two sources.
 */
function twoHomes(su2Days: Pick<Booking, 'startDate' | 'endDate'>) {
  return loaded(
    dataset({
      locations: [location('loc1', { name: 'Ash' }), location('loc2', { name: 'Birch' })],
      serviceUsers: [serviceUser('su1', { billingEnabled: true }), serviceUser('su2')],
      bookings: [
        booking({
          id: 'b1',
          serviceUser: 'su1',
          startDate: OCT.from,
          ratePence: 7000,
          ratePeriod: 'daily',
        }),
        booking({
          id: 'b2',
          serviceUser: 'su2',
          location: 'loc2',
          ratePence: 5000,
          ratePeriod: 'daily',
          ...su2Days,
        }),
      ],
    }),
  );
}

describe('SPEC §11 by_funding adds up to fees_pence, or the pack is not built', () => {
  it('unplanted, the group’s two sources add up: 210000 private + 150000 unallocated', () => {
    const pack = buildManagementPack(twoHomes({ startDate: NOV.from, endDate: null }), {
      period: NOV,
    });
    expect(pack.group.feesPence).toBe(360000);
    expect(pack.group.byFunding).toEqual([
      { source: 'private', pence: 210000 },
      { source: 'unallocated', pence: 150000 },
    ]);
  });

  it('the group’s figures losing a share: INTERNAL, with the fees and what they split as', () => {
    fault.from = 2;
    const data = twoHomes({ startDate: NOV.from, endDate: null });
    expect(() => buildManagementPack(data, { period: NOV })).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: `pack does not conserve fees: 360000 split as 210000${SUFFIX}`,
      }),
    );
  });

  it('the compared period’s group losing a share: INTERNAL too (31 × 7000 + 31 × 5000)', () => {
    fault.from = 2;
    const data = twoHomes({ startDate: OCT.from, endDate: OCT.to });
    // This period's group has one source (su2 left in October), so it is sound.
    expect(buildManagementPack(data, { period: NOV }).group.byFunding).toEqual([
      { source: 'private', pence: 210000 },
    ]);
    expect(() => buildManagementPack(data, { period: NOV, compare: OCT })).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: `pack does not conserve fees: 372000 split as 217000${SUFFIX}`,
      }),
    );
  });
});
