/**
 * A small trusted dataset for the `refer` tests (the CLI package cannot import core's test
 * builders across its rootDir, so this builds the few records it needs).
 */
import type {
  BillingContract,
  BillingParty,
  Dataset,
  Day,
  LoadedDataset,
  ServiceUser,
  ServiceUserContact,
} from '@carebill/core';
import { parseDay } from '@carebill/core';

/** A day from `YYYY-MM-DD`, throwing on a typo in a test. */
export function d(text: string): Day {
  const day = parseDay(text);
  if (day === undefined) throw new Error(`bad test date ${text}`);
  return day;
}

function party(id: string, fields: Partial<BillingParty>): Omit<BillingParty, 'kind'> {
  const firstName = fields.firstName ?? 'Pat';
  const lastName = fields.lastName ?? id;
  return {
    id,
    displayName: `${firstName} ${lastName}`,
    title: '',
    firstName,
    lastName,
    companyName: '',
    accountCode: `AC-${id}`,
    billingEnabled: true,
    futureBillingDisabled: false,
    paymentMethod: null,
    hasDirectDebitMandate: false,
    commsPreference: [],
    email: '',
    emailInvoicesTo: [],
    postalAddress: null,
    phone: '',
    largePrint: false,
    consolidateInvoices: false,
    idFields: ['full_name'],
    parked: false,
    ...fields,
  };
}

export function serviceUser(id: string, fields: Partial<ServiceUser> = {}): ServiceUser {
  const base = party(id, { billingEnabled: false, ...fields });
  return {
    ...base,
    kind: 'service_user',
    fullName: `${base.firstName} ${base.lastName}`,
    initials: '',
    nhsNumber: '',
    patientId: '',
    ref: '',
  };
}

export function serviceUserContact(
  id: string,
  fields: Partial<ServiceUserContact> & { serviceUser: string },
): ServiceUserContact {
  const { serviceUser: resident, relationship, ...rest } = fields;
  return {
    ...party(id, rest),
    kind: 'service_user_contact',
    serviceUser: resident,
    relationship: relationship ?? '',
  };
}

export function balancePayer(
  id: string,
  serviceUserId: string,
  contactId: string,
): BillingContract {
  return {
    id,
    serviceUser: serviceUserId,
    location: null,
    startDate: d('2020-01-01'),
    endDate: null,
    cancelled: false,
    feeContributionPence: null,
    feeContributionUnit: 'week',
    contributionType: '',
    contributesTo: [],
    careFund: null,
    invoiceRef: '',
    lineItemDescription: '',
    payer: { kind: 'service_user_contact', id: contactId },
  };
}

/** A loaded dataset with no problems, holding the given residents, contacts and contracts. */
export function loadedHome(parts: {
  serviceUsers: ServiceUser[];
  serviceUserContacts: ServiceUserContact[];
  contracts: BillingContract[];
}): LoadedDataset {
  const byId = <T extends { id: string }>(items: T[]) =>
    new Map(items.map((item) => [item.id, item]));
  const dataset: Dataset = {
    bookings: [],
    serviceUsers: byId(parts.serviceUsers),
    serviceUserContacts: byId(parts.serviceUserContacts),
    locationContacts: new Map(),
    locations: new Map(),
    contracts: parts.contracts,
    careFunds: [],
    careFundTypes: new Map(),
    rooms: new Map(),
  };
  return { dataset, errors: [], parked: [], parkedServiceUsers: new Set(), warnings: [] };
}
