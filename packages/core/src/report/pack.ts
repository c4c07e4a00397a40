/**
 * The monthly management pack of a loaded dataset (SPEC §11): per home and for the group,
 * fee income by funding source, occupancy and the average weekly fee — the fees being the
 * preview's own charges for the same period and day rule (`computeCharges`).
 */
import { checkPeriod } from '../calendar/check.js';
import { formatDay } from '../calendar/day.js';
import type { DayRange } from '../calendar/range.js';
import type { Charges } from '../charges/compute.js';
import { computeCharges } from '../charges/compute.js';
import { type ChargeContext, createChargeContext } from '../charges/context.js';
import type { DayRule } from '../charges/options.js';
import type { LoadedDataset, ParkedEntry } from '../dataset/load-types.js';
import type { Booking } from '../dataset/model.js';
import { type Problem, sortProblems } from '../dataset/problems.js';
import { checkLoaded } from '../dataset/usable.js';
import { internalError } from '../errors/carebill-error.js';
import { checkBoolean, checkChoice, checkOptionKeys } from '../errors/checks.js';
import { mergeParked } from '../invoices/parked.js';
import { changeBetween, figuresOf, groupFiguresOf } from './figures.js';
import { feesByHome, type HomeFees } from './funding.js';
import { type HomeIndex, indexHomes, NO_HOME_NAME } from './homes.js';
import { measureOccupancy, type Occupancy } from './occupancy.js';
import type {
  HomeFigures,
  ManagementPack,
  ManagementPackOptions,
  PackComparison,
  PackFigures,
} from './types.js';

/**
 * Builds the management pack of a period, and of a period to compare with when asked.
 * Takes the whole load result (a load with dataset errors is refused: `DATASET_ERRORS`)
 * and checks every option first (see `checkManagementPackOptions`); a bad one throws a
 * `CarebillError` naming it. Fees by source that fail to add up throw `INTERNAL` (a bug,
 * never bad data).
 *
 * @example
 * const pack = buildManagementPack(loadDataset(files), {
 *   period: { from: parseDay('2024-11-01')!, to: parseDay('2024-11-30')! },
 *   compare: { from: parseDay('2024-10-01')!, to: parseDay('2024-10-31')! },
 * });
 * pack.group.feesPence === pack.group.byFunding.reduce((sum, share) => sum + share.pence, 0)
 */
export function buildManagementPack(
  loaded: LoadedDataset,
  options: ManagementPackOptions,
): ManagementPack {
  checkLoaded(loaded);
  const { dayRule } = resolveManagementPackOptions(options);
  const context = createChargeContext(loaded.dataset);
  const current = measurePeriod(loaded, context, options.period, options, dayRule);
  const previous =
    options.compare === undefined
      ? null
      : measurePeriod(loaded, context, options.compare, options, dayRule);

  const index = indexHomes(loaded.dataset, [
    ...current.fees.keys(),
    ...(previous?.fees.keys() ?? []),
  ]);
  const homes = figuresByHome(index, current, options.period);
  const group = groupFiguresOf(homes, current.occupancy.group);
  let compare: PackComparison | null = null;
  if (previous !== null && options.compare !== undefined) {
    const before = figuresByHome(index, previous, options.compare);
    const beforeGroup = groupFiguresOf(before, previous.occupancy.group);
    compare = {
      period: options.compare,
      homes: before.map((home, i) => ({
        ...home,
        change: changeBetween(homes[i] as HomeFigures, home),
      })),
      group: { ...beforeGroup, change: changeBetween(group, beforeGroup) },
    };
  }
  for (const figures of [
    ...homes,
    group,
    ...(compare?.homes ?? []),
    ...(compare ? [compare.group] : []),
  ]) {
    assertSharesAddUp(figures);
  }

  const periods = previous === null ? [current] : [current, previous];
  const chargeParked: ParkedEntry[] = periods.flatMap((p) => p.charges.parked);
  const warnings: Problem[] = [
    ...loaded.warnings,
    ...index.warnings,
    ...periods.flatMap((p) => [...p.charges.warnings, ...p.occupancy.warnings]),
    ...bookingsWithoutHome(periods),
    ...homes.flatMap((home) => occupancyAboveRooms(home, options.period)),
    ...(compare === null
      ? []
      : compare.homes.flatMap((home) => occupancyAboveRooms(home, compare.period))),
  ];
  return {
    period: options.period,
    dayRule,
    monthly52: options.monthly52 === true,
    homes,
    group,
    compare,
    parked: mergeParked(loaded.parked, chargeParked).map(withoutRepeats),
    warnings: sortProblems(uniqueProblems(warnings)),
  };
}

interface PeriodMeasures {
  readonly charges: Charges;
  readonly fees: ReadonlyMap<string | null, HomeFees>;
  readonly occupancy: Occupancy;
}

