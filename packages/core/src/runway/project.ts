/**
 * The care fund runway (SPEC §5): every fund's balance, depletion and notification dates,
 * and every resident's capital-limit dates, from T to the horizon — in closed form, with no
 * walk over days (see `schedule.ts`).
 */
import {
  addDays,
  type Day,
  formatDay,
  formatMonth,
  lastOfMonth,
  ymdOfDay,
} from '../calendar/day.js';
import { balancePayerConflictProblem } from '../charges/split.js';
import type { ParkedEntry } from '../dataset/load-types.js';
import type { Booking, CareFund, Dataset } from '../dataset/model.js';
import { compareText, type Problem, sortProblems } from '../dataset/problems.js';
import { formatPounds } from '../money/format.js';
import { createDrawBuilder } from './draws.js';
import { firstDayBelow, notifyCouncilBy, weeklyTariffPence } from './limits.js';
import {
  DEFAULT_DAYS_BEFORE_NOTIFICATION,
  DEFAULT_LEAD_MONTHS,
  DEFAULT_MONTHS,
  horizonEnd,
  type RunwayOptions,
  resolveLimits,
} from './options.js';
import { balanceAt, type FundPath, independentPath, waterfallPaths } from './paths.js';
import { buildSchedule, type DrawComponent } from './schedule.js';
import type { FundRunway, MonthlyBalance, ResidentRunway, Runway, RunwayFlag } from './types.js';
import { isUpliftPercent, upliftDays } from './uplift.js';

/**
 * Projects every care fund of the residents not parked.
 *
 * @example
 * const runway = projectRunway(loaded.dataset, loaded.parkedServiceUsers,
 *   { asOf: parseDay('2024-11-22')!, region: 'england', parked: loaded.parked, warnings: loaded.warnings })
 * runway.serviceUsers[0].upperLimitDate // first day their savings are below £23,250
 */
