/**
 * What every accountant export returns: the files to write and the warnings to show.
 * Exports are pure — they return text and bytes and never touch the file system.
 */
import type { ExportEncoding } from './encoding.js';

/**
 * One file of an export: its name (no folder), its whole text, and the bytes to write —
 * the text in the file's encoding. Write `bytes`, never `text`: a Windows-1252 file written
 * from `text` would come out as UTF-8.
 */
export interface ExportFile {
  readonly fileName: string;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly encoding: ExportEncoding;
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
 * - `TRANSLITERATED`: text held characters the file's encoding (Windows-1252) cannot hold;
 *   they were replaced (ŵ → w, Ł → L, 東 → ?).
 */
export type ExportWarningCode =
  | 'FORMULA_TEXT'
  | 'NO_ACCOUNT_CODE'
  | 'INVALID_ACCOUNT_CODE'
  | 'SHARED_ACCOUNT_CODE'
  | 'SHARED_CONTACT_NAME'
  | 'NEGATIVE_TOTAL'
  | 'TRANSLITERATED';

/** Something in an export a person should check, with a stable code. */
export interface ExportWarning {
  readonly code: ExportWarningCode;
  /** The invoice number the warning is about. */
  readonly invoice: string;
  /** The line of the invoice (1-based), where the warning is about one line's text. */
  readonly line?: number;
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
