/**
 * The dataset after validation: CareHQ records mapped once to camelCase, with dates as
 * {@link Day}s and money as integer pence. Everything past the loader trusts these types.
 *
 * A record that failed validation is not here: its resident is parked instead (see
 * {@link LoadedDataset.parked}). Contacts are the exception: a contact with a problem stays,
 * marked `parked`, so the lines it would pay can go to `unbilled` with `PAYER_PARKED`.
 */
import type { Day } from '../calendar/day.js';

/** The CareHQ resources a dataset folder may hold, by their API path. */
export const RESOURCES = [
  'bookings',
  'service-users',
  'service-user-contacts',
  'location-contacts',
  'locations',
  'billing-contracts',
  'care-funds',
  'care-fund-types',
  'rooms',
] as const;
export type ResourceName = (typeof RESOURCES)[number];

export const PAYMENT_METHODS = [
  'card',
  'cash',
  'cheque',
  'standing_order',
  'direct_debit',
  'bac',
] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ID_FIELDS = [
  'account_code',
  'full_name',
  'initials',
  'nhs_number',
  'patient_id',
  'ref',
] as const;
/** A field that names a resident on an invoice line (`invoices_service_user_id_fields`). */
export type ServiceUserIdField = (typeof ID_FIELDS)[number];

/** `billing_comms_preference` values; the API sends a list (or one string, or null). */
export const COMMS_CHANNELS = ['email', 'post', 'do_not_send'] as const;
export type CommsChannel = (typeof COMMS_CHANNELS)[number];

export interface Address {
  readonly address1: string;
  readonly address2: string;
  readonly town: string;
  readonly county: string;
  readonly postcode: string;
  readonly country: string;
}

export type PayerKind = 'location_contact' | 'service_user_contact' | 'service_user';

/** Who a line is invoiced to. */
export interface PayerRef {
  readonly kind: PayerKind;
  readonly id: string;
}

/**
 * The billing fields shared by location contacts, service user contacts and residents who
 * pay for themselves. Absent flags (null in CareHQ) are `false`; absent text is `''`.
 */
export interface BillingParty {
  readonly kind: PayerKind;
  readonly id: string;
  /** Company name for a location contact that has one, else the full name. */
  readonly displayName: string;
  readonly title: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly companyName: string;
  readonly accountCode: string;
  readonly billingEnabled: boolean;
  readonly futureBillingDisabled: boolean;
  readonly paymentMethod: PaymentMethod | null;
  readonly hasDirectDebitMandate: boolean;
  /** Empty when CareHQ has no preference. */
  readonly commsPreference: readonly CommsChannel[];
  readonly email: string;
  readonly emailInvoicesTo: readonly string[];
  readonly postalAddress: Address | null;
  readonly phone: string;
  readonly largePrint: boolean;
  /** Only location contacts consolidate; always false for the others. */
  readonly consolidateInvoices: boolean;
  /** Never empty: defaults to `['full_name']`. */
  readonly idFields: readonly ServiceUserIdField[];
  /** True when the record had a problem: its lines go to `unbilled` with `PAYER_PARKED`. */
  readonly parked: boolean;
}

export interface ServiceUserContact extends BillingParty {
  readonly kind: 'service_user_contact';
  readonly serviceUser: string;
  readonly relationship: string;
}

export interface LocationContact extends BillingParty {
  readonly kind: 'location_contact';
  readonly locations: readonly string[];
}

export interface ServiceUser extends BillingParty {
  readonly kind: 'service_user';
  readonly fullName: string;
  readonly initials: string;
  readonly nhsNumber: string;
  readonly patientId: string;
  readonly ref: string;
}

export interface Location {
  readonly id: string;
  readonly name: string;
  readonly companyName: string;
  readonly companyRegNo: string;
  readonly email: string;
  readonly phone: string;
  readonly invoiceAddress: Address | null;
  readonly paymentInstructions: string;
  readonly paymentInstructionsByMethod: Readonly<Partial<Record<PaymentMethod, string>>>;
}

export type BookingType = 'service_user' | 'block_contract' | 'out_of_service';
export type RatePeriod = 'daily' | 'weekly';

export interface Booking {
  readonly id: string;
  readonly type: BookingType;
  /** Null only for a block contract booking with no resident. */
  readonly serviceUser: string | null;
  readonly location: string | null;
  readonly room: string | null;
  readonly startDate: Day;
  /** Last day of the stay; null while open. */
  readonly endDate: Day | null;
  readonly proposedCheckoutDate: Day | null;
  readonly respite: boolean;
  readonly cancelled: boolean;
  readonly ratePence: number;
  readonly ratePeriod: RatePeriod;
}

export type FeeContributionUnit = 'day' | 'week';

export interface BillingContract {
  readonly id: string;
  readonly serviceUser: string | null;
  readonly location: string | null;
  readonly startDate: Day;
  /** Last live day; null = open. */
  readonly endDate: Day | null;
  readonly cancelled: boolean;
  /** Null makes this contract the balance payer. */
  readonly feeContributionPence: number | null;
  readonly feeContributionUnit: FeeContributionUnit;
  readonly contributionType: string;
  /** Ids of the contributor contracts whose payments this (parent) contract's amount includes. */
  readonly contributesTo: readonly string[];
  readonly careFund: string | null;
  readonly invoiceRef: string;
  readonly lineItemDescription: string;
  readonly payer: PayerRef;
}

export interface CareFund {
  readonly id: string;
  readonly serviceUser: string;
  readonly careFundType: string | null;
  readonly description: string;
  readonly openingBalancePence: number;
  readonly openingBalanceDate: Day;
}

export interface CareFundType {
  readonly id: string;
  readonly name: string;
  /** Null when not set: the runway then uses its default (180). */
  readonly daysBeforeNotification: number | null;
}

export interface Room {
  readonly id: string;
  readonly name: string;
  /** The home the room is in (CareHQ's `location`); null when the record has none. */
  readonly location: string | null;
}

/**
 * The trusted dataset. Every collection is listed (or, for maps, inserted) in `_id` order
 * (code-unit order), so nothing downstream depends on the order of records in a file.
 */
export interface Dataset {
  readonly bookings: readonly Booking[];
  readonly serviceUsers: ReadonlyMap<string, ServiceUser>;
  readonly serviceUserContacts: ReadonlyMap<string, ServiceUserContact>;
  readonly locationContacts: ReadonlyMap<string, LocationContact>;
  readonly locations: ReadonlyMap<string, Location>;
  readonly contracts: readonly BillingContract[];
  readonly careFunds: readonly CareFund[];
  readonly careFundTypes: ReadonlyMap<string, CareFundType>;
  readonly rooms: ReadonlyMap<string, Room>;
}
