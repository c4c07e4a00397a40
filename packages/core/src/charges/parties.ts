/**
 * Looking up who a payer is.
 */
import type { BillingParty, Dataset, PayerRef } from '../dataset/model.js';
import type { UnbilledReason } from '../invoices/types.js';

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

/**
 * Why a payer's amounts cannot be invoiced (SPEC §3.3): its record is parked, or its billing
 * is not enabled (a payer with no record at all counts as not enabled); null when it can be.
 *
 * @example unbilledReasonOf(findParty(dataset, line.payer)) // 'BILLING_NOT_ENABLED'
 */
export function unbilledReasonOf(party: BillingParty | undefined): UnbilledReason | null {
  if (party?.parked) return 'PAYER_PARKED';
  return party?.billingEnabled ? null : 'BILLING_NOT_ENABLED';
}