function measurePeriod(
  loaded: LoadedDataset,
  context: ChargeContext,
  period: DayRange,
  options: ManagementPackOptions,
  dayRule: DayRule,
): PeriodMeasures {
  const { dataset } = loaded;
  const charges = computeCharges(
    dataset,
    loaded.parkedServiceUsers,
    period,
    { dayRule, monthly52: options.monthly52 === true },
    context,
  );
  const excluded = new Set(loaded.parkedServiceUsers);
  for (const entry of charges.parked) {
    if (entry.serviceUser !== null) excluded.add(entry.serviceUser);
  }
  return {
    charges,
    fees: feesByHome(dataset, charges),
    occupancy: measureOccupancy(dataset, excluded, period, dayRule),
  };
}

function figuresByHome(
  index: HomeIndex,
  measures: PeriodMeasures,
  period: DayRange,
): HomeFigures[] {
  const outOfService = new Map<string, number>();
  for (const [room, days] of measures.occupancy.outOfServiceByRoom) {
    const home = index.homeOfRoom.get(room);
    if (home !== undefined) outOfService.set(home, (outOfService.get(home) ?? 0) + days);
  }
  return index.homes.map((home): HomeFigures => {
    const fees = measures.fees.get(home.location);
    const location = home.location;
    const figures = figuresOf(
      {
        feesPence: fees?.feesPence ?? 0,
        bySource: fees?.bySource ?? new Map(),
        occupied: measures.occupancy.byHome.get(location) ?? { bedDaysOccupied: 0, residents: 0 },
        rooms: location === null ? 0 : (index.roomsByHome.get(location) ?? 0),
        bedDaysOutOfService: location === null ? 0 : (outOfService.get(location) ?? 0),
      },
      period,
    );
    return { location, name: home.name, ...figures };
  });
}

const KEYS = ['period', 'compare', 'dayRule', 'monthly52'];

/**
 * The pack's options, checked: `period` and `compare` as a preview's period (days from
 * 1900 to 2199, `to` not before `from`, at most 366 days), a day rule of `day` or `night`,
 * `monthly52` true or false, no unknown key. Throws a `CarebillError` naming the option.
 *
 * @internal
 * @example resolveManagementPackOptions({ period: monthPeriod(2024, 11) }).dayRule === 'day'
 */
export function resolveManagementPackOptions(options: ManagementPackOptions): {
  readonly dayRule: DayRule;
} {
  const given = checkOptionKeys('options', options, KEYS);
  checkPeriod('period', given['period']);
  if (given['compare'] !== undefined) checkPeriod('compare', given['compare']);
  if (given['monthly52'] !== undefined) checkBoolean('monthly52', given['monthly52']);
  return {
    dayRule:
      given['dayRule'] === undefined
        ? 'day'
        : checkChoice('dayRule', given['dayRule'], ['day', 'night']),
  };
}

/**
 * Checks management pack options without a dataset, so a form or a command line can
 * refuse a bad option before loading anything. `buildManagementPack` makes the same checks.
 *
 * @example checkManagementPackOptions({ period: { from: parseDay('2024-11-30')!, to: parseDay('2024-11-01')! } })
 * // throws CarebillError { code: 'REVERSED_RANGE', option: 'period' }
 */
export function checkManagementPackOptions(options: ManagementPackOptions): void {
  resolveManagementPackOptions(options);
}

/** The fees by source add up to the fees, for every home and the group — or this is a bug. */
function assertSharesAddUp(figures: PackFigures): void {
  let parts = 0;
  for (const share of figures.byFunding) parts += share.pence;
  if (parts !== figures.feesPence) {
    throw internalError(`pack does not conserve fees: ${figures.feesPence} split as ${parts}`);
  }
}

function bookingsWithoutHome(periods: readonly PeriodMeasures[]): Problem[] {
  const bookings = new Map<string, Booking>();
  for (const { charges } of periods) {
    for (const { booking } of charges.feesByBooking.values()) {
      if (booking.location === null) bookings.set(booking.id, booking);
    }
  }
  return [...bookings.values()].map(
    (b): Problem => ({
      severity: 'warning',
      code: 'BOOKING_WITHOUT_HOME',
      resource: 'bookings',
      id: b.id,
      field: 'location',
      value: 'null',
      message: `this booking names no home (location), so its fees and bed-days are shown under "${NO_HOME_NAME}" in the management pack; set its location in CareHQ`,
    }),
  );
}

function occupancyAboveRooms(home: HomeFigures, period: DayRange): Problem[] {
  if (home.location === null || home.bedDaysAvailable === null) return [];
  if (home.bedDaysOccupied <= home.bedDaysAvailable) return [];
  return [
    {
      severity: 'warning',
      code: 'OCCUPANCY_ABOVE_ROOMS',
      resource: 'locations',
      id: home.location,
      field: '',
      value: String(home.bedDaysOccupied),
      message: `${home.name} had ${home.bedDaysOccupied} occupied bed-days from ${formatDay(period.from)} to ${formatDay(period.to)} but only ${home.bedDaysAvailable} available: its rooms in rooms.json are incomplete, rooms are shared, or residents stayed in rooms out of service; check the rooms and out-of-service bookings`,
    },
  ];
}

function uniqueProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.code}\u0000${p.resource}\u0000${p.id}\u0000${p.field}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function withoutRepeats(entry: ParkedEntry): ParkedEntry {
  return { serviceUser: entry.serviceUser, problems: uniqueProblems(entry.problems) };
}
