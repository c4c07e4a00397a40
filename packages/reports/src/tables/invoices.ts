/**
 * The invoices table: one row per invoice (the workbook's Invoices sheet).
 */
import type { Invoice } from '@carebill/core';
import type { Column } from './columns.js';
import { invoiceKindLabel, payerKindLabel, paymentMethodLabel } from './labels.js';
import { locationName } from './lines.js';

/** The residents of an invoice as its lines name them, each once, in line order. */
export function residentLabels(invoice: Invoice): string[] {
  return [...new Set(invoice.lines.map((line) => line.label))];
}

/** The columns of the Invoices table; the last two (Lines, Total) are summed. */
export const INVOICE_COLUMNS: readonly Column<Invoice>[] = [
  { header: 'Invoice', kind: 'text', value: (i) => i.number },
  { header: 'Kind', kind: 'text', value: (i) => invoiceKindLabel(i.kind) },
  { header: 'Payer', kind: 'text', value: (i) => i.payer.name },
  { header: 'Payer type', kind: 'text', value: (i) => payerKindLabel(i.payer.kind) },
  { header: 'Account code', kind: 'text', value: (i) => i.payer.accountCode },
  { header: 'Location', kind: 'text', value: (i) => locationName(i) },
  { header: 'Residents', kind: 'text', value: (i) => residentLabels(i).join('; ') },
  { header: 'Issue date', kind: 'day', value: (i) => i.issueDate },
  { header: 'Due date', kind: 'day', value: (i) => i.dueDate },
  {
    header: 'Payment method',
    kind: 'text',
    value: (i) => paymentMethodLabel(i.payer.paymentMethod),
  },
  { header: 'Email to', kind: 'text', value: (i) => i.delivery.email.join('; ') },
  { header: 'Post', kind: 'flag', value: (i) => i.delivery.post },
  { header: 'Large print', kind: 'flag', value: (i) => i.delivery.largePrint },
  { header: 'Warnings', kind: 'text', value: (i) => i.warnings.join('; ') },
  { header: 'Lines', kind: 'count', value: (i) => i.lines.length },
  { header: 'Total', kind: 'pence', value: (i) => i.totalPence },
];
