/**
 * The test oracle of the runway: a plain day-by-day simulation of SPEC §5, written without
 * the closed-form machinery (no schedules, no binary search, no waterfall formulas). It
 * shares only the charges engine (for contract shares) and the calendar with the real code.
 */
import { type Day, dayFromYmd, daysInMonth, lastOfMonth, ymdOfDay } from '../src/calendar/day.js';
import { billableSpan } from '../src/charges/billable.js';
import { type ChargeContext, createChargeContext } from '../src/charges/context.js';
import { chargeRuns } from '../src/charges/split.js';
import type { Booking, CareFund, Dataset } from '../src/dataset/model.js';
import { REGION_LIMITS, type RunwayOptions } from '../src/runway/options.js';

export interface DailyFund {
  readonly id: string;
  readonly balanceAsOfPence: number;
  readonly depletionDate: Day | null;
  readonly monthly: readonly number[];
}
export interface DailyResident {
  readonly id: string;
  readonly totalAsOfPence: number;
  readonly upperLimitDate: Day | null;
  readonly lowerLimitDate: Day | null;
  readonly monthly: readonly number[];
}
export interface DailyRunway {
  readonly horizonEnd: Day;
  readonly funds: readonly DailyFund[];
  readonly serviceUsers: readonly DailyResident[];
  /** Every fund's closing balance on every day from the first fund's opening (or T, if earlier). */
  readonly balances: ReadonlyMap<string, ReadonlyMap<number, number>>;
}

/** roundHalfUp(a / b) for non-negative BigInts. */
function divHalfUp(a: bigint, b: bigint): bigint {
  const q = a / b;
  return 2n * (a - q * b) >= b ? q + 1n : q;
}

/** One uplift with exact integers: percent text scaled by 10^6. */
function upliftOnce(pence: number, percent: string): number {
  const [whole = '0', frac = ''] = percent.split('.');
  const scaled = BigInt(whole) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
  const factor = 100_000_000n + scaled;
  return Number(divHalfUp(BigInt(pence) * factor, 100_000_000n));
}

function uplifted(pence: number, percent: string | undefined, times: number): number {
  let p = pence;
  for (let i = 0; i < times && percent !== undefined; i++) p = upliftOnce(p, percent);
  return p;
}

/**
 * The runway, day by day.
 *
 * @example projectRunwayDaily(dataset, new Set(), { asOf }).funds[0].depletionDate
 */
