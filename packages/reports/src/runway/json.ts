/**
 * `runway.json` (SPEC §6): snake_case, amounts in integer pence, dates `YYYY-MM-DD`,
 * deterministic key order, two-space indent and a trailing newline.
 */
import { type Day, formatDay, type Problem, type Runway } from '@carebill/core';

const dayOrNull = (day: Day | null) => (day === null ? null : formatDay(day));

/** A problem as `runway.json` and `preview.json` write it. */
export function problemJson(problem: Problem) {
  return {
    code: problem.code,
    resource: problem.resource,
    id: problem.id,
    field: problem.field,
    message: problem.message,
  };
}

/**
 * The runway as the JSON text of SPEC §6.
 *
 * @example
 * await writeFile('out/runway.json', renderRunwayJson(projectRunway(dataset, parked, { asOf })))
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
    parked: runway.parked.map((entry) => ({
      service_user: entry.serviceUser,
      problems: entry.problems.map((p) => ({
        resource: p.resource,
        id: p.id,
        field: p.field,
        code: p.code,
        message: p.message,
      })),
    })),
    warnings: runway.warnings.map(problemJson),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
