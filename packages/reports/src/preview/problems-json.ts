/**
 * The snake_case shapes of problems and parked records, as `preview.json`, `runway.json`
 * (SPEC §6) and `carebill validate --json` write them. One mapping, so every output names
 * fields alike.
 */
import type { LoadedDataset, ParkedEntry, Problem } from '@carebill/core';

/** A problem under `parked[].problems`: `{resource, id, field, code, message}`. */
export interface ProblemJson {
  readonly resource: string;
  readonly id: string;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** A run-level warning: `{code, resource, id, field, message}`. */
export interface WarningJson {
  readonly code: string;
  readonly resource: string;
  readonly id: string;
  readonly field: string;
  readonly message: string;
}

/** A parked resident (or contact, with `service_user` null) and every reason. */
export interface ParkedJson {
  readonly service_user: string | null;
  readonly problems: readonly ProblemJson[];
}

/**
 * A problem in the key order of `parked[].problems`.
 *
 * @example problemToJson(p) // { resource: 'bookings', id: 'bk-7', field: 'rate', code: 'BAD_MONEY', message: '…' }
 */
export function problemToJson(problem: Problem): ProblemJson {
  return {
    resource: problem.resource,
    id: problem.id,
    field: problem.field,
    code: problem.code,
    message: problem.message,
  };
}

/**
 * A warning in the key order of `warnings`.
 *
 * @example warningToJson(w) // { code: 'DD_WITHOUT_MANDATE', resource: 'service-user-contacts', id: 'suc-1', field: '…', message: '…' }
 */
export function warningToJson(problem: Problem): WarningJson {
  return {
    code: problem.code,
    resource: problem.resource,
    id: problem.id,
    field: problem.field,
    message: problem.message,
  };
}

/**
 * Parked entries as `preview.json` lists them.
 *
 * @example parkedToJson([{ serviceUser: 'su-7', problems: [p] }]) // [{ service_user: 'su-7', problems: [{…}] }]
 */
export function parkedToJson(parked: readonly ParkedEntry[]): ParkedJson[] {
  return parked.map((entry) => ({
    service_user: entry.serviceUser,
    problems: entry.problems.map(problemToJson),
  }));
}

/** A problem with the offending value, shortened to 80 characters (SPEC §2.1). */
type WithValue<T> = T & { readonly value: string };

/** `carebill validate --json`: `{errors, parked, warnings}`, each problem with its value. */
export interface ValidationReportJson {
  readonly errors: readonly WithValue<WarningJson>[];
  readonly parked: readonly {
    readonly service_user: string | null;
    readonly problems: readonly WithValue<ProblemJson>[];
  }[];
  readonly warnings: readonly WithValue<WarningJson>[];
}

/**
 * The whole validation report as the text `carebill validate --json` prints:
 * `{errors, parked, warnings}` in the same shapes as `preview.json`, each problem followed
 * by its `value`; 2-space indent and a trailing newline.
 *
 * @example
 * const loaded = loadDataset(files);
 * const report = JSON.parse(renderValidationReportJson(loaded));
 * report.errors.length === loaded.errors.length
 */
export function renderValidationReportJson(loaded: LoadedDataset): string {
  const withValue = (p: Problem) => ({ ...warningToJson(p), value: p.value });
  const report: ValidationReportJson = {
    errors: loaded.errors.map(withValue),
    parked: loaded.parked.map((entry) => ({
      service_user: entry.serviceUser,
      problems: entry.problems.map((p) => ({ ...problemToJson(p), value: p.value })),
    })),
    warnings: loaded.warnings.map(withValue),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
