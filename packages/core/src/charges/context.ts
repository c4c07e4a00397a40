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
  /** Each resident's default payer (SPEC §3.3 "Default payer"), resolved once. */
  readonly defaultPayers: ReadonlyMap<string, DefaultPayer>;
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
    defaultPayers: resolveDefaultPayers(dataset),
  };
}

/**
 * SPEC §3.3: the resident when their own `billing_enabled` is true; otherwise their one
 * contact with `billing_enabled` true and `future_billing_disabled` not true. Two or more
 * such contacts is ambiguous: nobody is guessed, the days go to `unallocated` (NO_PAYER).
 */
function resolveDefaultPayers(dataset: Dataset): Map<string, DefaultPayer> {
  const candidates = new Map<string, string[]>();
  for (const contact of dataset.serviceUserContacts.values()) {
    if (contact.billingEnabled && !contact.futureBillingDisabled) {
      const list = candidates.get(contact.serviceUser);
      if (list) list.push(contact.id);
      else candidates.set(contact.serviceUser, [contact.id]);
    }
  }
  const result = new Map<string, DefaultPayer>();
  for (const resident of dataset.serviceUsers.values()) {
    const id = resident.id;
    result.set(
      id,
      resident.billingEnabled
        ? { payer: { kind: 'service_user', id }, ambiguous: false }
        : contactPayer(candidates.get(id)),
    );
  }
  // Contacts of a resident with no record: nobody else can pay for them.
  for (const [id, contacts] of candidates)
    if (!dataset.serviceUsers.has(id)) result.set(id, contactPayer(contacts));
  return result;
}

const NO_DEFAULT_PAYER: DefaultPayer = { payer: null, ambiguous: false };
const AMBIGUOUS_DEFAULT_PAYER: DefaultPayer = { payer: null, ambiguous: true };

/** The one billing contact, or none (shared: most residents have no such contact). */
function contactPayer(contacts: readonly string[] | undefined): DefaultPayer {
  const only = contacts?.length === 1 ? contacts[0] : undefined;
  if (only !== undefined)
    return { payer: { kind: 'service_user_contact', id: only }, ambiguous: false };
  // Stryker disable next-line EqualityOperator: with exactly one contact `only` is set, so this branch never sees 1
  return contacts !== undefined && contacts.length > 1 ? AMBIGUOUS_DEFAULT_PAYER : NO_DEFAULT_PAYER;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