export function projectRunway(
  dataset: Dataset,
  parkedServiceUsers: ReadonlySet<string>,
  options: RunwayOptions,
): Runway {
  const { asOf } = options;
  const months = options.months ?? DEFAULT_MONTHS;
  const leadMonths = options.leadMonths ?? DEFAULT_LEAD_MONTHS;
  if (!Number.isInteger(months) || months < 0 || months > 1200) {
    throw new RangeError(`months must be a whole number from 0 to 1200: ${months}`);
  }
  if (!Number.isInteger(leadMonths) || leadMonths < 0 || leadMonths > 120) {
    throw new RangeError(`lead months must be a whole number from 0 to 120: ${leadMonths}`);
  }
  if (options.uplift !== undefined && !isUpliftPercent(options.uplift.percent)) {
    throw new RangeError(`uplift must be a percentage like "3.5": "${options.uplift.percent}"`);
  }
  const horizon = horizonEnd(asOf, months);
  const { region, limits } = resolveLimits(options);
  const uplifts = upliftDays(asOf, horizon, options.uplift);
  const builder = createDrawBuilder(dataset, horizon, uplifts, options.uplift?.percent);
  const monthEnds = monthEndsFrom(asOf, horizon).map((day) => ({ day, month: formatMonth(day) }));

  const warnings: Problem[] = [...(options.warnings ?? [])];
  const parked: ParkedEntry[] = [...(options.parked ?? [])];
  const parkedIds = new Set(parkedServiceUsers);

  const fundsByResident = new Map<string, CareFund[]>();
  for (const fund of dataset.careFunds) {
    if (parkedIds.has(fund.serviceUser)) continue;
    const list = fundsByResident.get(fund.serviceUser) ?? [];
    list.push(fund);
    fundsByResident.set(fund.serviceUser, list);
  }
  for (const list of fundsByResident.values()) list.sort(drawingOrder);
  const fundById = new Map<string, CareFund>();
  for (const list of fundsByResident.values()) for (const f of list) fundById.set(f.id, f);

  // A booking that ended before a resident's first fund opened draws nothing from any fund:
  // leaving it out spares the schedules a group's years of history.
  const bookingsByResident = new Map<string, Booking[]>();
  for (const booking of dataset.bookings) {
    if (booking.serviceUser === null) continue;
    const firstOpening = fundsByResident.get(booking.serviceUser)?.[0]?.openingBalanceDate;
    if (firstOpening === undefined) continue;
    if (booking.endDate !== null && booking.endDate < firstOpening) continue;
    const list = bookingsByResident.get(booking.serviceUser) ?? [];
    list.push(booking);
    bookingsByResident.set(booking.serviceUser, list);
  }

  // Residents whose contracts name a fund: those funds pay the contracts' shares.
  const linkedFundsByResident = new Map<string, Set<string>>();
  for (const contract of dataset.contracts) {
    if (contract.cancelled || contract.careFund === null || contract.serviceUser === null) continue;
    if (!fundById.has(contract.careFund) || parkedIds.has(contract.serviceUser)) continue;
    const set = linkedFundsByResident.get(contract.serviceUser) ?? new Set<string>();
    set.add(contract.careFund);
    linkedFundsByResident.set(contract.serviceUser, set);
  }
  const contractComponents = new Map<string, DrawComponent[]>();
  for (const [resident, fundIds] of [...linkedFundsByResident].sort(byKey)) {
    let windowStart = horizon;
    for (const id of fundIds) {
      const opening = fundById.get(id)?.openingBalanceDate ?? horizon;
      if (opening < windowStart) windowStart = opening;
    }
    const result = builder.contractComponents(bookingsByResident.get(resident) ?? [], windowStart);
    if (!result.ok) {
      parked.push({
        serviceUser: resident,
        problems: [balancePayerConflictProblem(result.conflict)],
      });
      parkedIds.add(resident);
      continue;
    }
    for (const [fundId, list] of result.byFund) {
      const existing = contractComponents.get(fundId);
      if (existing) existing.push(...list);
      else contractComponents.set(fundId, list);
    }
  }

  const funds: FundRunway[] = [];
  const serviceUsers: ResidentRunway[] = [];
  for (const [resident, residentFunds] of [...fundsByResident].sort(byKey)) {
    if (parkedIds.has(resident)) continue;
    const linked = linkedFundsByResident.has(resident);
    let paths: FundPath[];
    if (linked) {
      paths = residentFunds.map((fund) =>
        independentPath(fund, buildSchedule(contractComponents.get(fund.id) ?? []), horizon),
      );
    } else {
      const schedule = buildSchedule(builder.feeComponents(bookingsByResident.get(resident) ?? []));
      paths = waterfallPaths(residentFunds, schedule, horizon);
    }
    const residentFundRunways = paths.map((path) =>
      fundRunway(dataset, path, linked ? 'contracts' : 'whole_fee', asOf, monthEnds),
    );
    for (const path of paths) warnings.push(...fundWarnings(path.fund, asOf));
    funds.push(...residentFundRunways);
    const totalAt = (day: Day) => paths.reduce((sum, p) => sum + balanceAt(p, day), 0);
    serviceUsers.push(
      residentRunway(
        dataset,
        resident,
        paths,
        totalAt,
        { asOf, horizon, limits, leadMonths },
        monthlyTotals(monthEnds, residentFundRunways),
      ),
    );
  }
  serviceUsers.sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
  parked.sort(
    (a, b) =>
      (a.serviceUser === null ? 1 : 0) - (b.serviceUser === null ? 1 : 0) ||
      compareText(a.serviceUser ?? '', b.serviceUser ?? ''),
  );
  return {
    asOf,
    horizonEnd: horizon,
    region,
    limits,
    leadMonths,
    uplift: options.uplift ?? null,
    funds,
    serviceUsers,
    parked,
    warnings: sortProblems(warnings),
  };
}

function fundRunway(
  dataset: Dataset,
  path: FundPath,
  basis: 'contracts' | 'whole_fee',
  asOf: Day,
  monthEnds: readonly MonthEnd[],
): FundRunway {
  const { fund } = path;
  // A negative opening balance is a runway of zero: depleted from its opening date.
  const depletionDate = fund.openingBalancePence < 0 ? fund.openingBalanceDate : path.depletion;
  const type =
    fund.careFundType === null ? undefined : dataset.careFundTypes.get(fund.careFundType);
  const daysBefore = type?.daysBeforeNotification ?? DEFAULT_DAYS_BEFORE_NOTIFICATION;
  return {
    id: fund.id,
    serviceUser: fund.serviceUser,
    description: fund.description,
    careFundType: fund.careFundType,
    basis,
    openingBalancePence: fund.openingBalancePence,
    openingBalanceDate: fund.openingBalanceDate,
    balanceAsOfPence: balanceAt(path, asOf),
    depletionDate,
    notifyDepletionBy: depletionDate === null ? null : addDays(depletionDate, -daysBefore),
    monthly: monthEnds.map(({ day, month }) => ({
      month,
      monthEnd: day,
      closingBalancePence: balanceAt(path, day),
    })),
  };
}

