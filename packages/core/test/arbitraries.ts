/**
 * fast-check generators of small, valid datasets and periods for property tests.
 */
import fc from 'fast-check';
import { type Day, daysInMonth } from '../src/calendar/day.js';
import type { DayRange } from '../src/calendar/range.js';
import type { BillingContract, Booking, CareFund, Dataset } from '../src/dataset/model.js';
import {
  booking,
  careFund,
  contract,
  d,
  dataset,
  locationContact,
  serviceUser,
  serviceUserContact,
} from './builders.js';

const BASE = d('2024-09-01');
const dayIn = (min: number, max: number) => fc.integer({ min, max }).map((n) => (BASE + n) as Day);

export const periodArb: fc.Arbitrary<DayRange> = fc
  .tuple(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 70 }))
  .map(([offset, length]) => ({
    from: (BASE + offset) as Day,
    to: (BASE + offset + length - 1) as Day,
  }));

const bookingArb = (su: string, index: number) =>
  fc
    .record({
      start: dayIn(-60, 150),
      length: fc.option(fc.integer({ min: 1, max: 90 }), { nil: null }),
      ratePence: fc.integer({ min: 0, max: 300_000 }),
      ratePeriod: fc.constantFrom('daily' as const, 'weekly' as const),
      respite: fc.boolean(),
      proposed: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    })
    .map(
      (r): Booking =>
        booking({
          id: `${su}-b${index}`,
          serviceUser: su,
          startDate: r.start,
          endDate: r.length === null ? null : ((r.start + r.length - 1) as Day),
          ratePence: r.ratePence,
          ratePeriod: r.ratePeriod,
          respite: r.respite,
          proposedCheckoutDate: r.proposed === null ? null : ((r.start + r.proposed) as Day),
        }),
    );

const contractArb = (
  su: string,
  index: number,
  kind: 'contributor' | 'balance' | 'parent',
  contributorIds: string[],
) =>
  fc
    .record({
      start: dayIn(-90, 150),
      length: fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }),
      fee: fc.integer({ min: 0, max: 150_000 }),
      unit: fc.constantFrom('day' as const, 'week' as const),
      payer: fc.constantFrom('la', 'nhs', 'fam', 'su'),
      listed: fc.subarray(contributorIds),
    })
    .map(
      (r): BillingContract =>
        contract({
          id: `${su}-c${index}`,
          serviceUser: su,
          startDate: r.start,
          endDate: r.length === null ? null : ((r.start + r.length - 1) as Day),
          feeContributionPence: kind === 'balance' ? null : r.fee,
          feeContributionUnit: r.unit,
          contributesTo: kind === 'parent' ? r.listed : [],
          payer:
            r.payer === 'su'
              ? { kind: 'service_user', id: su }
              : r.payer === 'fam'
                ? { kind: 'service_user_contact', id: `${su}-fam` }
                : { kind: 'location_contact', id: r.payer },
        }),
    );

const residentArb = (su: string) =>
  fc
    .record({
      bookingCount: fc.integer({ min: 1, max: 2 }),
      contributors: fc.integer({ min: 0, max: 2 }),
      balance: fc.boolean(),
      parent: fc.boolean(),
      selfPays: fc.boolean(),
      familyBilling: fc.boolean(),
    })
    .chain((shape) => {
      const contributorIds = Array.from({ length: shape.contributors }, (_, i) => `${su}-c${i}`);
      return fc.record({
        shape: fc.constant(shape),
        // Consecutive bookings never overlap: each starts after the previous one ends.
        bookings: fc
          .tuple(...Array.from({ length: shape.bookingCount }, (_, i) => bookingArb(su, i)))
          .map((list) => chain(list)),
        contracts: fc.tuple(
          ...contributorIds.map((_, i) => contractArb(su, i, 'contributor', [])),
          ...(shape.balance ? [contractArb(su, 10, 'balance', [])] : []),
          ...(shape.parent ? [contractArb(su, 20, 'parent', contributorIds)] : []),
        ),
      });
    });

function chain(bookings: Booking[]): Booking[] {
  const result: Booking[] = [];
  let next: number | null = null;
  for (const b of bookings) {
    if (next === null) {
      result.push(
        b.endDate === null && bookings.length > 1
          ? { ...b, endDate: (b.startDate + 20) as Day }
          : b,
      );
    } else {
      const length = b.endDate === null ? null : b.endDate - b.startDate;
      result.push({
        ...b,
        startDate: next as Day,
        endDate: length === null ? null : ((next + length) as Day),
      });
    }
    const last = result[result.length - 1]!;
    next = last.endDate === null ? null : last.endDate + 1 + (b.ratePence % 5);
    if (next === null) break;
  }
  return result;
}

