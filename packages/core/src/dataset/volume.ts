/**
 * How much data one file and one resident may hold (docs/input.md "Limits"): bounds that
 * keep every sum over records exact (`limits.ts`).
 */

import { MAX_CONTRACTS_PER_RESIDENT, MAX_RECORDS_PER_FILE } from './limits.js';
import type { BillingContract, ResourceName } from './model.js';
import type { Problem } from './problems.js';
import { compareText } from './problems.js';

/**
 * A TOO_MANY_RECORDS dataset error when a file holds more than {@link MAX_RECORDS_PER_FILE}
 * records, else null.
 *
 * @example tooManyRecords('bookings', 12) === null
 */
export function tooManyRecords(resource: ResourceName, count: number): Problem | null {
  if (count <= MAX_RECORDS_PER_FILE) return null;
  return {
    severity: 'dataset',
    code: 'TOO_MANY_RECORDS',
    resource,
    id: '',
    field: '',
    value: String(count),
    message: `${resource}.json holds ${count.toLocaleString('en-GB')} records; carebill reads at most ${MAX_RECORDS_PER_FILE.toLocaleString('en-GB')} a file, so split the dataset (one folder per group of homes)`,
  };
}

/**
 * A TOO_MANY_CONTRACTS record error for each resident with more than
 * {@link MAX_CONTRACTS_PER_RESIDENT} billing contracts, on the first contract past the
 * limit (by start date, then id), so the resident is parked.
 *
 * @example findResidentsWithTooManyContracts(contracts) // [] for any real home
 */
export function findResidentsWithTooManyContracts(
  contracts: readonly BillingContract[],
): Problem[] {
  const byResident = new Map<string, BillingContract[]>();
  for (const contract of contracts) {
    if (contract.serviceUser === null) continue;
    const list = byResident.get(contract.serviceUser);
    if (list) list.push(contract);
    else byResident.set(contract.serviceUser, [contract]);
  }
  const problems: Problem[] = [];
  for (const [resident, list] of byResident) {
    if (list.length <= MAX_CONTRACTS_PER_RESIDENT) continue;
    list.sort((a, b) => a.startDate - b.startDate || compareText(a.id, b.id));
    const first = list[MAX_CONTRACTS_PER_RESIDENT] as BillingContract;
    problems.push({
      severity: 'record',
      code: 'TOO_MANY_CONTRACTS',
      resource: 'billing-contracts',
      id: first.id,
      field: 'service_user',
      value: JSON.stringify(resident),
      message: `resident ${JSON.stringify(resident)} has ${list.length.toLocaleString('en-GB')} billing contracts; carebill takes at most ${MAX_CONTRACTS_PER_RESIDENT} a resident, so end or remove the old ones in CareHQ`,
    });
  }
  return problems;
}
