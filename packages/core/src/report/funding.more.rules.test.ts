/**
 * SPEC §11 `by_funding`, the rules funding.ts keeps beyond pack.rules.test.ts: sources whose
 * total is 0 are left out, and "the parts add up to `fees_pence` exactly" is checked on
 * every run — charges whose parts do not add up (a bug, never bad data) throw `INTERNAL`
 * naming the home and both sums. Each test builds its own data.
 */
import { describe, expect, it } from 'vitest';
import { booking, contract, d, dataset, location, locationContact } from '../../test/builders.js';
import { type Charges, computeCharges } from '../charges/compute.js';
import type { Booking, Dataset } from '../dataset/model.js';
import { groupFiguresOf } from './figures.js';
import { feesByHome, sortedShares } from './funding.js';
import type { PackFigures } from './types.js';

const NOV = { from: d('2024-11-01'), to: d('2024-11-30') };
const SUFFIX = ' (a bug in carebill: please report it with the input that caused it)';

/**
 * su1 at `where`, all November at £70/day = 210000. An FNC contract of £70/week whose payer's
 * billing is not enabled: 7000 × 30 / 7 = 30000 unbilled, under `fnc`. Nobody pays the
 * balance: 180000 unallocated.
 */
function fncAndNoPayer(where: Partial<Booking> = {}): { data: Dataset; charges: Charges } {
  const data = dataset({
    locations: [location('loc1')],
    locationContacts: [locationContact('nhs', { billingEnabled: false })],
    bookings: [
      booking({ id: 'b', serviceUser: 'su1', ratePence: 7000, ratePeriod: 'daily', ...where }),
    ],
    contracts: [
      contract({
        id: 'c-fnc',
        contributionType: 'fnc',
        feeContributionPence: 7000,
        payer: { kind: 'location_contact', id: 'nhs' },
      }),
    ],
  });
  return { data, charges: computeCharges(data, new Set(), NOV, { dayRule: 'day' }) };
}

describe('SPEC §11 by_funding: every penny of a home’s fees under who bears it', () => {
  it('an unbilled contract line under its contract’s type; what nobody pays under unallocated', () => {
    const { data, charges } = fncAndNoPayer();
    const home = feesByHome(data, charges).get('loc1');
    expect(home?.feesPence).toBe(210000);
    expect(sortedShares(home?.bySource ?? new Map())).toEqual([
      { source: 'unallocated', pence: 180000 },
      { source: 'fnc', pence: 30000 },
    ]);
  });

  it('a source whose total is 0 is left out', () => {
    expect(
      sortedShares(
        new Map([
          ['fnc', 100],
          ['private', 300],
          ['top_up', 0],
        ]),
      ),
    ).toEqual([
      { source: 'private', pence: 300 },
      { source: 'fnc', pence: 100 },
    ]);
  });

  it('the group leaves out a source that nets to 0 over its homes (unallocated +500 and −500)', () => {
    const home = (byFunding: PackFigures['byFunding'], feesPence: number): PackFigures => ({
      feesPence,
      byFunding,
      bedDaysOccupied: 0,
      residents: 0,
      rooms: 0,
      bedDaysOutOfService: null,
      bedDaysAvailable: null,
      occupancyPermille: null,
      averageWeeklyFeePence: null,
    });
    const group = groupFiguresOf(
      [
        home(
          [
            { source: 'private', pence: 1000 },
            { source: 'unallocated', pence: 500 },
          ],
          1500,
        ),
        home(
          [
            { source: 'local_authority', pence: 2000 },
            { source: 'unallocated', pence: -500 },
          ],
          1500,
        ),
      ],
      { bedDaysOccupied: 0, residents: 0 },
    );
    expect(group.feesPence).toBe(3000);
    expect(group.byFunding).toEqual([
      { source: 'local_authority', pence: 2000 },
      { source: 'private', pence: 1000 },
    ]);
  });
});

describe('SPEC §11 the parts add up to fees_pence exactly: checked on every run, a difference is a bug', () => {
  it('a home whose sources do not add up to its fees: INTERNAL, naming the home and both sums', () => {
    const { data, charges } = fncAndNoPayer();
    const [entry] = charges.unallocated;
    const short = { ...charges, unallocated: [{ ...entry, amountPence: 179999 }] } as Charges;
    expect(() => feesByHome(data, short)).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: `pack does not conserve fees: home loc1 has fees 210000 but its funding sources add to 209999${SUFFIX}`,
      }),
    );
  });

  it('the entry of bookings naming no home is named “(none)”', () => {
    const { data, charges } = fncAndNoPayer({ location: null });
    const [entry] = charges.unbilled;
    const over = { ...charges, unbilled: [{ ...entry, amountPence: 30001 }] } as Charges;
    expect(() => feesByHome(data, over)).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: `pack does not conserve fees: home (none) has fees 210000 but its funding sources add to 210001${SUFFIX}`,
      }),
    );
  });

  it('homes whose fees do not add up to the period’s fees: INTERNAL, with both sums', () => {
    const { data, charges } = fncAndNoPayer();
    expect(() => feesByHome(data, { ...charges, feesPence: 210001 })).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: `pack does not conserve fees: homes add to 210000, the period's fees are 210001${SUFFIX}`,
      }),
    );
  });

  it('an unbilled entry naming a contract the dataset does not hold: INTERNAL', () => {
    const { data, charges } = fncAndNoPayer();
    const [entry] = charges.unbilled;
    const unknown = { ...charges, unbilled: [{ ...entry, contract: 'c9' }] } as Charges;
    expect(() => feesByHome(data, unknown)).toThrow(
      expect.objectContaining({
        code: 'INTERNAL',
        message: `pack: unbilled contract c9 unknown${SUFFIX}`,
      }),
    );
  });

  it('an unbilled or unallocated entry of a booking with no fee: INTERNAL, naming the booking', () => {
    const { data, charges } = fncAndNoPayer();
    expect(() => feesByHome(data, { ...charges, feesByBooking: new Map(), feesPence: 0 })).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: `pack: booking b has no fee${SUFFIX}` }),
    );
    expect(() =>
      feesByHome(data, { ...charges, unbilled: [], feesByBooking: new Map(), feesPence: 0 }),
    ).toThrow(
      expect.objectContaining({ code: 'INTERNAL', message: `pack: booking b has no fee${SUFFIX}` }),
    );
  });
});
