/**
 * Builders of trusted dataset records for tests, with sensible defaults.
 */
import { type Day, parseDay } from '../src/calendar/day.js';
import type {
  BillingContract,
  BillingParty,
  Booking,
  CareFund,
  Dataset,
  Location,
  LocationContact,
  Room,
  ServiceUser,
  ServiceUserContact,
} from '../src/dataset/model.js';

export { propertyRuns } from './property-runs.js';

/** A day from `YYYY-MM-DD`, throwing on a typo in a test. */
export function d(text: string): Day {
  const day = parseDay(text);
  if (day === undefined) throw new Error(`bad test date ${text}`);
  return day;
}

export function booking(fields: Partial<Booking> & { id: string }): Booking {
  return {
    type: 'service_user',
    serviceUser: 'su1',
    location: 'loc1',
    room: null,
    startDate: d('2024-11-01'),
    endDate: null,
    proposedCheckoutDate: null,
    respite: false,
    cancelled: false,
    ratePence: 138554,
    ratePeriod: 'weekly',
    ...fields,
  };
}

export function contract(fields: Partial<BillingContract> & { id: string }): BillingContract {
  return {
    serviceUser: 'su1',
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
    payer: { kind: 'location_contact', id: 'la' },
    ...fields,
  };
}

function party<K extends BillingParty['kind']>(kind: K, id: string, fields: Partial<BillingParty>) {
  return {
    kind,
    id,
    displayName: fields.companyName || `${fields.firstName ?? 'Pat'} ${fields.lastName ?? id}`,
    title: '',
    firstName: 'Pat',
    lastName: id,
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
  const base = party('service_user', id, { billingEnabled: false, ...fields });
  return {
    ...base,
    kind: 'service_user',
    fullName: `${base.firstName} ${base.lastName}`,
    initials: `${base.firstName[0] ?? ''}${base.lastName[0] ?? ''}`.toUpperCase(),
    nhsNumber: '',
    patientId: '',
    ref: '',
    ...fields,
  } as ServiceUser;
}

export function serviceUserContact(
  id: string,
  fields: Partial<ServiceUserContact> & { serviceUser: string },
): ServiceUserContact {
  return {
    ...party('service_user_contact', id, fields),
    kind: 'service_user_contact',
    relationship: '',
    ...fields,
  } as ServiceUserContact;
}

export function locationContact(
  id: string,
  fields: Partial<LocationContact> = {},
): LocationContact {
  return {
    ...party('location_contact', id, fields),
    kind: 'location_contact',
    locations: [],
    ...fields,
  } as LocationContact;
}

export function careFund(fields: Partial<CareFund> & { id: string }): CareFund {
  return {
    serviceUser: 'su1',
    careFundType: null,
    description: 'Savings',
    openingBalancePence: 2875000,
    openingBalanceDate: d('2022-10-21'),
    ...fields,
  };
}

export function dataset(parts: {
  bookings?: Booking[];
  serviceUsers?: ServiceUser[];
  serviceUserContacts?: ServiceUserContact[];
  locationContacts?: LocationContact[];
  contracts?: BillingContract[];
  careFunds?: CareFund[];
  locations?: Location[];
  rooms?: Room[];
}): Dataset {
  const byId = <T extends { id: string }>(items: T[] = []) =>
    new Map(items.map((item) => [item.id, item]));
  return {
    bookings: parts.bookings ?? [],
    serviceUsers: byId(parts.serviceUsers ?? [serviceUser('su1')]),
    serviceUserContacts: byId(parts.serviceUserContacts),
    locationContacts: byId(
      parts.locationContacts ?? [
        locationContact('la', { companyName: 'Oxfordshire County Council' }),
      ],
    ),
    locations: byId(parts.locations),
    contracts: parts.contracts ?? [],
    careFunds: parts.careFunds ?? [],
    careFundTypes: new Map(),
    rooms: byId(parts.rooms),
  };
}

export function location(id: string, fields: Partial<Location> = {}): Location {
  return {
    id,
    name: 'Rectory House',
    companyName: 'Rectory Care Ltd',
    companyRegNo: '01234567',
    email: 'accounts@rectory.example',
    phone: '01865 000000',
    invoiceAddress: null,
    paymentInstructions: 'Pay by bank transfer to 20-00-00 12345678.',
    paymentInstructionsByMethod: {},
    ...fields,
  } as Location;
}

export function room(id: string, fields: Partial<Room> = {}): Room {
  return { id, name: `Room ${id}`, location: 'loc1', ...fields };
}

export function loaded(data: Dataset, parkedServiceUsers: string[] = []) {
  return {
    dataset: data,
    errors: [],
    parked: [],
    parkedServiceUsers: new Set(parkedServiceUsers),
    warnings: [],
  };
}
