import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type RunwayCase, runwayCaseArb } from '../../test/arbitraries.js';
import { loaded } from '../../test/builders.js';
import { projectRunwayDaily } from '../../test/runway-reference.js';
import type { Day } from '../calendar/day.js';
import type { RunwayOptions } from './options.js';
import { projectRunway } from './project.js';

const none = new Set<string>();
const optionsOf = (c: RunwayCase): RunwayOptions => ({
  asOf: c.asOf,
  months: c.months,
  limits: c.limits,
  ...(c.uplift ? { uplift: c.uplift } : {}),
});

describe('runway invariants (fast-check)', () => {
  it('closed form equals the day-by-day simulation', () => {
    fc.assert(
      fc.property(runwayCaseArb, (c) => {
        const fast = projectRunway(loaded(c.data), optionsOf(c));
        const slow = projectRunwayDaily(c.data, none, optionsOf(c));
        expect(fast.horizonEnd).toBe(slow.horizonEnd);
        expect(
          fast.funds.map((f) => ({
            id: f.id,
            balanceAsOfPence: f.balanceAsOfPence,
            depletionDate: f.depletionDate,
            monthly: f.monthly.map((m) => m.closingBalancePence),
          })),
        ).toEqual(slow.funds);
        const residents = [...fast.serviceUsers].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(
          residents.map((r) => ({
            id: r.id,
            totalAsOfPence: r.totalAsOfPence,
            upperLimitDate: r.upperLimitDate,
            lowerLimitDate: r.lowerLimitDate,
            monthly: r.monthly.map((m) => m.closingBalancePence),
          })),
        ).toEqual(slow.serviceUsers);
      }),
      { numRuns: 150 },
    );
  });

  it('a balance never rises, never goes below zero, and is 0 from the depletion date', () => {
    fc.assert(
      fc.property(runwayCaseArb, (c) => {
        const slow = projectRunwayDaily(c.data, none, optionsOf(c));
        const fast = projectRunway(loaded(c.data), optionsOf(c));
        for (const fund of fast.funds) {
          const daily = slow.balances.get(fund.id)!;
          // Plain comparisons (one expect per fund): thousands of days per case.
          let previous = Number.POSITIVE_INFINITY;
          let rose = 0;
          let negative = 0;
          for (const balance of daily.values()) {
            if (balance > previous) rose++;
            if (balance < 0) negative++;
            previous = balance;
          }
          expect({ fund: fund.id, rose, negative }).toEqual({
            fund: fund.id,
            rose: 0,
            negative: 0,
          });
          const months = fund.monthly.map((m) => m.closingBalancePence);
          for (let i = 1; i < months.length; i++) {
            expect(months[i]).toBeLessThanOrEqual(months[i - 1]!);
          }
          if (fund.depletionDate !== null && fund.openingBalancePence >= 0) {
            expect(daily.get(fund.depletionDate) ?? 0).toBe(0);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('a higher rate never lengthens a runway', () => {
    const never = Number.POSITIVE_INFINITY;
    fc.assert(
      fc.property(runwayCaseArb, fc.integer({ min: 0, max: 50_000 }), (c, extra) => {
        const dearer = {
          ...c.data,
          bookings: c.data.bookings.map((b) => ({ ...b, ratePence: b.ratePence + extra })),
        };
        const before = projectRunway(loaded(c.data), optionsOf(c));
        const after = projectRunway(loaded(dearer), optionsOf(c));
        before.funds.forEach((f, i) => {
          const g = after.funds[i]!;
          expect(g.id).toBe(f.id);
          expect(g.depletionDate ?? never).toBeLessThanOrEqual(f.depletionDate ?? never);
          expect(g.balanceAsOfPence).toBeLessThanOrEqual(f.balanceAsOfPence);
        });
        before.serviceUsers.forEach((r, i) => {
          const s = after.serviceUsers[i]!;
          expect((s.upperLimitDate ?? never) as Day | number).toBeLessThanOrEqual(
            r.upperLimitDate ?? never,
          );
          expect((s.lowerLimitDate ?? never) as Day | number).toBeLessThanOrEqual(
            r.lowerLimitDate ?? never,
          );
        });
      }),
      { numRuns: 150 },
    );
  });
});
