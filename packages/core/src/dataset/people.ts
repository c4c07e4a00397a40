/**
 * People who may pay: service user contacts (seed 000), location contacts (seed 001) and
 * residents paying for themselves. They share CareHQ's billing fields, read here once.
 */
import type { FieldReader } from './fields.js';
import {
  type Address,
  type BillingParty,
  COMMS_CHANNELS,
  ID_FIELDS,
  type LocationContact,
  PAYMENT_METHODS,
  type PayerKind,
  type ServiceUser,
  type ServiceUserContact,
} from './model.js';
import type { KnownIds } from './references.js';

/**
 * An address hash; null when absent or when every part is empty.
 *
 * @example readAddress(reader, 'postal_address') // { address1: 'County Hall', … }
 */
export function readAddress(reader: FieldReader, field: string): Address | null {
  const nested = reader.nested(field);
  if (!nested) return null;
  const part = (source: string): string => nested.text(source, { output: true }).trim();
  const address: Address = {
    address1: part('address_1'),
    address2: part('address_2'),
    town: part('town'),
    county: part('county'),
    postcode: part('postcode'),
    country: part('country'),
  };
  return Object.values(address).every((text) => text === '') ? null : address;
}

/**
 * `first_name` and `last_name` joined by one space (each trimmed; an empty one left out).
 *
 * @example joinName(' Abbey', 'Wall') === 'Abbey Wall'
 */
export function joinName(first: string, last: string): string {
  return [first.trim(), last.trim()].filter((part) => part !== '').join(' ');
}

/**
 * Initials from the first letters of the first and last names, upper-cased.
 *
 * @example deriveInitials('abbey', 'Wall') === 'AW'
 */
export function deriveInitials(first: string, last: string): string {
  const letter = (name: string): string => {
    const cp = name.trim().codePointAt(0);
    return cp === undefined ? '' : String.fromCodePoint(cp).toUpperCase();
  };
  return letter(first) + letter(last);
}

/** The billing fields every payer has; `kind`-specific fields are added by the caller. */
type BillingFields = Omit<BillingParty, 'kind' | 'id' | 'displayName' | 'parked'>;

function readBillingFields(reader: FieldReader, kind: PayerKind): BillingFields {
  const firstName = reader.text('first_name', { output: true }).trim();
  const lastName = reader.text('last_name', { output: true }).trim();
  const idFields = reader.choiceList('invoices_service_user_id_fields', ID_FIELDS);
  reader.timestamp('created');
  reader.timestamp('modified');
  return {
    title: reader.text('title', { output: true }).trim(),
    firstName,
    lastName,
    companyName:
      kind === 'location_contact' ? reader.text('company_name', { output: true }).trim() : '',
    accountCode: reader.text('account_code', { output: true }).trim(),
    billingEnabled: reader.bool('billing_enabled'),
    futureBillingDisabled: reader.bool('future_billing_disabled'),
    paymentMethod: reader.choice('payment_method', PAYMENT_METHODS, { emptyIsNull: true }),
    hasDirectDebitMandate: reader.bool('has_direct_debit_mandate'),
    commsPreference: reader.choiceList('billing_comms_preference', COMMS_CHANNELS),
    email: reader.text('email').trim(),
    emailInvoicesTo: reader.textList('email_invoices_to'),
    postalAddress: readAddress(reader, 'postal_address'),
    phone: reader.text('phone').trim(),
    largePrint: reader.bool('large_print_requested_for_billing'),
    consolidateInvoices:
      kind === 'location_contact' ? reader.bool('billing_consolidate_invoices') : false,
    idFields: idFields.length > 0 ? idFields : ['full_name'],
  };
}

/** Company name, else full name, else account code, else the id: never empty. */
function displayNameOf(fields: BillingFields, id: string): string {
  return (
    fields.companyName || joinName(fields.firstName, fields.lastName) || fields.accountCode || id
  );
}

/**
 * A resident (`service-users.json`), with the billing fields used when they pay for themself.
 *
 * @example mapServiceUser(reader).fullName === 'Edith Wall'
 */
export function mapServiceUser(reader: FieldReader): ServiceUser {
  const fields = readBillingFields(reader, 'service_user');
  const explicitInitials = reader.text('initials', { output: true }).trim();
  return {
    kind: 'service_user',
    id: reader.id,
    displayName: displayNameOf(fields, reader.id),
    ...fields,
    fullName: joinName(fields.firstName, fields.lastName),
    initials: explicitInitials || deriveInitials(fields.firstName, fields.lastName),
    nhsNumber: reader.text('nhs_number', { output: true }).trim(),
    patientId: reader.text('patient_id', { output: true }).trim(),
    ref: reader.text('ref', { output: true }).trim(),
    parked: reader.hasErrors,
  };
}

/**
 * A service user contact (seed 000): a resident's family member, attorney or friend.
 *
 * @example mapServiceUserContact(reader, known).serviceUser === '6724fbca4f73a2cebf63868a'
 */
export function mapServiceUserContact(reader: FieldReader, known: KnownIds): ServiceUserContact {
  const fields = readBillingFields(reader, 'service_user_contact');
  const serviceUser = reader.ref('service_user', 'service-users', known, {
    required: true,
    what: 'the _id of the resident this contact belongs to',
  });
  return {
    kind: 'service_user_contact',
    id: reader.id,
    displayName: displayNameOf(fields, reader.id),
    ...fields,
    serviceUser: serviceUser ?? '',
    relationship: reader.text('relationship').trim(),
    parked: reader.hasErrors,
  };
}

/**
 * A location contact (seed 001): a council, NHS body or other organisation that pays.
 *
 * @example mapLocationContact(reader).displayName === 'Oxfordshire County Council'
 */
export function mapLocationContact(reader: FieldReader): LocationContact {
  const fields = readBillingFields(reader, 'location_contact');
  // Not checked against locations.json: a council may serve homes outside this export.
  const locations = reader.textList('locations');
  return {
    kind: 'location_contact',
    id: reader.id,
    displayName: displayNameOf(fields, reader.id),
    ...fields,
    locations,
    parked: reader.hasErrors,
  };
}
