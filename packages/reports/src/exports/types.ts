/**
 * What every accountant export returns: the files to write and the warnings to show.
 * Exports are pure — they return text and never touch the file system.
 */

/** One file of an export: its name (no folder) and its whole text. */
export interface ExportFile {
  readonly fileName: string;
  readonly text: string;
}

/**
 * Stable codes of export warnings; a person or a script can act on each.
 * - `FORMULA_TEXT`: a text cell began with `=`, `+`, `-`, `@`, tab or CR and was written with
 *   a leading `'` so no spreadsheet runs it.
 * - `NO_ACCOUNT_CODE`: the payer has no account code; Sage 50 gets a derived one.
 * - `INVALID_ACCOUNT_CODE`: the payer's account code is not a valid Sage 50 account reference.
 * - `SHARED_ACCOUNT_CODE`: two different payers would post to the same Sage 50 account.
 * - `SHARED_CONTACT_NAME`: two different payers would become one Xero contact.
 * - `NEGATIVE_TOTAL`: the invoice totals less than zero; Xero and Sage 50 expect a credit note.
 */
export type ExportWarningCode =
  | 'FORMULA_TEXT'
  | 'NO_ACCOUNT_CODE'
  | 'INVALID_ACCOUNT_CODE'
  | 'SHARED_ACCOUNT_CODE'
  | 'SHARED_CONTACT_NAME'
  | 'NEGATIVE_TOTAL';

/** Something in an export a person should check, with a stable code. */
export interface ExportWarning {
  readonly code: ExportWarningCode;
  /** The invoice number the warning is about. */
  readonly invoice: string;
  /** The column (as headed in the file) at fault. */
  readonly column: string;
  /** The value as the preview had it, before any change made for safety. */
  readonly value: string;
  /** A sentence a person can act on: the record, the field, the fix. */
  readonly message: string;
}

/** The result of one export: its files in order, and every warning. */
export interface ExportResult {
  readonly files: readonly ExportFile[];
  readonly warnings: readonly ExportWarning[];
}
