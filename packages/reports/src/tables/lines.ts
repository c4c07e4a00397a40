/**
 * The invoice lines table: one row per line of every invoice. The workbook's Lines sheet
 * and any CSV export of lines use this one column list.
 */
import type { Invoice, InvoiceLine } from '@carebill/core';
import type { Column } from './columns.js';

export interface LineRow {
  readonly invoice: Invoice;
  readonly line: InvoiceLine;
}

/** Where an invoice comes from, for people: the home's name, else its id. */
export function locationName(invoice: Invoice): string {
  return invoice.issuer?.name || invoice.location || '';
}

/** The columns of the Lines table, in order; the last four are blank except on adjustments. */
export const LINE_COLUMNS: readonly Column<LineRow>[] = [
  { header: 'Invoice', kind: 'text', value: (r) => r.invoice.number },
  { header: 'Payer', kind: 'text', value: (r) => r.invoice.payer.name },
  { header: 'Account code', kind: 'text', value: (r) => r.invoice.payer.accountCode },
  { header: 'Location', kind: 'text', value: (r) => locationName(r.invoice) },
  { header: 'Resident', kind: 'text', value: (r) => r.line.label },
  { header: 'Resident id', kind: 'text', value: (r) => r.line.serviceUser ?? '' },
  { header: 'Booking', kind: 'text', value: (r) => r.line.booking },
  { header: 'Contract', kind: 'text', value: (r) => r.line.contract ?? '' },
  { header: 'Basis', kind: 'text', value: (r) => r.line.basis },
  { header: 'Description', kind: 'text', value: (r) => r.line.description },
  { header: 'From', kind: 'day', value: (r) => r.line.from },
  { header: 'To', kind: 'day', value: (r) => r.line.to },
  { header: 'Days', kind: 'count', value: (r) => r.line.days },
  { header: 'Amount', kind: 'pence', value: (r) => r.line.amountPence },
  { header: 'Provisional', kind: 'flag', value: (r) => r.line.provisional },
  // SPEC §10: an adjustment line names the issued period it corrects and what that period
  // was invoiced and comes to now; blank on the period's own lines.
  {
    header: 'Adjusts from',
    kind: 'day',
    value: (r) => r.line.adjusts?.from ?? null,
    optional: true,
  },
  { header: 'Adjusts to', kind: 'day', value: (r) => r.line.adjusts?.to ?? null, optional: true },
  { header: 'Was', kind: 'pence', value: (r) => r.line.wasPence, optional: true },
  { header: 'Now', kind: 'pence', value: (r) => r.line.nowPence, optional: true },
];

/**
 * Every line of the invoices, invoice by invoice, as table rows.
 *
 * @example [...lineRows(preview.invoices)].length === preview.invoices.flatMap((i) => i.lines).length
 */
export function* lineRows(invoices: Iterable<Invoice>): Generator<LineRow> {
  for (const invoice of invoices) {
    for (const line of invoice.lines) yield { invoice, line };
  }
}
