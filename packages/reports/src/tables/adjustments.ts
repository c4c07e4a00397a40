/**
 * Adjustments to earlier periods (SPEC §10): the invoice lines that correct an issued
 * period, and the adjustments that could not be invoiced yet (unbilled), in one table —
 * the workbook's Adjustments sheet. Also the split of an invoice's lines into the
 * period's own charges and its adjustments, which every layout shows apart.
 */
import type { DayRange, Invoice, InvoiceLine, Preview } from '@carebill/core';
import type { Column } from './columns.js';
import { invoiceKindLabel } from './labels.js';
import { locationName } from './lines.js';

/** An adjustment line: one whose `adjusts` names the earlier period it corrects. */
export function isAdjustment(line: InvoiceLine): boolean {
  return line.adjusts !== null;
}

/**
 * An invoice's lines in two lists: the period's own charges and the adjustments to
 * earlier periods, each in the invoice's order (core puts the adjustments last).
 *
 * @example const { own, adjustments } = splitLines(invoice); // own.length + adjustments.length === invoice.lines.length
 */
export function splitLines(invoice: Invoice): {
  readonly own: readonly InvoiceLine[];
  readonly adjustments: readonly InvoiceLine[];
} {
  const own: InvoiceLine[] = [];
  const adjustments: InvoiceLine[] = [];
  for (const line of invoice.lines) (isAdjustment(line) ? adjustments : own).push(line);
  return { own, adjustments };
}

export interface AdjustmentRow {
  readonly adjusts: DayRange;
  /** The invoice or credit note carrying it; null when it is unbilled. */
  readonly invoice: string | null;
  /** "Invoice", "Credit note", or "Unbilled (REASON)". */
  readonly where: string;
  readonly payer: string;
  readonly payerName: string;
  readonly accountCode: string;
  readonly location: string;
  readonly resident: string;
  readonly residentId: string | null;
  readonly booking: string;
  readonly contract: string | null;
  readonly days: number;
  readonly wasPence: number;
  readonly nowPence: number;
  readonly amountPence: number;
  readonly description: string;
}

/**
 * The columns of the Adjustments table; Was, Now and Adjustment are summed. What a person
 * reads on paper comes first, up to Adjustment ({@link ADJUSTMENT_PRINTED_COLUMNS}); the
 * ids to look a row up by and the description in words follow, on screen only.
 */
export const ADJUSTMENT_COLUMNS: readonly Column<AdjustmentRow>[] = [
  { header: 'Adjusts from', kind: 'day', value: (r) => r.adjusts.from },
  { header: 'Adjusts to', kind: 'day', value: (r) => r.adjusts.to },
  { header: 'Invoice', kind: 'text', value: (r) => r.invoice ?? '' },
  { header: 'On', kind: 'text', value: (r) => r.where },
  { header: 'Payer', kind: 'text', value: (r) => r.payerName },
  { header: 'Account code', kind: 'text', value: (r) => r.accountCode },
  { header: 'Location', kind: 'text', value: (r) => r.location },
  { header: 'Resident', kind: 'text', value: (r) => r.resident },
  { header: 'Days now', kind: 'count', value: (r) => r.days },
  { header: 'Was', kind: 'pence', value: (r) => r.wasPence },
  { header: 'Now', kind: 'pence', value: (r) => r.nowPence },
  { header: 'Adjustment', kind: 'pence', value: (r) => r.amountPence },
  { header: 'Booking', kind: 'text', value: (r) => r.booking },
  { header: 'Contract', kind: 'text', value: (r) => r.contract ?? '' },
  { header: 'Resident id', kind: 'text', value: (r) => r.residentId ?? '' },
  { header: 'Payer id', kind: 'text', value: (r) => r.payer },
  { header: 'Description', kind: 'text', value: (r) => r.description },
];

/** How many of {@link ADJUSTMENT_COLUMNS} are printed: up to Adjustment. */
export const ADJUSTMENT_PRINTED_COLUMNS =
  ADJUSTMENT_COLUMNS.findIndex((c) => c.header === 'Adjustment') + 1;

/**
 * Every adjustment of the preview: those on invoices and credit notes (in invoice order),
 * then those left unbilled. Own-period lines and own-period unbilled entries are not here.
 *
 * @example adjustmentRows(preview).filter((r) => r.invoice !== null).reduce((s, r) => s + r.amountPence, 0) === preview.totals.adjustmentsPence
 */
export function adjustmentRows(preview: Preview): AdjustmentRow[] {
  const rows: AdjustmentRow[] = [];
  for (const invoice of preview.invoices) {
    for (const line of invoice.lines) {
      if (line.adjusts === null) continue;
      rows.push({
        adjusts: line.adjusts,
        invoice: invoice.number,
        where: invoiceKindLabel(invoice.kind),
        payer: `${invoice.payer.kind}/${invoice.payer.id}`,
        payerName: invoice.payer.name,
        accountCode: invoice.payer.accountCode,
        location: locationName(invoice),
        resident: line.label,
        residentId: line.serviceUser,
        booking: line.booking,
        contract: line.contract,
        days: line.days,
        wasPence: line.wasPence ?? 0,
        nowPence: line.nowPence ?? 0,
        amountPence: line.amountPence,
        description: line.description,
      });
    }
  }
  for (const entry of preview.unbilled) {
    if (entry.adjusts === null) continue;
    rows.push({
      adjusts: entry.adjusts,
      invoice: null,
      where: `Unbilled (${entry.reason})`,
      payer: `${entry.payerKind}/${entry.payer}`,
      payerName: entry.payerName,
      accountCode: '',
      location: '',
      resident: '',
      residentId: null,
      booking: entry.booking,
      contract: entry.contract,
      days: entry.days,
      wasPence: entry.wasPence ?? 0,
      nowPence: entry.nowPence ?? 0,
      amountPence: entry.amountPence,
      description: '',
    });
  }
  return rows;
}
