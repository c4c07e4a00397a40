/**
 * A plain CSV of every invoice line, for anyone who is not loading Xero or Sage: the same
 * columns as the workbook's Lines sheet, dates as YYYY-MM-DD, amounts in pounds.
 */
import type { Invoice, InvoiceLine, Preview } from '@carebill/core';
import { formatDay, formatPoundsPlain } from '@carebill/core';
import { type CsvColumn, renderCsvTable } from './csv-write.js';
import type { ExportResult } from './types.js';

/** The columns of the lines CSV (and of the workbook's Lines sheet), in order. */
export const LINES_COLUMNS = [
  'Invoice',
  'Payer',
  'Account code',
  'Location',
  'Resident',
  'Resident id',
  'Booking',
  'Contract',
  'Basis',
  'Description',
  'From',
  'To',
  'Days',
  'Amount',
  'Provisional',
] as const;
export type LinesColumn = (typeof LINES_COLUMNS)[number];

/** The file name of the lines CSV. */
export const LINES_CSV_FILE_NAME = 'invoice-lines.csv';

export interface LinesCsvOptions {
  /** Start the file with a UTF-8 byte order mark, so Excel reads accents. Default true. */
  readonly bom?: boolean;
}

interface LineRow {
  readonly invoice: Invoice;
  readonly line: InvoiceLine;
}

const VALUES: Record<LinesColumn, CsvColumn<LineRow>['value']> = {
  Invoice: (r) => r.invoice.number,
  Payer: (r) => r.invoice.payer.name,
  'Account code': (r) => r.invoice.payer.accountCode,
  Location: (r) => r.invoice.issuer?.name ?? r.invoice.location ?? '',
  Resident: (r) => r.line.label,
  'Resident id': (r) => r.line.serviceUser ?? '',
  Booking: (r) => r.line.booking,
  Contract: (r) => r.line.contract ?? '',
  Basis: (r) => r.line.basis,
  Description: (r) => r.line.description,
  From: (r) => formatDay(r.line.from),
  To: (r) => formatDay(r.line.to),
  Days: (r) => String(r.line.days),
  Amount: (r) => formatPoundsPlain(r.line.amountPence),
  Provisional: (r) => (r.line.provisional ? 'yes' : 'no'),
};
const NUMERIC: ReadonlySet<LinesColumn> = new Set(['Days', 'Amount']);
const COLUMNS: readonly CsvColumn<LineRow>[] = LINES_COLUMNS.map((header) => ({
  header,
  kind: NUMERIC.has(header) ? 'number' : 'text',
  value: VALUES[header],
}));

/**
 * Renders every invoice line of the preview as one plain CSV, in invoice then line order.
 *
 * @example
 * const { files } = renderLinesCsv(preview);
 * files[0].fileName === 'invoice-lines.csv'
 */
export function renderLinesCsv(preview: Preview, options: LinesCsvOptions = {}): ExportResult {
  const rows = preview.invoices.flatMap((invoice) =>
    invoice.lines.map((line) => ({ invoice, line })),
  );
  const table = renderCsvTable(COLUMNS, rows, {
    invoiceOf: (row) => row.invoice.number,
    bom: options.bom ?? true,
  });
  return { files: [{ fileName: LINES_CSV_FILE_NAME, text: table.text }], warnings: table.warnings };
}
