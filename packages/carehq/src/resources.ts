/**
 * What `carebill pull` asks CareHQ for: the attributes of each resource that SPEC §2–§5 use.
 * (How a pull of one home narrows the lists is in `one-home.ts`.)
 */
import type { ResourceName } from '@carebill/core';

/** The billing fields a payer has, whichever kind (SPEC §3.3, §4). */
const BILLING_FIELDS = [
  'account_code',
  'billing_comms_preference',
  'billing_enabled',
  'email',
  'email_invoices_to',
  'first_name',
  'future_billing_disabled',
  'has_direct_debit_mandate',
  'invoices_service_user_id_fields',
  'large_print_requested_for_billing',
  'last_name',
  'payment_method',
  'phone',
  'postal_address',
  'title',
] as const;

/** Attributes requested per resource (`_id` always comes back). */
export const RESOURCE_ATTRIBUTES: Readonly<Record<ResourceName, readonly string[]>> = {
  bookings: [
    'booking_type',
    'cancelled',
    'end_date',
    'location',
    'proposed_checkout_date',
    'rate',
    'rate_period',
    'respite',
    'room',
    'service_user',
    'start_date',
  ],
  'service-users': [...BILLING_FIELDS, 'initials', 'location', 'nhs_number', 'patient_id', 'ref'],
  'service-user-contacts': [...BILLING_FIELDS, 'location', 'relationship', 'service_user'],
  'location-contacts': [
    ...BILLING_FIELDS,
    'billing_consolidate_invoices',
    'company_name',
    'locations',
  ],
  locations: [
    'company_name',
    'company_reg_no',
    'email',
    'invoice_address',
    'invoice_payment_instructions',
    'invoice_payment_instructions_bac',
    'invoice_payment_instructions_card',
    'invoice_payment_instructions_cash',
    'invoice_payment_instructions_cheque',
    'invoice_payment_instructions_direct_debit',
    'invoice_payment_instructions_standing_order',
    'name',
    'phone',
  ],
  'billing-contracts': [
    'cancelled',
    'care_fund',
    'contributes_to',
    'contribution_type',
    'end_date',
    'fee_contribution',
    'fee_contribution_unit',
    'invoice_ref',
    'line_item_description',
    'location',
    'location_contact',
    'service_user',
    'service_user_contact',
    'start_date',
  ],
  'care-funds': [
    'care_fund_type',
    'description',
    'opening_balance',
    'opening_balance_date',
    'service_user',
  ],
  'care-fund-types': ['days_before_notification', 'name'],
  rooms: ['location', 'name'],
};
