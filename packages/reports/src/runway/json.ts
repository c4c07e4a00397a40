/**
 * `runway.json` (SPEC §6): snake_case, amounts in integer pence, dates `YYYY-MM-DD`,
 * deterministic key order, two-space indent and a trailing newline.
 */
import { type Day, formatDay, type Runway } from '@carebill/core';
import { parkedToJson, warningToJson } from '../preview/problems-json.js';

const dayOrNull = (day: Day | null) => (day === null ? null : formatDay(day));

/**
 * The runway as the JSON text of SPEC §6.
 *
 * @example
 * const runway = projectRunway(loaded, { asOf: parseDay('2024-11-22')! });
 * JSON.parse(renderRunwayJson(runway)).as_of === '2024-11-22'
 */
export function renderRunwayJson(runway: Runway): string {
  const document = {
    as_of: formatDay(runway.asOf),
    horizon_end: formatDay(runway.horizonEnd),
    region: runway.region,
    limits: { upper_pence: runway.limits.upperPence, lower_pence: runway.limits.lowerPence },
    funds: runway.funds.map((fund) => ({
      id: fund.id,
      service_user: fund.serviceUser,
      description: fund.description,
      balance_as_of_pence: fund.balanceAsOfPence,
      depletion_date: dayOrNull(fund.depletionDate),
      notify_depletion_by: dayOrNull(fund.notifyDepletionBy),
      monthly: fund.monthly.map((m) => ({
        month: m.month,
        closing_balance_pence: m.closingBalancePence,
      })),
    })),
    service_users: runway.serviceUsers.map((resident) => ({
      id: resident.id,
      name: resident.name,
      total_as_of_pence: resident.totalAsOfPence,
      upper_limit_date: dayOrNull(resident.upperLimitDate),
      lower_limit_date: dayOrNull(resident.lowerLimitDate),
      notify_council_by: dayOrNull(resident.notifyCouncilBy),
      flags: [...resident.flags],
    })),
    parked: parkedToJson(runway.parked),
    warnings: runway.warnings.map(warningToJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