function residentRunway(
  dataset: Dataset,
  id: string,
  paths: readonly FundPath[],
  totalAt: (day: Day) => number,
  run: {
    asOf: Day;
    horizon: Day;
    limits: { upperPence: number; lowerPence: number };
    leadMonths: number;
  },
  monthly: MonthlyBalance[],
): ResidentRunway {
  const { asOf, horizon, limits } = run;
  const flags: RunwayFlag[] = [];
  const totalAsOfPence = totalAt(asOf);
  const upperLimitDate = firstDayBelow(totalAt, limits.upperPence, asOf, horizon);
  const lowerLimitDate =
    limits.lowerPence === limits.upperPence
      ? upperLimitDate
      : firstDayBelow(totalAt, limits.lowerPence, asOf, horizon);
  if (upperLimitDate === asOf) flags.push('below_upper_at_as_of');
  if (lowerLimitDate === asOf) flags.push('below_lower_at_as_of');
  let notify: Day | null = null;
  if (upperLimitDate !== null) {
    const due = notifyCouncilBy(upperLimitDate, run.leadMonths, asOf);
    notify = due.day;
    if (due.overdue) flags.push('overdue');
  }
  if (limits.lowerPence === limits.upperPence) flags.push('single_limit');
  return {
    id,
    name: dataset.serviceUsers.get(id)?.fullName || id,
    funds: paths.map((p) => p.fund.id),
    totalAsOfPence,
    upperLimitDate,
    lowerLimitDate,
    notifyCouncilBy: notify,
    flags,
    monthly,
    weeklyTariffAsOfPence: weeklyTariffPence(totalAsOfPence, limits),
    weeklyTariffAtUpperLimitPence:
      upperLimitDate === null ? null : weeklyTariffPence(totalAt(upperLimitDate), limits),
  };
}

/** A month end and its `YYYY-MM` label, formatted once per run rather than once per fund. */
interface MonthEnd {
  readonly day: Day;
  readonly month: string;
}

/** A resident's closing totals: the sum of their funds' closing balances, month by month. */
function monthlyTotals(
  monthEnds: readonly MonthEnd[],
  funds: readonly FundRunway[],
): MonthlyBalance[] {
  return monthEnds.map(({ day, month }, i) => {
    let closingBalancePence = 0;
    for (const fund of funds) closingBalancePence += fund.monthly[i]?.closingBalancePence ?? 0;
    return { month, monthEnd: day, closingBalancePence };
  });
}

/** The last day of each calendar month from T's month through the horizon's. */
export function monthEndsFrom(asOf: Day, horizon: Day): Day[] {
  const ends: Day[] = [];
  let { year, month } = ymdOfDay(asOf);
  for (;;) {
    const end = lastOfMonth(year, month);
    if (end > horizon) break;
    ends.push(end);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return ends;
}

/** Drawing order: `opening_balance_date`, then id. */
export function drawingOrder(a: CareFund, b: CareFund): number {
  return a.openingBalanceDate - b.openingBalanceDate || compareText(a.id, b.id);
}

function byKey<V>(a: [string, V], b: [string, V]): number {
  return compareText(a[0], b[0]);
}

function fundWarnings(fund: CareFund, asOf: Day): Problem[] {
  const problems: Problem[] = [];
  if (fund.openingBalanceDate > asOf) {
    problems.push({
      severity: 'warning',
      code: 'FUND_OPENS_AFTER_AS_OF',
      resource: 'care-funds',
      id: fund.id,
      field: 'opening_balance_date',
      value: JSON.stringify(formatDay(fund.openingBalanceDate)),
      message: `Care fund ${fund.id} opens on ${formatDay(fund.openingBalanceDate)}, after the as-of date ${formatDay(asOf)}; its opening balance is shown as its balance at the as-of date. Check the date, or run with a later --as-of.`,
    });
  }
  if (fund.openingBalancePence < 0) {
    problems.push({
      severity: 'warning',
      code: 'NEGATIVE_OPENING_BALANCE',
      resource: 'care-funds',
      id: fund.id,
      field: 'opening_balance',
      value: String(fund.openingBalancePence),
      message: `Care fund ${fund.id} opens with a negative balance (${formatPounds(fund.openingBalancePence)}); it is treated as empty from ${formatDay(fund.openingBalanceDate)}. Correct the opening balance in CareHQ.`,
    });
  }
  return problems;
}
