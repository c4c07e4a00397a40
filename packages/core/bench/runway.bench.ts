/**
 * Closed form against day by day: ~1,000 care funds over 36 months, with a 3.5% uplift.
 * Prints timings; asserts only that both give the same answer.
 *
 *     pnpm bench:runway
 */
import { expect, it } from 'vitest';
import { type Day, formatDay } from '../src/calendar/day.js';
import type {
  BillingContract,
  Booking,
  CareFund,
  Dataset,
  ServiceUser,
} from '../src/dataset/model.js';
import { projectRunway } from '../src/runway/project.js';
import { booking, careFund, contract, d, dataset, loaded, serviceUser } from '../test/builders.js';
import { projectRunwayDaily } from '../test/runway-reference.js';

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function population(funds: number): Dataset {
  const next = random(42);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const bookings: Booking[] = [];
  const contracts: BillingContract[] = [];
  const careFunds: CareFund[] = [];
  const residents: ServiceUser[] = [];
  const start = d('2023-01-01');
  for (let r = 0; careFunds.length < funds; r++) {
    const su = `su${r}`;
    residents.push(serviceUser(su));
    const admitted = (start + int(0, 600)) as Day;
    bookings.push(
      booking({
        id: `${su}-b`,
        serviceUser: su,
        startDate: admitted,
        ratePence: int(90_000, 200_000),
      }),
    );
    const count = int(1, 2);
    const linked = next() < 0.4;
    for (let i = 0; i < count; i++) {
      careFunds.push(
        careFund({
          id: `${su}-f${i}`,
          serviceUser: su,
          openingBalancePence: int(500_000, 15_000_000),
          openingBalanceDate: (admitted + int(0, 60)) as Day,
        }),
      );
    }
    if (linked) {
      contracts.push(
        contract({ id: `${su}-la`, serviceUser: su, feeContributionPence: int(20_000, 80_000) }),
        contract({
          id: `${su}-top`,
          serviceUser: su,
          careFund: `${su}-f0`,
          payer: { kind: 'service_user', id: su },
        }),
      );
    }
  }
  return dataset({ bookings, contracts, careFunds, serviceUsers: residents });
}

function time<T>(run: () => T): { result: T; ms: number } {
  const t0 = performance.now();
  const result = run();
  return { result, ms: performance.now() - t0 };
}

it('closed form vs day by day, 1,000 funds × 36 months', () => {
  const data = population(1000);
  const options = { asOf: d('2024-11-22'), months: 36, uplift: { percent: '3.5' } };
  const none = new Set<string>();
  projectRunway(loaded(data), options); // warm up
  const fast = time(() => projectRunway(loaded(data), options));
  const slow = time(() => projectRunwayDaily(data, none, options));
  const wholeFee = { ...data, contracts: [] };
  projectRunway(loaded(wholeFee), options);
  const fastWhole = time(() => projectRunway(loaded(wholeFee), options));
  const residents = fast.result.serviceUsers.length;
  const depleted = fast.result.funds.filter((f) => f.depletionDate !== null).length;
  console.log(
    [
      `runway benchmark: ${fast.result.funds.length} funds, ${residents} residents, ${data.bookings.length} bookings, as of ${formatDay(options.asOf)} to ${formatDay(fast.result.horizonEnd)}, ${depleted} funds run dry`,
      `  closed form (projectRunway):      ${fast.ms.toFixed(1)} ms`,
      `  day by day (projectRunwayDaily):  ${slow.ms.toFixed(1)} ms`,
      `  ratio: ${(slow.ms / fast.ms).toFixed(1)}×`,
      `  closed form, the same funds all paying whole fees (no contract shares): ${fastWhole.ms.toFixed(1)} ms`,
    ].join('\n'),
  );
  expect(fast.result.funds.map((f) => f.depletionDate)).toEqual(
    slow.result.funds.map((f) => f.depletionDate),
  );
});
