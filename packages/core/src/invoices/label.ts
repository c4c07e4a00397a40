/**
 * How a resident is named on a payer's invoice lines (`invoices_service_user_id_fields`).
 */
import type { ServiceUser, ServiceUserIdField } from '../dataset/model.js';

/**
 * The resident's identifying fields the payer asked for, in their order, joined with ", ".
 * Empty fields are skipped; when none is filled in, the full name (else the id) is used.
 * A block bed without a resident is labelled "Block bed (no resident)".
 *
 * @example residentLabel(abbey, ['nhs_number', 'initials']) === '485 777 3456, AW'
 */
export function residentLabel(
  resident: ServiceUser | undefined,
  residentId: string | null,
  fields: readonly ServiceUserIdField[],
): string {
  // A block bed booked without a resident is named as such.
  if (resident === undefined) return residentId ?? 'Block bed (no resident)';
  const parts = fields
    .map((field) => idFieldValue(resident, field).trim())
    .filter((value) => value !== '');
  return parts.length > 0 ? parts.join(', ') : resident.fullName || resident.id;
}

function idFieldValue(resident: ServiceUser, field: ServiceUserIdField): string {
  switch (field) {
    case 'account_code':
      return resident.accountCode;
    case 'full_name':
      return resident.fullName;
    case 'initials':
      return resident.initials;
    case 'nhs_number':
      return resident.nhsNumber;
    case 'patient_id':
      return resident.patientId;
    case 'ref':
      return resident.ref;
  }
}
