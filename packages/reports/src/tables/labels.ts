/**
 * Words for codes, as a finance reader expects to see them in a sheet or on an invoice.
 */
import type { PayerKind, PaymentMethod } from '@carebill/core';

const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  bac: 'BACS',
  card: 'Card',
  cash: 'Cash',
  cheque: 'Cheque',
  direct_debit: 'Direct debit',
  standing_order: 'Standing order',
};

/** @example paymentMethodLabel('direct_debit') === 'Direct debit'; paymentMethodLabel(null) === 'Not set' */
export function paymentMethodLabel(method: PaymentMethod | null): string {
  return method === null ? 'Not set' : PAYMENT_METHOD_LABELS[method];
}

const PAYER_KIND_LABELS: Readonly<Record<PayerKind, string>> = {
  location_contact: 'Location contact',
  service_user_contact: 'Resident contact',
  service_user: 'Resident',
};

/** @example payerKindLabel('location_contact') === 'Location contact' */
export function payerKindLabel(kind: PayerKind): string {
  return PAYER_KIND_LABELS[kind];
}

/** @example invoiceKindLabel('credit_note') === 'Credit note' */
export function invoiceKindLabel(kind: 'invoice' | 'credit_note'): string {
  return kind === 'credit_note' ? 'Credit note' : 'Invoice';
}
