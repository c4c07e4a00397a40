/**
 * One list of parked residents from the loader's and the charge runs' (a resident parked
 * by both is listed once, with every reason).
 */
import type { ParkedEntry } from '../dataset/load-types.js';
import { compareText, type Problem, sortProblems } from '../dataset/problems.js';

/**
 * Merges parked entries by resident, sorted by resident id; entries without one last.
 *
 * @example mergeParked(loaded.parked, charges.parked)
 */
export function mergeParked(
  fromLoading: readonly ParkedEntry[],
  fromCharging: readonly ParkedEntry[],
): ParkedEntry[] {
  const byResident = new Map<string, Problem[]>();
  const unkeyed: ParkedEntry[] = [];
  for (const entry of [...fromLoading, ...fromCharging]) {
    if (entry.serviceUser === null) {
      unkeyed.push(entry);
      continue;
    }
    const problems = byResident.get(entry.serviceUser) ?? [];
    problems.push(...entry.problems);
    byResident.set(entry.serviceUser, problems);
  }
  const keyed = [...byResident]
    .sort(([a], [b]) => compareText(a, b))
    .map(
      ([serviceUser, problems]): ParkedEntry => ({ serviceUser, problems: sortProblems(problems) }),
    );
  return [...keyed, ...unkeyed];
}
