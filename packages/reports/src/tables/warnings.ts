/**
 * Warnings and parked records in one table: what a person must look at after a run.
 */
import type { Preview, Problem } from '@carebill/core';
import type { Column } from './columns.js';

export interface WarningRow {
  readonly kind: 'Warning' | 'Parked';
  readonly serviceUser: string | null;
  readonly problem: Problem;
}

/** The columns of the Warnings table. */
export const WARNING_COLUMNS: readonly Column<WarningRow>[] = [
  { header: 'Kind', kind: 'text', value: (r) => r.kind },
  { header: 'Code', kind: 'text', value: (r) => r.problem.code },
  { header: 'Resource', kind: 'text', value: (r) => r.problem.resource },
  { header: 'Id', kind: 'text', value: (r) => r.problem.id },
  { header: 'Field', kind: 'text', value: (r) => r.problem.field },
  { header: 'Resident parked', kind: 'text', value: (r) => r.serviceUser ?? '' },
  { header: 'Message', kind: 'text', value: (r) => r.problem.message },
];

/**
 * Parked records first (they stop billing), then the run's warnings.
 *
 * @example warningRows(preview).filter((r) => r.kind === 'Warning').length === preview.warnings.length
 */
export function warningRows(preview: Preview): WarningRow[] {
  return [
    ...preview.parked.flatMap((entry) =>
      entry.problems.map(
        (problem): WarningRow => ({ kind: 'Parked', serviceUser: entry.serviceUser, problem }),
      ),
    ),
    ...preview.warnings.map(
      (problem): WarningRow => ({ kind: 'Warning', serviceUser: null, problem }),
    ),
  ];
}
