/**
 * Looking up who a payer is.
 */
import type { BillingParty, Dataset, PayerRef } from '../dataset/model.js';

/**
 * The record of a payer, or undefined when its resource file was not supplied.
 *
 * @example findParty(dataset, { kind: 'location_contact', id: '66bfb4bc9ab4e3d6eb73492a' })?.displayName
 */
export function findParty(dataset: Dataset, payer: PayerRef): BillingParty | undefined {
  switch (payer.kind) {
    case 'location_contact':
      return dataset.locationContacts.get(payer.id);
    case 'service_user_contact':
      return dataset.serviceUserContacts.get(payer.id);
    case 'service_user':
      return dataset.serviceUsers.get(payer.id);
  }
}
