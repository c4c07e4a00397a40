/**
 * Payment instructions and due dates (SPEC §4 "Payment").
 */
import type { Location, PaymentMethod } from '../dataset/model.js';

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
