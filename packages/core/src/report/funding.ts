/**
 * Each home's fees and who bears them (SPEC §11), from the preview's own charges: no fee
 * is computed here, only summed.
 *
 * - A home's fees are the fees of its bookings (`Charges.feesByBooking`).
 * - Each penny of them is on a contract line (invoiced or unbilled), counted under the
 *   contract's `contribution_type` as written (`unspecified` when the contract has none);
 *   on a default-payer line, counted under `private`; or unallocated, under `unallocated`
 *   (negative when contracts pay more than the fee).
 * - The parts must add up to each home's fees, and the homes to the period's: checked on
 *   every run, like the preview's conservation. A difference is a bug and throws.
 */

import type { Charges } from '../charges/compute.js';
import type { BillingContract, Dataset } from '../dataset/model.js';
import { compareText } from '../dataset/problems.js';
import { internalError } from '../errors/carebill-error.js';
import type { FundingShare } from './types.js';

/** The source of default-payer lines: the resident or their family pays. */
export const PRIVATE_SOURCE = 'private';
/** The source of what no payer covers. */
export const UNALLOCATED_SOURCE = 'unallocated';
/** The source of a contract line whose contract has no `contribution_type`. */
export const UNSPECIFIED_SOURCE = 'unspecified';

/** One home's fees and their parts by source (unsorted; zero parts kept until the end). */
export interface HomeFees {
  feesPence: number;
  readonly bySource: Map<string, number>;
}

/**
 * Fees by home (null: bookings naming no home), each split by funding source.
 *
 * @example feesByHome(dataset, charges).get('loc1')?.feesPence === charges.feesPence // one home
 */
export function feesByHome(dataset: Dataset, charges: Charges): Map<string | null, HomeFees> {
  // Lines carry their contract; unbilled entries only its id.
  const contracts = new Map<string, BillingContract>(dataset.contracts.map((c) => [c.id, c]));
  const homes = new Map<string | null, HomeFees>();
  // Lines come booking by booking, so most lookups hit the home of the line before.
  let lastLocation: string | null | undefined;
  let lastHome: HomeFees | undefined;
  const homeAt = (location: string | null): HomeFees => {
    if (location === lastLocation && lastHome !== undefined) return lastHome;
    let home = homes.get(location);
    if (home === undefined) {
      home = { feesPence: 0, bySource: new Map() };
      homes.set(location, home);
    }
    lastLocation = location;
    lastHome = home;
    return home;
  };
  const locationOf = (booking: string): string | null => {
    const fee = charges.feesByBooking.get(booking);
    if (fee === undefined) throw internalError(`pack: booking ${booking} has no fee`);
    return fee.booking.location;
  };
  const add = (home: HomeFees, source: string, pence: number): void => {
    home.bySource.set(source, (home.bySource.get(source) ?? 0) + pence);
  };

  for (const { booking, feePence } of charges.feesByBooking.values()) {
    homeAt(booking.location).feesPence += feePence;
  }
  for (const line of charges.lines) {
    add(homeAt(line.booking.location), sourceOf(line.contract), line.amountPence);
  }
  for (const entry of charges.unbilled) {
    const contract = entry.contract === null ? null : contracts.get(entry.contract);
    if (contract === undefined)
      throw internalError(`pack: unbilled contract ${entry.contract} unknown`);
    add(homeAt(locationOf(entry.booking)), sourceOf(contract), entry.amountPence);
  }
  for (const entry of charges.unallocated) {
    add(homeAt(locationOf(entry.booking)), UNALLOCATED_SOURCE, entry.amountPence);
  }

  assertPartsAddUp(homes, charges.feesPence);
  return homes;
}

/**
 * The funding source of a line: its contract's `contribution_type` as written, or
 * `private` for a default-payer line.
 *
 * @example sourceOf(null) === 'private'; sourceOf(fncContract) === 'fnc'
 */
export function sourceOf(contract: Pick<BillingContract, 'contributionType'> | null): string {
  if (contract === null) return PRIVATE_SOURCE;
  return contract.contributionType === '' ? UNSPECIFIED_SOURCE : contract.contributionType;
}

/**
 * The parts as the pack lists them: sources with a non-zero total, pence descending, then
 * source.
 *
 * @example sortedShares(new Map([['fnc', 100], ['private', 300], ['top_up', 0]])) // [{ source: 'private', pence: 300 }, { source: 'fnc', pence: 100 }]
 */
export function sortedShares(bySource: ReadonlyMap<string, number>): FundingShare[] {
  return [...bySource]
    .filter(([, pence]) => pence !== 0)
    .map(([source, pence]) => ({ source, pence }))
    .sort((a, b) => b.pence - a.pence || compareText(a.source, b.source));
}

/** Every home's parts add up to its fees, and the homes to the period's fees — or this is a bug. */
function assertPartsAddUp(homes: ReadonlyMap<string | null, HomeFees>, feesPence: number): void {
  let total = 0;
  for (const [location, home] of homes) {
    let parts = 0;
    for (const pence of home.bySource.values()) parts += pence;
    if (parts !== home.feesPence) {
      throw internalError(
        `pack does not conserve fees: home ${location ?? '(none)'} has fees ${home.feesPence} but its funding sources add to ${parts}`,
      );
    }
    total += home.feesPence;
  }
  if (total !== feesPence) {
    throw internalError(
      `pack does not conserve fees: homes add to ${total}, the period's fees are ${feesPence}`,
    );
  }
}
