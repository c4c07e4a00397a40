/**
 * The email manifest (SPEC §6): which invoice PDF goes to which addresses, as an
 * RFC 4180 CSV (comma separated, CRLF line ends, fields quoted when needed, UTF-8).
 */
import type { Invoice } from '@carebill/core';
import { stringify } from 'csv-stringify/sync';
import { neutraliseText } from '../exports/csv-safety.js';

/** One emailed invoice: the invoice, whom it goes to and where its PDF is. */
export interface EmailManifestRow {
  readonly invoice: Invoice;
  /** The addresses the invoice is sent to (`delivery.email`, usually). */
  readonly recipients: readonly string[];
  /** The PDF's file name, relative to the manifest. */
  readonly file: string;
}

/** The manifest's header, in order. */
export const EMAIL_MANIFEST_COLUMNS = ['invoice', 'recipients', 'file'] as const;

/**
 * The manifest as CSV text: a header, then one row per invoice; several recipients are
 * joined by "; ". Text that a spreadsheet would run as a formula gets a leading apostrophe.
 *
 * @example
 * renderEmailManifest([{ invoice, recipients: ['a@x.example'], file: 'invoices/PREVIEW-202411-0001.pdf' }])
 * // 'invoice,recipients,file\r\nPREVIEW-202411-0001,a@x.example,invoices/PREVIEW-202411-0001.pdf\r\n'
 */
export function renderEmailManifest(rows: readonly EmailManifestRow[]): string {
  return stringify(
    rows.map((row) => [
      neutraliseText(row.invoice.number).text,
      neutraliseText(row.recipients.join('; ')).text,
      neutraliseText(row.file).text,
    ]),
    { header: true, columns: [...EMAIL_MANIFEST_COLUMNS], record_delimiter: 'windows' },
  );
}
