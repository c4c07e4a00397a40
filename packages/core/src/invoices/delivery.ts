/**
 * How an invoice reaches its payer (SPEC §4 "Delivery" and "Large print").
 */
import type { Address, BillingParty } from '../dataset/model.js';
import type { ProblemCode } from '../dataset/problems.js';
import type { InvoiceDelivery } from './types.js';

/** Whether a postal address has what a letter needs: a first line and a postcode. */
export function isCompleteAddress(address: Address | null): boolean {
  return address !== null && address.address1.trim() !== '' && address.postcode.trim() !== '';
}

/**
 * The delivery of a payer's invoices, with the warnings it raises:
 * - `email`: to `email_invoices_to` when not empty, else the contact's `email`, else `NO_EMAIL`;
 * - `post`: needs `address_1` and `postcode`, else `INCOMPLETE_ADDRESS`;
 * - `do_not_send`: neither (it wins over anything else listed);
 * - no preference: post when the address is complete, else email when there is a
 *   recipient, else `NO_DELIVERY_CHANNEL`.
 *
 * @example invoiceDelivery(abbey) // { email: ['abbey.wall@gmx.co.uk'], post: false, largePrint: false }
 */
export function invoiceDelivery(party: BillingParty): {
  delivery: InvoiceDelivery;
  warnings: ProblemCode[];
} {
  const largePrint = party.largePrint;
  const recipients = emailRecipients(party);
  const warnings: ProblemCode[] = [];
  const prefs = party.commsPreference;
  if (prefs.includes('do_not_send'))
    return { delivery: { email: [], post: false, largePrint }, warnings };
  if (prefs.length === 0) {
    if (isCompleteAddress(party.postalAddress))
      return { delivery: { email: [], post: true, largePrint }, warnings };
    if (recipients.length > 0)
      return { delivery: { email: recipients, post: false, largePrint }, warnings };
    return { delivery: { email: [], post: false, largePrint }, warnings: ['NO_DELIVERY_CHANNEL'] };
  }
  const wantsEmail = prefs.includes('email');
  const wantsPost = prefs.includes('post');
  if (wantsEmail && recipients.length === 0) warnings.push('NO_EMAIL');
  const post = wantsPost && isCompleteAddress(party.postalAddress);
  if (wantsPost && !post) warnings.push('INCOMPLETE_ADDRESS');
  return { delivery: { email: wantsEmail ? recipients : [], post, largePrint }, warnings };
}

function emailRecipients(party: BillingParty): string[] {
  const listed = party.emailInvoicesTo.map((e) => e.trim()).filter((e) => e !== '');
  if (listed.length > 0) return listed;
  return party.email.trim() !== '' ? [party.email.trim()] : [];
}
