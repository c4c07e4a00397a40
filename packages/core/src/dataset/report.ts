/**
 * The problem report with the spec's snake_case names (SPEC §6 `parked` and `warnings`),
 * shared by `carebill validate --json` and the outputs that embed problems.
 */
import type { LoadedDataset, ParkedEntry } from './load-types.js';
import type { Problem } from './problems.js';

/** A warning or dataset error as written in JSON reports. */
export interface ProblemJson {
  readonly code: string;
  readonly resource: string;
  readonly id: string;
  readonly field: string;
  readonly message: string;
  /** The offending value, shortened to 80 characters (SPEC §2.1). */
  readonly value: string;
}

/** A parked record's problem as written in JSON reports. */
export interface ParkedProblemJson {
  readonly resource: string;
  readonly id: string;
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly value: string;
}

export interface ParkedJson {
  readonly service_user: string | null;
  readonly problems: readonly ParkedProblemJson[];
}

export interface ValidationReportJson {
  readonly errors: readonly ProblemJson[];
  readonly parked: readonly ParkedJson[];
  readonly warnings: readonly ProblemJson[];
}

/**
 * A warning or error in the key order of §6 (`code, resource, id, field, message`), then
 * the value.
 *
 * @example problemToJson(problem) // { code: 'FORMULA_TEXT', resource: 'rooms', id: 'r1', … }
 */
export function problemToJson(problem: Problem): ProblemJson {
  return {
    code: problem.code,
    resource: problem.resource,
    id: problem.id,
    field: problem.field,
    message: problem.message,
    value: problem.value,
  };
}

/**
 * Parked entries in the shape of §6: `{service_user, problems: [{resource, id, field, code, message}]}`.
 *
 * @example parkedToJson(loaded.parked)[0].service_user === '6724fbca4f73a2cebf63868a'
 */
export function parkedToJson(parked: readonly ParkedEntry[]): ParkedJson[] {
  return parked.map((entry) => ({
    service_user: entry.serviceUser,
    problems: entry.problems.map((p) => ({
      resource: p.resource,
      id: p.id,
      field: p.field,
      code: p.code,
      message: p.message,
      value: p.value,
    })),
  }));
}

/**
 * The whole validation report, as `carebill validate --json` prints it.
 *
 * @example JSON.stringify(validationReportJson(loadDataset(files)))
 */
export function validationReportJson(loaded: LoadedDataset): ValidationReportJson {
  return {
    errors: loaded.errors.map(problemToJson),
    parked: parkedToJson(loaded.parked),
    warnings: loaded.warnings.map(problemToJson),
  };
}
