/**
 * Indexes of the dataset that charging looks things up in, built once per run.
 */
import type { BillingContract, Dataset, PayerRef } from '../dataset/model.js';
import { compareText } from '../dataset/problems.js';

export interface ChargeContext {
  readonly dataset: Dataset;
  readonly contractsByServiceUser: ReadonlyMap<string, readonly BillingContract[]>;
  /** `block_bed` contracts without a resident, by location. */
  readonly blockBedContractsByLocation: ReadonlyMap<string, readonly BillingContract[]>;
  /**
   * A resident's default payer (SPEC §3.3 "Default payer"), resolved when asked: only the
   * days no contract covers need one.
   */
  readonly defaultPayer: (serviceUser: string) => DefaultPayer;
}

/** Who pays a resident's days that no contract covers. */
export type DefaultPayer =
  | { readonly payer: PayerRef; readonly ambiguous: false }
  | { readonly payer: null; readonly ambiguous: boolean };

/**
 * Builds the lookups charging needs. Cancelled contracts are left out here, once.
 *
 * @example const context = createChargeContext(loaded.dataset)
 */
export function createChargeContext(dataset: Dataset): ChargeContext {
  const contractsByServiceUser = new Map<string, BillingContract[]>();
  const blockBedContractsByLocation = new Map<string, BillingContract[]>();
  // Id order, so that results never depend on the order records came in.
  const contracts = [...dataset.contracts].sort((a, b) => compareText(a.id, b.id));
  for (const contract of contracts) {
    if (contract.cancelled) continue;
    if (contract.serviceUser !== null) {
      pushTo(contractsByServiceUser, contract.serviceUser, contract);
    } else if (contract.contributionType === 'block_bed') {
      // Stryker disable next-line ConditionalExpression: a block-bed contract without a location is never looked up (a block bed booking has one)
      if (contract.location !== null)
        pushTo(blockBedContractsByLocation, contract.location, contract);
    }
  }
  return {
    dataset,
    contractsByServiceUser,
    blockBedContractsByLocation,
    defaultPayer: defaultPayerResolver(dataset),
  };
}

/**
 * SPEC §3.3: the resident when their own `billing_enabled` is true; otherwise their one
 * contact with `billing_enabled` true and `future_billing_disabled` not true. Two or more
 * such contacts is ambiguous: nobody is guessed, the days go to `unallocated` (NO_PAYER).
 */
function defaultPayerResolver(dataset: Dataset): (serviceUser: string) => DefaultPayer {
  const candidates = new Map<string, string[]>();
  for (const contact of dataset.serviceUserContacts.values()) {
    if (contact.billingEnabled && !contact.futureBillingDisabled)
      pushTo(candidates, contact.serviceUser, contact.id);
  }
  return (id) => {
    if (dataset.serviceUsers.get(id)?.billingEnabled)
      return { payer: { kind: 'service_user', id }, ambiguous: false };
    const contacts = candidates.get(id) ?? [];
    const only = contacts.length === 1 ? contacts[0] : undefined;
    return only !== undefined
      ? { payer: { kind: 'service_user_contact', id: only }, ambiguous: false }
      : // Stryker disable next-line EqualityOperator: with exactly one contact `only` is set, so this branch never sees 1
        { payer: null, ambiguous: contacts.length > 1 };
  };
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
