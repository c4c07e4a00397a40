/**
 * A small trusted dataset for the `refer` tests, from core's test builders.
 */
import type {
  BillingContract,
  LoadedDataset,
  ServiceUser,
  ServiceUserContact,
} from '@carebill/core';
import { contract, d, dataset, loaded } from '@carebill/core/testing';

export { d, serviceUser, serviceUserContact } from '@carebill/core/testing';

/** A live balance-payer contract of a resident, paid by one of their contacts. */
export function balancePayer(
  id: string,
  serviceUserId: string,
  contactId: string,
): BillingContract {
  return contract({
    id,
    serviceUser: serviceUserId,
    startDate: d('2020-01-01'),
    payer: { kind: 'service_user_contact', id: contactId },
  });
}

/** A loaded dataset with no problems, holding the given residents, contacts and contracts. */
export function loadedHome(parts: {
  serviceUsers: ServiceUser[];
  serviceUserContacts: ServiceUserContact[];
  contracts: BillingContract[];
}): LoadedDataset {
  return loaded(dataset({ ...parts, locationContacts: [] }));
}
