/**
 * The care fund runway (SPEC §5): every fund's balance, depletion and notification dates,
 * and every resident's capital-limit dates, from T to the horizon — in closed form, with no
 * walk over days (see `schedule.ts`).
 */
import {
  addDays,
  type Day,
  dayFromYmd,
  daysInMonth,
  formatDay,
  formatMonth,
  ymdOfDay,
} from '../calendar/day.js';
import { balancePayerConflictProblem } from '../charges/split.js';
import type { LoadedDataset, ParkedEntry } from '../dataset/load-types.js';
import type { Booking, CareFund, Dataset } from '../dataset/model.js';
import { compareText, type Problem, sortProblems } from '../dataset/problems.js';
import { checkLoaded } from '../dataset/usable.js';
import { formatPounds } from '../money/format.js';
import { createDrawBuilder } from './draws.js';
import { firstDayBelow, notifyCouncilBy, weeklyTariffPence } from './limits.js';
import {
  DEFAULT_DAYS_BEFORE_NOTIFICATION,
  type RunwayOptions,
  resolveRunwayOptions,
} from './options.js';
import { balanceAt, type FundPath, independentPath, waterfallPaths } from './paths.js';
import { buildSchedule, type DrawComponent } from './schedule.js';
import type { FundRunway, MonthlyBalance, ResidentRunway, Runway, RunwayFlag } from './types.js';
import { upliftDays } from './uplift.js';

/**
 * Projects every care fund of the residents not parked, from the as-of date T to the
 * horizon: each fund's balance, depletion and notification dates, and each resident's
 * capital-limit dates (SPEC §5). The load's parked residents and warnings are carried into
 * the runway.
 *
 * Takes the whole load result (a load with dataset errors is refused: `DATASET_ERRORS`) and
 * checks every option first (see `checkRunwayOptions`); a bad one throws a `CarebillError`
 * naming it.
 *
 * @example
 * const runway = projectRunway(loadDataset(files), { asOf: parseDay('2024-11-22')!, region: 'england' });
 * runway.serviceUsers[0].upperLimitDate // first day their savings are below £23,250
 * runway.parked // the load's parked residents, and any parked while projecting
 */
