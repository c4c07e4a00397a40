import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { datasetArb, periodArb } from '../../test/arbitraries.js';
import type { Day } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import type { Dataset } from '../dataset/model.js';
import { type Charges, computeCharges } from './compute.js';
import { amountForRange, dailyFee } from './fee.js';

const none = new Set<string>();

/** Pence per booking across lines, unbilled and unallocated. */
function accountedByBooking(charges: Charges): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (id: string, amount: number) => totals.set(id, (totals.get(id) ?? 0) + amount);
  for (const l of charges.lines) add(l.booking.id, l.amountPence);
  for (const u of charges.unbilled) add(u.booking, u.amountPence);
  for (const u of charges.unallocated) add(u.booking, u.amountPence);
  return totals;
}

function payerTotals(charges: Charges): Map<string, number> {
  const totals = new Map<string, number>();
  const add = (key: string, amount: number) => totals.set(key, (totals.get(key) ?? 0) + amount);
  for (const l of charges.lines)
    add(`${l.booking.id}/${l.contract?.id ?? 'default'}/${l.payer.id}`, l.amountPence);
  for (const u of charges.unbilled)
    add(`${u.booking}/${u.contract ?? 'default'}/${u.payer}`, u.amountPence);
  for (const u of charges.unallocated) add(`${u.booking}/unallocated`, u.amountPence);
  return totals;
}

function sumMaps(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [k, v] of b) out.set(k, (out.get(k) ?? 0) + v);
  return new Map([...out].filter(([, v]) => v !== 0).sort());
}

const nonZeroSorted = (m: Map<string, number>) => new Map([...m].filter(([, v]) => v !== 0).sort());

describe('charge invariants (fast-check)', () => {
  it('conserve every penny: Fee(B; period) = Σ lines + Σ unbilled + Σ unallocated for each booking', () => {
    fc.assert(
      fc.property(
        datasetArb,
        periodArb,
        fc.constantFrom('day' as const, 'night' as const),
        (data, period, dayRule) => {
          const charges = computeCharges(data, none, period, { dayRule });
          const accounted = accountedByBooking(charges);
          for (const b of data.bookings) {
            const end = b.endDate ?? (b.respite ? b.proposedCheckoutDate : null);
            const last = end === null ? period.to : dayRule === 'night' ? end - 1 : end;
            const from = Math.max(b.startDate, period.from);
            const to = Math.min(last, period.to);
            const fee =
              to < from
                ? 0
                : amountForRange(dailyFee(b), b.startDate, { from: from as Day, to: to as Day });
            expect(accounted.get(b.id) ?? 0).toBe(fee);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('add up across any split of a period, per booking and per payer', () => {
    fc.assert(
      fc.property(datasetArb, periodArb, fc.nat(), (data, period, cut) => {
        const length = period.to - period.from + 1;
        fc.pre(length >= 2);
        const k = period.from + (cut % (length - 1));
        const first: DayRange = { from: period.from, to: k as Day };
        const second: DayRange = { from: (k + 1) as Day, to: period.to };
        const whole = computeCharges(data, none, period, {});
        const a = computeCharges(data, none, first, {});
        const b = computeCharges(data, none, second, {});
        expect(a.feesPence + b.feesPence).toBe(whole.feesPence);
        expect(sumMaps(accountedByBooking(a), accountedByBooking(b))).toEqual(
          nonZeroSorted(accountedByBooking(whole)),
        );
        // Contributors are anchored and never clamped, so they add up always; parents and
        // balance payers clamp at zero per run, so theirs add up when nothing clamps.
        const contributors = (m: Map<string, number>) =>
          new Map([...m].filter(([k]) => isContributorKey(data, k)));
        expect(sumMaps(contributors(payerTotals(a)), contributors(payerTotals(b)))).toEqual(
          nonZeroSorted(contributors(payerTotals(whole))),
        );
        if (!hasClamping(data))
          expect(sumMaps(payerTotals(a), payerTotals(b))).toEqual(
            nonZeroSorted(payerTotals(whole)),
          );
      }),
      { numRuns: 300 },
    );
  });

  it('bill any seven consecutive days of a weekly booking at exactly its rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 2000 }),
        (rate, offset) => {
          const daily = dailyFee({ ratePence: rate, ratePeriod: 'weekly' });
          const start = 19_000 as Day;
          expect(
            amountForRange(daily, start, {
              from: (start + offset) as Day,
              to: (start + offset + 6) as Day,
            }),
          ).toBe(rate);
        },
      ),
    );
  });

  it('never charge a payer a negative share', () => {
    fc.assert(
      fc.property(datasetArb, periodArb, (data, period) => {
        const charges = computeCharges(data, none, period, {});
        for (const l of charges.lines) expect(l.amountPence).toBeGreaterThan(0);
        for (const u of charges.unbilled) expect(u.amountPence).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('give the same result whatever order the records come in', () => {
    fc.assert(
      fc.property(datasetArb, periodArb, fc.integer(), (data, period, seed) => {
        const shuffled: Dataset = {
          ...data,
          bookings: shuffle(data.bookings, seed),
          contracts: shuffle(data.contracts, seed + 1),
        };
        expect(computeCharges(shuffled, none, period, {})).toEqual(
          computeCharges(data, none, period, {}),
        );
      }),
      { numRuns: 200 },
    );
  });
});

function isContributorKey(data: Dataset, key: string): boolean {
  const contractId = key.split('/')[1];
  const c = data.contracts.find((x) => x.id === contractId);
  return c !== undefined && c.feeContributionPence !== null && c.contributesTo.length === 0;
}

/** Parents and over-contracting clamp at zero per run, which is not additive across a cut. */
function hasClamping(data: Dataset): boolean {
  return (
    data.contracts.some((c) => c.contributesTo.length > 0) ||
    data.contracts.some((c) => c.feeContributionPence !== null)
  );
}

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
