/**
 * Homes, rooms and care fund types: the small reference resources.
 */
import type { FieldReader } from './fields.js';
import { MAX_DAYS_BEFORE_NOTIFICATION } from './limits.js';
import {
  type CareFundType,
  type Location,
  PAYMENT_METHODS,
  type PaymentMethod,
  type Room,
} from './model.js';
import { readAddress } from './people.js';
import type { KnownIds } from './references.js';

/**
 * A home (`locations.json`): its company, invoice address and payment instructions, the
 * generic ones and one per payment method (`invoice_payment_instructions_{method}`).
 *
 * @example mapLocation(reader).paymentInstructionsByMethod.direct_debit
 */
export function mapLocation(reader: FieldReader): Location {
  const byMethod: Partial<Record<PaymentMethod, string>> = {};
  for (const method of PAYMENT_METHODS) {
    const text = reader
      .text(`invoice_payment_instructions_${method}`, { output: true, long: true })
      .trim();
    if (text !== '') byMethod[method] = text;
  }
  reader.timestamp('created');
  reader.timestamp('modified');
  return {
    id: reader.id,
    name: reader.text('name', { output: true }).trim(),
    companyName: reader.text('company_name', { output: true }).trim(),
    companyRegNo: reader.text('company_reg_no', { output: true }).trim(),
    email: reader.text('email').trim(),
    phone: reader.text('phone').trim(),
    invoiceAddress: readAddress(reader, 'invoice_address'),
    paymentInstructions: reader
      .text('invoice_payment_instructions', { output: true, long: true })
      .trim(),
    paymentInstructionsByMethod: byMethod,
  };
}

/**
 * A room (`rooms.json`): named in line descriptions, and a bed of its home (`location`) in
 * the management pack's available bed-days. The location is not checked against
 * `locations.json` here: a room naming an unknown home changes no invoice, so it parks
 * nobody; the pack warns about it instead (`ROOM_WITHOUT_HOME`).
 *
 * @example mapRoom(reader).name === 'Room 12'
 */
export function mapRoom(reader: FieldReader): Room {
  reader.timestamp('created');
  reader.timestamp('modified');
  return {
    id: reader.id,
    name: reader.text('name', { output: true }).trim(),
    location: reader.ref('location', 'locations', UNCHECKED),
  };
}

/** No file's ids: `ref` then checks a reference's type, never that its record exists. */
const UNCHECKED: KnownIds = {};

/**
 * A care fund type (`care-fund-types.json`): `days_before_notification` null means the
 * runway's default.
 *
 * @example mapCareFundType(reader).daysBeforeNotification === 90
 */
export function mapCareFundType(reader: FieldReader): CareFundType {
  reader.timestamp('created');
  reader.timestamp('modified');
  return {
    id: reader.id,
    name: reader.text('name', { output: true }).trim(),
    daysBeforeNotification: reader.count('days_before_notification', MAX_DAYS_BEFORE_NOTIFICATION),
  };
}