export function projectRunway(loaded: LoadedDataset, options: RunwayOptions): Runway {
  const { dataset } = checkLoaded(loaded);
  const resolved = resolveRunwayOptions(options);
  const { asOf, horizon, region, limits, leadMonths, uplift } = resolved;
  const uplifts = upliftDays(asOf, horizon, uplift);
  const builder = createDrawBuilder(dataset, horizon, uplifts, uplift?.percent);
  const monthEnds = monthEndsFrom(asOf, horizon).map((day): MonthEnd => {
    const month = formatMonth(day);
    // Frozen: shared by every fund and resident at 0, one caller's change would be all of theirs.
    return { day, month, empty: Object.freeze({ month, monthEnd: day, closingBalancePence: 0 }) };
  });

  const warnings: Problem[] = [...loaded.warnings];
  const parked: ParkedEntry[] = [...loaded.parked];
  const parkedIds = new Set(loaded.parkedServiceUsers);

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

  // Residents whose contracts name a fund: those funds pay the contracts' shares, from the
  // first of them to open (whoever's fund it is: a couple's joint savings may pay both, and
  // pay them besides the owner's whole fee when no contract of the owner names a fund).
  const linkedFundsByResident = new Map<string, Set<string>>();
  for (const contract of dataset.contracts) {
    if (contract.cancelled || contract.careFund === null || contract.serviceUser === null) continue;
    if (!fundById.has(contract.careFund) || parkedIds.has(contract.serviceUser)) continue;
    const set = linkedFundsByResident.get(contract.serviceUser) ?? new Set<string>();
    set.add(contract.careFund);
    linkedFundsByResident.set(contract.serviceUser, set);
  }
  const windowStarts = new Map<string, Day>();
  for (const [resident, fundIds] of linkedFundsByResident) {
    let windowStart = horizon;
    for (const id of fundIds) {
      const opening = fundById.get(id)?.openingBalanceDate ?? horizon;
      // Stryker disable next-line EqualityOperator: on a tie both sides keep the same day
      if (opening < windowStart) windowStart = opening;
    }
    windowStarts.set(resident, windowStart);
  }

  // A booking that ended before any fund could pay for it (the first linked fund's opening,
  // else the resident's first fund's) draws nothing: leaving it out spares the schedules a
  // group's years of history.
  const bookingsByResident = new Map<string, Booking[]>();
  for (const booking of dataset.bookings) {
    if (booking.serviceUser === null) continue;
    const drawsFrom =
      windowStarts.get(booking.serviceUser) ??
      fundsByResident.get(booking.serviceUser)?.[0]?.openingBalanceDate;
    // Stryker disable next-line ConditionalExpression: a shortcut; a resident with no fund and no linked fund is never drawn for
    if (drawsFrom === undefined) continue;
    // Stryker disable next-line ConditionalExpression: a shortcut; a stay ending before any fund opens draws nothing anyway
    if (booking.endDate !== null && booking.endDate < drawsFrom) continue;
    const list = bookingsByResident.get(booking.serviceUser) ?? [];
    list.push(booking);
    bookingsByResident.set(booking.serviceUser, list);
  }

  const contractComponents = new Map<string, DrawComponent[]>();
  // Any order: `contractComponents` is looked up by resident and `parked` is sorted at the end.
  for (const [resident, windowStart] of windowStarts) {
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
      // The whole fee, and any other resident's contract shares naming one of these funds.
      const schedule = buildSchedule(builder.feeComponents(bookingsByResident.get(resident) ?? []));
      paths = waterfallPaths(residentFunds, schedule, contractComponents, horizon);
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
      // Stryker disable next-line StringLiteral: reached only by two entries without a resident, equal whatever the text
      compareText(a.serviceUser ?? '', b.serviceUser ?? ''),
  );
  return {
    asOf,
    horizonEnd: horizon,
    region,
    limits,
    leadMonths,
    uplift: uplift ?? null,
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
    monthly: monthEnds.map((end) => monthlyBalance(end, balanceAt(path, end.day))),
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
  const lowerLimitDate = firstDayBelow(totalAt, limits.lowerPence, asOf, horizon);
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
  /** The month's row at a balance of 0, one object shared by every fund and resident. */
  readonly empty: MonthlyBalance;
}

/**
 * A month's row. Rows are never changed, so the row at 0 is shared: most funds are empty
 * long before the horizon (59% of a group's 887,001 fund rows), and a million rows that
 * live as long as the runway are what its garbage collection spends most on.
 */
function monthlyBalance(end: MonthEnd, closingBalancePence: number): MonthlyBalance {
  // Stryker disable next-line ConditionalExpression: a new row at 0 is the same value as the shared one
  if (closingBalancePence === 0) return end.empty;
  return { month: end.month, monthEnd: end.day, closingBalancePence };
}

/** A resident's closing totals: the sum of their funds' closing balances, month by month. */
function monthlyTotals(
  monthEnds: readonly MonthEnd[],
  funds: readonly FundRunway[],
): MonthlyBalance[] {
  return monthEnds.map((end, i) => {
    let closingBalancePence = 0;
    for (const fund of funds) closingBalancePence += fund.monthly[i]?.closingBalancePence ?? 0;
    return monthlyBalance(end, closingBalancePence);
  });
}

/**
 * The last day of each calendar month from T's month through the horizon's.
 *
 * @example monthEndsFrom(parseDay('2024-11-22')!, parseDay('2025-01-31')!).map(formatDay)
 * // ['2024-11-30', '2024-12-31', '2025-01-31']
 */
export function monthEndsFrom(asOf: Day, horizon: Day): Day[] {
  const ends: Day[] = [];
  let { year, month } = ymdOfDay(asOf);
  for (;;) {
    // Unchecked on purpose: the month after a horizon in December 9999 ends the loop.
    const end = dayFromYmd(year, month, daysInMonth(year, month));
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
