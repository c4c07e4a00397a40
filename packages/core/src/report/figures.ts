/**
 * The pack's derived figures (SPEC §11) and their one rounding each:
 *
 *     bed_days_available       = rooms × days of the period − out-of-service bed-days
 *     occupancy_permille       = roundHalfUp(occupied × 1000 / available)
 *     average_weekly_fee_pence = roundHalfUp(fees × 7 / occupied)
 *
 * For the group: fees and rooms add up over the homes, occupied bed-days and residents are
 * counted once a resident (a resident who moved homes is one resident), and the available
 * bed-days are the homes' sum — unknown (null) when a home where residents stayed has no
 * rooms on record, since its beds cannot be counted.
 */
import { countDays, type DayRange } from '../calendar/range.js';
import { mulDivHalfUp } from '../money/round.js';
import { sortedShares } from './funding.js';
import type { Occupied } from './occupancy.js';
import type { PackChange, PackFigures } from './types.js';

export interface HomeMeasures {
  readonly feesPence: number;
  readonly bySource: ReadonlyMap<string, number>;
  readonly occupied: Occupied;
  readonly rooms: number;
  readonly bedDaysOutOfService: number;
}

/**
 * A home's figures from what was measured of it.
 *
 * @example figuresOf({ feesPence: 593803, bySource, occupied: { bedDaysOccupied: 30, residents: 1 }, rooms: 1, bedDaysOutOfService: 0 }, november).averageWeeklyFeePence === 138554
 */
export function figuresOf(measures: HomeMeasures, period: DayRange): PackFigures {
  const { rooms, occupied } = measures;
  const available = rooms > 0 ? rooms * countDays(period) - measures.bedDaysOutOfService : null;
  return finish(
    measures.feesPence,
    measures.bySource,
    occupied,
    rooms,
    rooms > 0 ? measures.bedDaysOutOfService : null,
    available,
  );
}

/**
 * The group's figures from its homes' and the group's own occupancy (residents once each).
 *
 * @example groupFiguresOf(homes, occupancy.group).feesPence === charges.feesPence
 */
export function groupFiguresOf(homes: readonly PackFigures[], occupied: Occupied): PackFigures {
  let feesPence = 0;
  let rooms = 0;
  let outOfService = 0;
  let available = 0;
  let uncounted = false;
  const bySource = new Map<string, number>();
  for (const home of homes) {
    feesPence += home.feesPence;
    for (const { source, pence } of home.byFunding) {
      bySource.set(source, (bySource.get(source) ?? 0) + pence);
    }
    rooms += home.rooms;
    if (home.bedDaysAvailable === null) {
      if (home.bedDaysOccupied > 0) uncounted = true;
      continue;
    }
    outOfService += home.bedDaysOutOfService ?? 0;
    available += home.bedDaysAvailable;
  }
  const anyRooms = rooms > 0;
  return finish(
    feesPence,
    bySource,
    occupied,
    rooms,
    anyRooms ? outOfService : null,
    anyRooms && !uncounted ? available : null,
  );
}

function finish(
  feesPence: number,
  bySource: ReadonlyMap<string, number>,
  occupied: Occupied,
  rooms: number,
  bedDaysOutOfService: number | null,
  bedDaysAvailable: number | null,
): PackFigures {
  const { bedDaysOccupied, residents } = occupied;
  return {
    feesPence,
    byFunding: sortedShares(bySource),
    bedDaysOccupied,
    residents,
    rooms,
    bedDaysOutOfService,
    bedDaysAvailable,
    occupancyPermille:
      bedDaysAvailable === null || bedDaysAvailable <= 0
        ? null
        : mulDivHalfUp(bedDaysOccupied, 1000, bedDaysAvailable),
    averageWeeklyFeePence: bedDaysOccupied > 0 ? mulDivHalfUp(feesPence, 7, bedDaysOccupied) : null,
  };
}

/**
 * This period's figures less the compared period's.
 *
 * @example changeBetween(november, october).feesPence === november.feesPence - october.feesPence
 */
export function changeBetween(now: PackFigures, before: PackFigures): PackChange {
  const feesPence = now.feesPence - before.feesPence;
  return {
    feesPence,
    feesPermille: before.feesPence > 0 ? mulDivHalfUp(feesPence, 1000, before.feesPence) : null,
    occupancyPermille: difference(now.occupancyPermille, before.occupancyPermille),
    averageWeeklyFeePence: difference(now.averageWeeklyFeePence, before.averageWeeklyFeePence),
  };
}

function difference(now: number | null, before: number | null): number | null {
  return now === null || before === null ? null : now - before;
}
