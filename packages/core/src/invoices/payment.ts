/**
 * Payment instructions and due dates (SPEC §4 "Payment").
 */
import type { Location, PaymentMethod } from '../dataset/model.js';
import { formatPounds } from '../money/format.js';

/**
 * The location's instructions for the payer's method (`invoice_payment_instructions_{method}`),
 * else its general `invoice_payment_instructions` ('' when it has neither).
 *
 * @example paymentInstructions(home, 'direct_debit') === 'We will collect this by direct debit.'
 */
export function paymentInstructions(
  location: Location | undefined,
  method: PaymentMethod | null,
): string {
  if (location === undefined) return '';
  const specific = method === null ? undefined : location.paymentInstructionsByMethod[method];
  return specific?.trim() ? specific : location.paymentInstructions;
}

/**
 * What a credit note says in place of payment instructions (SPEC §10): nothing is due, the
 * credit comes off the payer's next invoice from the home, and it is refunded instead on
 * request or when no further invoice is due. `totalPence` is the credit note's (negative)
 * total.
 *
 * @example creditInstructions(home, -8340)
 * // 'Nothing to pay: this credit note is for £83.40. It will be taken off your next invoice from Oak House Care Ltd. …'
 */
export function creditInstructions(location: Location | undefined, totalPence: number): string {
  const from = location === undefined ? '' : ` from ${location.companyName || location.name}`;
  const contact =
    location === undefined
      ? 'contact the home'
      : location.email
        ? `contact ${location.companyName || location.name} at ${location.email}`
        : `contact ${location.companyName || location.name}`;
  return `Nothing to pay: this credit note is for ${formatPounds(-totalPence)}. It will be taken off your next invoice${from}. If no further invoice is due, or you would rather have the money back, ${contact} and it will be refunded to you.`;
}