/** A small valid dataset: 1–4 residents with non-overlapping stays and at most one balance payer. */
export const datasetArb: fc.Arbitrary<Dataset> = fc
  .array(fc.nat(), { minLength: 1, maxLength: 4 })
  .chain((seeds) => fc.tuple(...seeds.map((_, i) => residentArb(`su${i}`)), fc.boolean()))
  .map((parts) => {
    const flags = parts.pop() as boolean;
    const residents = parts as {
      shape: { selfPays: boolean; familyBilling: boolean };
      bookings: Booking[];
      contracts: BillingContract[];
    }[];
    return dataset({
      bookings: residents.flatMap((r) => r.bookings),
      contracts: residents.flatMap((r) => r.contracts),
      serviceUsers: residents.map((r, i) =>
        serviceUser(`su${i}`, { billingEnabled: r.shape.selfPays }),
      ),
      serviceUserContacts: residents.map((r, i) =>
        serviceUserContact(`su${i}-fam`, {
          serviceUser: `su${i}`,
          billingEnabled: r.shape.familyBilling,
        }),
      ),
      locationContacts: [
        locationContact('la', { billingEnabled: true }),
        locationContact('nhs', { billingEnabled: flags }),
      ],
    });
  });

/** Options of a runway run around the generated data. */
export interface RunwayCase {
  readonly data: Dataset;
  readonly asOf: Day;
  readonly months: number;
  readonly uplift: { percent: string; month: number; day: number } | undefined;
  readonly limits: { upperPence: number; lowerPence: number };
}

const fundArb = (su: string, index: number) =>
  fc
    .record({
      open: dayIn(-80, 120),
      balance: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 3_000_000 }) },
        { weight: 2, arbitrary: fc.integer({ min: 0, max: 20_000_000 }) },
        { weight: 1, arbitrary: fc.integer({ min: -50_000, max: 0 }) },
      ),
      typed: fc.boolean(),
    })
    .map(
      (r): CareFund =>
        careFund({
          id: `${su}-f${index}`,
          serviceUser: su,
          openingBalancePence: r.balance,
          openingBalanceDate: r.open,
          careFundType: r.typed ? 'type1' : null,
        }),
    );

/**
 * A dataset with 0–3 care funds per resident (some residents' contracts linked to their own
 * funds or to another resident's — a couple's joint savings —, the others paying whole
 * fees), and runway options.
 */
export const runwayCaseArb: fc.Arbitrary<RunwayCase> = datasetArb.chain((data) => {
  const residents = [...data.serviceUsers.keys()];
  return fc
    .record({
      funds: fc.tuple(
        ...residents.map((su) =>
          fc
            .integer({ min: 0, max: 3 })
            .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fundArb(su, i)))),
        ),
      ),
      // A contract names one of its resident's funds, or (1 in 3) any resident's.
      links: fc.array(fc.option(fc.tuple(fc.nat(), fc.nat(2)), { nil: null }), {
        minLength: data.contracts.length,
        maxLength: data.contracts.length,
      }),
      asOf: dayIn(0, 150),
      months: fc.integer({ min: 1, max: 14 }),
      // Any day that exists in a leap year (29 Feb falls on the 28th in other years);
      // 31 September and the like are refused as options.
      uplift: fc.option(
        fc.integer({ min: 1, max: 12 }).chain((month) =>
          fc.record({
            percent: fc.constantFrom('0', '3.5', '10', '2.25', '7.125'),
            month: fc.constant(month),
            day: fc.integer({ min: 1, max: daysInMonth(2024, month) }),
          }),
        ),
        { nil: undefined },
      ),
      limits: fc
        .tuple(fc.integer({ min: 0, max: 4_000_000 }), fc.integer({ min: 0, max: 4_000_000 }))
        .map(([a, b]) => ({ upperPence: Math.max(a, b), lowerPence: Math.min(a, b) })),
    })
    .map((r) => {
      const careFunds = r.funds.flat();
      const contracts = data.contracts.map((c, i) => {
        const link = r.links[i];
        if (link === null || link === undefined) return c;
        const [pick, anyone] = link;
        const named =
          anyone === 0 ? careFunds : careFunds.filter((f) => f.serviceUser === c.serviceUser);
        if (named.length === 0) return c;
        return { ...c, careFund: (named[pick % named.length] as CareFund).id };
      });
      return {
        data: {
          ...data,
          contracts,
          careFunds,
          careFundTypes: new Map([
            ['type1', { id: 'type1', name: 'Savings', daysBeforeNotification: 90 }],
          ]),
        },
        asOf: r.asOf,
        months: r.months,
        uplift: r.uplift,
        limits: r.limits,
      };
    });
});
