/**
 * Billing contracts (SPEC §3.3): who pays what part of a resident's fee.
 */
import type { FieldReader } from './fields.js';
import { MAX_RATE_PENCE } from './limits.js';
import type { BillingContract, FeeContributionUnit, PayerRef } from './model.js';
import type { KnownIds } from './references.js';

const UNITS: readonly FeeContributionUnit[] = ['day', 'week'];

/**
 * A billing contract, or null when it has a record error.
 *
 * The payer is `location_contact` if set, else `service_user_contact` if set, else the
 * resident (`service_user`); a contract naming none of them is an error. `start_date` is
 * required; `fee_contribution_unit` is required when `fee_contribution` is set (it defaults
 * to `week`, unused, for a balance payer); a parent (`contributes_to` set) needs its own
 * `fee_contribution`, and may not list itself.
 *
 * @example mapContract(reader, known)?.payer // { kind: 'location_contact', id: '66bfb4bc9ab4e3d6eb73492a' }
 */
export function mapContract(reader: FieldReader, known: KnownIds): BillingContract | null {
  const serviceUser = reader.ref('service_user', 'service-users', known);
  const location = reader.ref('location', 'locations', known);
  const locationContact = reader.ref('location_contact', 'location-contacts', known);
  const serviceUserContact = reader.ref('service_user_contact', 'service-user-contacts', known);
  const startDate = reader.date('start_date', { required: true });
  const endDate = reader.date('end_date');
  reader.checkNotBefore('end_date', endDate, 'start_date', startDate);
  const cancelled = reader.timestamp('cancelled');
  reader.timestamp('created');
  reader.timestamp('modified');
  const givenFee = reader.money('fee_contribution');
  const unit = reader.choice('fee_contribution_unit', UNITS, {
    required: givenFee !== null,
    emptyIsNull: true,
  });
  const fee =
    givenFee !== null &&
    reader.withinMoneyLimit(
      'fee_contribution',
      givenFee,
      MAX_RATE_PENCE[unit === 'day' ? 'daily' : 'weekly'],
      `contribution a ${unit ?? 'week'}`,
    )
      ? givenFee
      : null;
  const contributesTo = reader.refList('contributes_to', 'billing-contracts', known);
  const careFund = reader.ref('care_fund', 'care-funds', known);

  const payer = payerOf(locationContact, serviceUserContact, serviceUser);
  const namesPayer = ['location_contact', 'service_user_contact', 'service_user'].some(
    (field) => reader.isSet(field) && reader.value(field) !== '',
  );
  if (!namesPayer) {
    reader.error(
      'MISSING_FIELD',
      'service_user',
      reader.value('service_user'),
      'billing contract names no payer: set location_contact, service_user_contact or service_user (the resident pays)',
    );
  }
  if (contributesTo.length > 0 && !reader.isSet('fee_contribution')) {
    reader.error(
      'MISSING_FIELD',
      'fee_contribution',
      reader.value('fee_contribution'),
      'fee_contribution is required on a contract with contributes_to: set the total this contract and its contributors pay, in pence',
    );
  }
  if (contributesTo.includes(reader.id)) {
    reader.error(
      'BAD_VALUE',
      'contributes_to',
      reader.value('contributes_to'),
      'contributes_to lists this contract itself; list only the contributor contracts whose payments it includes',
    );
  }

  const result = {
    contributionType: reader.text('contribution_type').trim(),
    invoiceRef: reader.text('invoice_ref', { output: true }).trim(),
    lineItemDescription: reader.text('line_item_description', { output: true, long: true }).trim(),
  };
  if (
    reader.hasErrors ||
    // Stryker disable next-line ConditionalExpression: only narrows the type; naming no payer is a record error (hasErrors)
    payer === null ||
    // Stryker disable next-line ConditionalExpression: only narrows the type; a missing start_date is a record error
    startDate === null
  ) {
    return null;
  }
  return {
    id: reader.id,
    serviceUser,
    location,
    startDate,
    endDate,
    cancelled,
    feeContributionPence: fee,
    feeContributionUnit: unit ?? 'week',
    contributionType: result.contributionType,
    contributesTo,
    careFund,
    invoiceRef: result.invoiceRef,
    lineItemDescription: result.lineItemDescription,
    payer,
  };
}

/**
 * Who pays under a contract: the location contact, else the service user contact, else
 * the resident; null when none is named.
 *
 * @example payerOf(null, 'c1', 'su1') // { kind: 'service_user_contact', id: 'c1' }
 */
export function payerOf(
  locationContact: string | null,
  serviceUserContact: string | null,
  serviceUser: string | null,
): PayerRef | null {
  if (locationContact !== null) return { kind: 'location_contact', id: locationContact };
  if (serviceUserContact !== null) return { kind: 'service_user_contact', id: serviceUserContact };
  if (serviceUser !== null) return { kind: 'service_user', id: serviceUser };
  return null;
}