export function projectRunwayDaily(
  dataset: Dataset,
  parkedServiceUsers: ReadonlySet<string>,
  options: RunwayOptions,
): DailyRunway {
  const asOf = options.asOf;
  const { year: ty, month: tm } = ymdOfDay(asOf);
  const horizonIndex = ty * 12 + tm - 1 + (options.months ?? 36);
  const horizon = lastOfMonth(Math.floor(horizonIndex / 12), (horizonIndex % 12) + 1);
  const limits = options.limits ?? REGION_LIMITS[options.region ?? 'england'];
  const percent = options.uplift?.percent;
  const uplifts: number[] = [];
  if (options.uplift) {
    const um = options.uplift.month ?? 4;
    const ud = options.uplift.day ?? 1;
    for (let y = ty; y <= ty + 200; y++) {
      const u = dayFromYmd(y, um, Math.min(ud, daysInMonth(y, um)));
      if (u > horizon) break;
      if (u > asOf) uplifts.push(u);
    }
  }
  const yearOf = (d: number) => uplifts.filter((u) => u <= d).length;
  const yearStart = (d: number) => {
    let s = Number.NEGATIVE_INFINITY;
    for (const u of uplifts) if (u <= d) s = u;
    return s;
  };
  const monthEnds: number[] = [];
  for (let i = ty * 12 + tm - 1; i <= horizonIndex; i++) {
    monthEnds.push(lastOfMonth(Math.floor(i / 12), (i % 12) + 1));
  }

  const contexts = new Map<number, ChargeContext>();
  const contextFor = (year: number) => {
    let c = contexts.get(year);
    if (!c) {
      c = createChargeContext({
        ...dataset,
        contracts: dataset.contracts.map((k) =>
          k.feeContributionPence === null
            ? k
            : { ...k, feeContributionPence: uplifted(k.feeContributionPence, percent, year) },
        ),
      });
      contexts.set(year, c);
    }
    return c;
  };

  const lastBilled = (b: Booking): number | null => {
    const span = billableSpan(b, 'day');
    if (!span) return null;
    return span.lastDay === null ? horizon : Math.min(span.lastDay, horizon);
  };

  /** The whole fee of a booking on one day. */
  const feeOn = (b: Booking, d: number): number => {
    const last = lastBilled(b);
    if (last === null || d < b.startDate || d > last) return 0;
    const anchor = Math.max(b.startDate, yearStart(d));
    const rate = BigInt(uplifted(b.ratePence, percent, yearOf(d)));
    const den = b.ratePeriod === 'weekly' ? 7n : 1n;
    const n = BigInt(d - anchor + 1);
    return Number(divHalfUp(rate * n, den) - divHalfUp(rate * (n - 1n), den));
  };

  /** What each fund draws of a booking's contract shares on one day (month runs spread). */
  const runCache = new Map<string, Map<string, { from: number; to: number; total: number }[]>>();
  const sharesOn = (b: Booking, d: number, windowStart: number): Map<string, number> => {
    const out = new Map<string, number>();
    const last = lastBilled(b);
    if (last === null || d < b.startDate || d > last || d < windowStart) return out;
    const year = yearOf(d);
    const segFrom = Math.max(b.startDate, yearStart(d));
    const nextUplift = uplifts.find((u) => u > d);
    const segTo = Math.min(last, nextUplift === undefined ? last : nextUplift - 1);
    const { year: y, month: m } = ymdOfDay(d);
    const from = Math.max(segFrom, dayFromYmd(y, m, 1), windowStart);
    const to = Math.min(segTo, lastOfMonth(y, m));
    const key = `${b.id}/${from}/${to}`;
    let runs = runCache.get(key);
    if (!runs) {
      runs = new Map();
      const segment: Booking = {
        ...b,
        startDate: segFrom as Day,
        endDate: segTo as Day,
        respite: false,
        proposedCheckoutDate: null,
        ratePence: uplifted(b.ratePence, percent, year),
      };
      const result = chargeRuns(
        contextFor(year),
        segment,
        { from: from as Day, to: to as Day },
        {},
      );
      if (!result.ok) throw new Error('conflict in reference');
      for (const run of result.runs) {
        for (const share of run.shares) {
          const fund = share.contract?.careFund;
          if (!fund) continue;
          const list = runs.get(fund) ?? [];
          const same = list.find((r) => r.from === run.range.from);
          if (same) same.total += share.amountPence;
          else list.push({ from: run.range.from, to: run.range.to, total: share.amountPence });
          runs.set(fund, list);
        }
      }
      runCache.set(key, runs);
    }
    for (const [fund, list] of runs) {
      for (const r of list) {
        if (d < r.from || d > r.to) continue;
        const len = BigInt(r.to - r.from + 1);
        const n = BigInt(d - r.from + 1);
        const t = BigInt(r.total);
        out.set(
          fund,
          (out.get(fund) ?? 0) + Number(divHalfUp(t * n, len) - divHalfUp(t * (n - 1n), len)),
        );
      }
    }
    return out;
  };

  const fundsByResident = new Map<string, CareFund[]>();
  for (const f of dataset.careFunds) {
    if (parkedServiceUsers.has(f.serviceUser)) continue;
    fundsByResident.set(f.serviceUser, [...(fundsByResident.get(f.serviceUser) ?? []), f]);
  }
  const residents = [...fundsByResident].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (const [, list] of residents) {
    list.sort((a, b) => a.openingBalanceDate - b.openingBalanceDate || (a.id < b.id ? -1 : 1));
  }
  const allFunds = residents.flatMap(([, list]) => list);
  const fundById = new Map(allFunds.map((f) => [f.id, f]));

  // Residents with a contract naming a fund, anyone's (a couple's joint savings), with or
  // without funds of their own; their shares are drawn from the first named fund's opening.
  const windowStarts = new Map<string, number>();
  for (const c of dataset.contracts) {
    if (c.cancelled || c.serviceUser === null || c.careFund === null) continue;
    const named = fundById.get(c.careFund);
    if (!named || parkedServiceUsers.has(c.serviceUser)) continue;
    const before = windowStarts.get(c.serviceUser) ?? Number.POSITIVE_INFINITY;
    windowStarts.set(c.serviceUser, Math.min(before, named.openingBalanceDate));
  }
  const bookingsByResident = new Map<string, Booking[]>();
  for (const b of dataset.bookings) {
    if (b.serviceUser === null) continue;
    bookingsByResident.set(b.serviceUser, [...(bookingsByResident.get(b.serviceUser) ?? []), b]);
  }
  const bookingsOf = (su: string) => bookingsByResident.get(su) ?? [];

  const balance = new Map(allFunds.map((f) => [f.id, Math.max(0, f.openingBalancePence)]));
  const depletion = new Map<string, number>();
  /** Takes `amount` from a fund; returns what it could not pay. */
  const pay = (f: CareFund, d: number, amount: number): number => {
    const bal = balance.get(f.id) as number;
    if (bal >= amount) {
      balance.set(f.id, bal - amount);
      return 0;
    }
    if (!depletion.has(f.id)) depletion.set(f.id, d);
    balance.set(f.id, 0);
    return amount - bal;
  };

  const balances = new Map(allFunds.map((f) => [f.id, new Map<number, number>()]));
  const totals = new Map(residents.map(([resident]) => [resident, new Map<number, number>()]));
  const start = Math.min(asOf, ...allFunds.map((f) => f.openingBalanceDate));
  for (let d = start; d <= horizon; d++) {
    // Contract shares first: only the fund they name can pay them.
    const shares = new Map<string, number>();
    for (const [resident, windowStart] of windowStarts) {
      for (const b of bookingsOf(resident)) {
        for (const [fund, amount] of sharesOn(b, d, windowStart)) {
          shares.set(fund, (shares.get(fund) ?? 0) + amount);
        }
      }
    }
    for (const f of allFunds) {
      if (d >= f.openingBalanceDate) pay(f, d, shares.get(f.id) ?? 0);
    }
    // Then the whole fee of every resident with funds and no contract naming a fund: each
    // open fund in turn pays what the ones before it could not.
    for (const [resident, list] of residents) {
      if (windowStarts.has(resident)) continue;
      let remaining = 0;
      for (const b of bookingsOf(resident)) remaining += feeOn(b, d);
      for (const f of list) {
        if (remaining > 0 && d >= f.openingBalanceDate) remaining = pay(f, d, remaining);
      }
    }
    for (const [resident, list] of residents) {
      let total = 0;
      for (const f of list) {
        const bal = balance.get(f.id) as number;
        balances.get(f.id)?.set(d, bal);
        total += bal;
      }
      totals.get(resident)?.set(d, total);
    }
  }

  const funds: DailyFund[] = allFunds.map((f) => {
    const daily = balances.get(f.id) as Map<number, number>;
    const forced = f.openingBalancePence < 0 ? f.openingBalanceDate : depletion.get(f.id);
    return {
      id: f.id,
      balanceAsOfPence: daily.get(asOf) ?? 0,
      depletionDate: (forced ?? null) as Day | null,
      monthly: monthEnds.map((e) => daily.get(e) ?? 0),
    };
  });
  const serviceUsers: DailyResident[] = residents.map(([resident]) => {
    const daily = totals.get(resident) as Map<number, number>;
    let upper: number | null = null;
    let lower: number | null = null;
    for (let d = asOf; d <= horizon; d++) {
      const t = daily.get(d) ?? 0;
      if (upper === null && t < limits.upperPence) upper = d;
      if (lower === null && t < limits.lowerPence) lower = d;
    }
    return {
      id: resident,
      totalAsOfPence: daily.get(asOf) ?? 0,
      upperLimitDate: upper as Day | null,
      lowerLimitDate: lower as Day | null,
      monthly: monthEnds.map((e) => daily.get(e) ?? 0),
    };
  });
  return { horizonEnd: horizon as Day, funds, serviceUsers, balances };
}
