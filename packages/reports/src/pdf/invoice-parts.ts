/**
 * Pieces both invoice layouts share: the home's lines, the recipient's lines, the period.
 */
import type { Day, Invoice } from '@carebill/core';
import { addressLines } from './text.js';

/**
 * The home issuing the invoice: company name, address, phone, email and registration.
 *
 * @example issuerLines(invoice)[0] === 'Bryn Awel Care Ltd'
 */
export function issuerLines(invoice: Invoice): string[] {
  const issuer = invoice.issuer;
  if (issuer === null) return [];
  return [
    issuer.companyName || issuer.name,
    ...addressLines(issuer.invoiceAddress),
    issuer.phone ? `Phone ${issuer.phone}` : '',
    issuer.email,
    issuer.companyRegNo ? `Company no. ${issuer.companyRegNo}` : '',
  ].filter((line) => line !== '');
}

/**
 * The home's details in at most five short lines for the top of a standard invoice:
 * company name, address joined by commas, phone, email.
 *
 * @example compactIssuerLines(invoice)[1] === 'Bryn Awel Care Home, 12 Ffordd yr Orsaf, Aberystwyth, Ceredigion, SY23 1AB, United Kingdom'
 */
export function compactIssuerLines(invoice: Invoice): string[] {
  const issuer = invoice.issuer;
  if (issuer === null) return [];
  return [
    issuer.companyName || issuer.name,
    addressLines(issuer.invoiceAddress).join(', '),
    issuer.phone ? `Phone ${issuer.phone}` : '',
    issuer.email,
  ].filter((line) => line !== '');
}

/**
 * The addressee: the payer's name, then their postal address.
 *
 * @example recipientLines(invoice) // ['Rhys Ŷwen', '3 Heol y Bont', 'Machynlleth', 'Powys', 'SY20 8AA']
 */
export function recipientLines(invoice: Invoice): string[] {
  return [invoice.payer.name, ...addressLines(invoice.payer.postalAddress)];
}

/** The days the invoice's lines cover: first `from` to last `to` (issue date if none). */
export function periodOf(invoice: Invoice): { from: Day; to: Day } {
  if (invoice.lines.length === 0) return { from: invoice.issueDate, to: invoice.issueDate };
  let from = invoice.lines[0]!.from;
  let to = invoice.lines[0]!.to;
  for (const line of invoice.lines) {
    if (line.from < from) from = line.from;
    if (line.to > to) to = line.to;
  }
  return { from, to };
}

/** "Invoice" or "Credit note" (SPEC §10: a credit note's PDF is titled "Credit note"). */
export function documentTitle(invoice: Invoice): string {
  return invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice';
}

/**
 * What a credit note says in place of payment instructions when its `paymentInstructions`
 * is empty (core writes the wording there: `creditInstructions`), as a hand-built credit
 * note may be: the usual UK practice of carrying a credit to the next invoice, refunded on
 * request or when nothing more is due.
 */
export const DEFAULT_CREDIT_WORDING =
  'Nothing to pay: this credit will be taken off your next invoice from us. If no further invoice is due, or you would rather have the money back, please contact us and it will be refunded to you.';

/**
 * How a credit note's credit will be applied or refunded: its `paymentInstructions`, else
 * {@link DEFAULT_CREDIT_WORDING}.
 *
 * @example creditWording({ ...creditNote, paymentInstructions: '' }) === DEFAULT_CREDIT_WORDING
 */
export function creditWording(invoice: Invoice): string {
  return invoice.paymentInstructions.trim() || DEFAULT_CREDIT_WORDING;
}

/** The note under a table of adjustments, for a reader who has never seen one. */
export const ADJUSTMENTS_EXPLAINED =
  'Invoiced is what our earlier invoices charged for that period; Now is what the period comes to with changes recorded since (such as a backdated fee change or a corrected end date). The adjustment is the difference.';

/**
 * What an invoice totalling zero says in place of how to pay: core issues one when
 * adjustments for the same payer and resident cancel out (docs/billing.md), so that they
 * are settled rather than offered again.
 */
export const NOTHING_TO_PAY =
  'Nothing to pay: the adjustments on this invoice cancel each other out, so it settles them and nothing is due.';
