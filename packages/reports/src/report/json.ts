/**
 * `report.json` (SPEC §11): the management pack in snake_case, amounts in integer pence,
 * dates `YYYY-MM-DD`, keys in a fixed order, two-space indent and a trailing newline.
 *
 *     { "period": {"from", "to"}, "day_rule", "monthly52",
 *       "homes": [{ "location", "name", …figures }], "group": { …figures },
 *       "compare": { "period", "homes": [{ "location", "name", …figures, "change" }],
 *                    "group": { …figures, "change" } },          (only with --compare)
 *       "parked": [...], "warnings": [...] }
 *
 * figures: `fees_pence`, `by_funding` [{ "source", "pence" }], `bed_days_occupied`,
 * `residents`, `rooms`, `bed_days_out_of_service`, `bed_days_available`,
 * `occupancy_permille`, `average_weekly_fee_pence`; change: `fees_pence`, `fees_permille`,
 * `occupancy_permille`, `average_weekly_fee_pence` (this period less the compared one).
 */
import {
  type DayRange,
  formatDay,
  type ManagementPack,
  type PackChange,
  type PackFigures,
} from '@carebill/core';
import { parkedToJson, warningToJson } from '../preview/problems-json.js';

/**
 * The management pack as the text of `report.json`.
 *
 * @example
 * await writeFile('out/report.json', renderManagementPackJson(buildManagementPack(loaded, { period })))
 */
export function renderManagementPackJson(pack: ManagementPack): string {
  const document = {
    period: periodToJson(pack.period),
    day_rule: pack.dayRule,
    monthly52: pack.monthly52,
    homes: pack.homes.map((home) => ({
      location: home.location,
      name: home.name,
      ...figuresToJson(home),
    })),
    group: figuresToJson(pack.group),
    ...(pack.compare !== null && {
      compare: {
        period: periodToJson(pack.compare.period),
        homes: pack.compare.homes.map((home) => ({
          location: home.location,
          name: home.name,
          ...figuresToJson(home),
          change: changeToJson(home.change),
        })),
        group: {
          ...figuresToJson(pack.compare.group),
          change: changeToJson(pack.compare.group.change),
        },
      },
    }),
    parked: parkedToJson(pack.parked),
    warnings: pack.warnings.map(warningToJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

function periodToJson(period: DayRange) {
  return { from: formatDay(period.from), to: formatDay(period.to) };
}

function figuresToJson(figures: PackFigures) {
  return {
    fees_pence: whole(figures.feesPence),
    by_funding: figures.byFunding.map((share) => ({
      source: share.source,
      pence: whole(share.pence),
    })),
    bed_days_occupied: figures.bedDaysOccupied,
    residents: figures.residents,
    rooms: figures.rooms,
    bed_days_out_of_service: figures.bedDaysOutOfService,
    bed_days_available: figures.bedDaysAvailable,
    occupancy_permille: figures.occupancyPermille,
    average_weekly_fee_pence: figures.averageWeeklyFeePence,
  };
}

function changeToJson(change: PackChange) {
  return {
    fees_pence: whole(change.feesPence),
    fees_permille: change.feesPermille,
    occupancy_permille: change.occupancyPermille,
    average_weekly_fee_pence: change.averageWeeklyFeePence,
  };
}

function whole(pence: number): number {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`not a whole number of pence: ${pence}`);
  return pence;
}
