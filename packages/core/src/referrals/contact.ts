/**
 * Who the charity should contact about a resident (SPEC §9, `referral_role` 1): the
 * resident's billing contact.
 */
import type { Day } from '../calendar/day.js';
import type { BillingContract, Dataset, ServiceUserContact } from '../dataset/model.js';
import { compareText } from '../dataset/problems.js';

function isLiveOn(contract: BillingContract, day: Day): boolean {
  return (
    !contract.cancelled &&
    contract.startDate <= day &&
    (contract.endDate === null || day <= contract.endDate)
  );
}

/**
 * The resident's billing contact at `asOf`: the service user contact who is the payer of
 * the live balance-payer contract (`fee_contribution` null), else the resident's first
 * billing-enabled service user contact by id; null when there is none.
 *
 * A balance payer that is a council (location contact) or the resident themself does not
 * count: the charity needs a person close to the resident. Several live balance payers
 * (a parked resident, normally) resolve to the lowest contract id, so the answer is stable.
 *
 * @example findBillingContact(dataset, 'su1', parseDay('2025-06-14')!)?.id === 'c1'
 */
export function findBillingContact(
  dataset: Dataset,
  serviceUser: string,
  asOf: Day,
): ServiceUserContact | null {
  const balancePayers = dataset.contracts
    .filter(
      (c) =>
        c.serviceUser === serviceUser &&
        c.feeContributionPence === null &&
        c.payer.kind === 'service_user_contact' &&
        isLiveOn(c, asOf),
    )
    .sort((a, b) => compareText(a.id, b.id));
  for (const contract of balancePayers) {
    const contact = dataset.serviceUserContacts.get(contract.payer.id);
    if (contact) return contact;
  }
  const enabled = [...dataset.serviceUserContacts.values()]
    .filter((c) => c.serviceUser === serviceUser && c.billingEnabled)
    .sort((a, b) => compareText(a.id, b.id));
  return enabled[0] ?? null;
}
