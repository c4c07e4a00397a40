/**
 * `preview.xlsx` (SPEC §6): sheets Invoices, Lines, By payment method, Unbilled &
 * unallocated and Warnings, streamed with exceljs's `WorkbookWriter` so tens of thousands
 * of invoices fit in memory (reference/libraries.md: commit rows as they are written).
 */

import type { Invoice, Preview } from '@carebill/core';
import { formatDayShort } from '@carebill/core/internal';
import { bytesOf, writeInto } from '../streams.js';
import type { Column } from '../tables/columns.js';
import { INVOICE_COLUMNS } from '../tables/invoices.js';
import { paymentMethodLabel } from '../tables/labels.js';
import { LEFTOVER_COLUMNS, leftoverRows } from '../tables/leftovers.js';
import { LINE_COLUMNS, lineRows } from '../tables/lines.js';
import { WARNING_COLUMNS, warningRows } from '../tables/warnings.js';
import { createWorkbookWriter } from '../tables/workbook-writer.js';
import { type CleanedCell, columnLetter, writeTable } from './xlsx-table.js';

export const PREVIEW_SHEETS = [
  'Invoices',
  'Lines',
  'By payment method',
  'Unbilled & unallocated',
  'Warnings',
] as const;

/** Options of the preview workbook. */
export interface PreviewWorkbookOptions {
  /** Told of every cell whose text had to be cleaned (control characters, too long). */
  readonly onCleanedText?: (cell: CleanedCell) => void;
}

interface MethodRow {
  readonly method: string;
  readonly invoices: number;
  readonly totalPence: number;
}

const METHOD_COLUMNS: readonly Column<MethodRow>[] = [
  { header: 'Payment method', kind: 'text', value: (r) => r.method },
  { header: 'Invoices', kind: 'count', value: (r) => r.invoices },
  { header: 'Total', kind: 'pence', value: (r) => r.totalPence },
];

/**
 * The preview workbook as the bytes of an .xlsx file: sheets Invoices, Lines, By payment
 * method, Unbilled & unallocated and Warnings. Its `created` and `modified` are the
 * period's first day, never the clock.
 *
 * @example
 * const preview = buildPreview(loaded, { period });
 * const xlsx = await renderPreviewWorkbook(preview); // Uint8Array of a zip (starts with PK)
 */
export function renderPreviewWorkbook(
  preview: Preview,
  options: PreviewWorkbookOptions = {},
): Promise<Uint8Array> {
  return bytesOf((sink) => writePreviewWorkbook(preview, sink, options));
}

/**
 * Streams the preview workbook (see {@link renderPreviewWorkbook}) into a writable stream
 * (a file, an HTTP response), ends the stream and resolves once it has finished. Rows are
 * written as they are made, so a group's month never sits in memory as one workbook.
 *
 * @example await writePreviewWorkbook(preview, createWriteStream('preview.xlsx'));
 */
export function writePreviewWorkbook(
  preview: Preview,
  output: NodeJS.WritableStream,
  options: PreviewWorkbookOptions = {},
): Promise<void> {
  return writeInto(output, () => writeSheets(preview, output, options));
}

async function writeSheets(
  preview: Preview,
  output: NodeJS.WritableStream,
  options: PreviewWorkbookOptions,
): Promise<void> {
  const workbook = createWorkbookWriter(output, preview.period.from);
  const onCleaned = options.onCleanedText ?? (() => {});
  const invoices = preview.invoices;
  const printTitle = `Invoice preview ${formatDayShort(preview.period.from)} – ${formatDayShort(preview.period.to)}`;

  const { lastDataRow: lastInvoiceRow } = writeTable(
    workbook,
    {
      name: 'Invoices',
      printTitle,
      columns: INVOICE_COLUMNS,
      rows: () => invoices,
      sum: ['Lines', 'Total'],
    },
    onCleaned,
  );
  writeTable(
    workbook,
    {
      name: 'Lines',
      printTitle,
      columns: LINE_COLUMNS,
      rows: () => lineRows(invoices),
      sum: ['Amount'],
    },
    onCleaned,
  );

  // Each method's count and total are formulas over the Invoices sheet, cached exactly.
  const methodColumn = columnLetter(headerIndex(INVOICE_COLUMNS, 'Payment method') + 1);
  const totalColumn = columnLetter(headerIndex(INVOICE_COLUMNS, 'Total') + 1);
  const range = (letter: string) =>
    `Invoices!$${letter}$2:$${letter}$${Math.max(lastInvoiceRow, 2)}`;
  const methods = byPaymentMethod(invoices);
  writeTable(
    workbook,
    {
      name: 'By payment method',
      printTitle,
      columns: METHOD_COLUMNS,
      rows: () => methods,
      sum: ['Invoices', 'Total'],
      formulas: {
        Invoices: (_row, n) => `COUNTIF(${range(methodColumn)},A${n})`,
        Total: (_row, n) => `SUMIF(${range(methodColumn)},A${n},${range(totalColumn)})`,
      },
    },
    onCleaned,
  );

  const leftovers = leftoverRows(preview);
  writeTable(
    workbook,
    {
      name: 'Unbilled & unallocated',
      printTitle,
      columns: LEFTOVER_COLUMNS,
      rows: () => leftovers,
      sum: ['Days', 'Amount'],
    },
    onCleaned,
  );
  const warnings = warningRows(preview);
  writeTable(
    workbook,
    { name: 'Warnings', printTitle, columns: WARNING_COLUMNS, rows: () => warnings },
    onCleaned,
  );
  await workbook.commit();
}

function headerIndex<Row>(columns: readonly Column<Row>[], header: string): number {
  const index = columns.findIndex((c) => c.header === header);
  if (index < 0) throw new Error(`no column ${header}`);
  return index;
}

/** Invoices and totals per payment method, in order of first appearance. */
function byPaymentMethod(invoices: readonly Invoice[]): MethodRow[] {
  const rows = new Map<string, { invoices: number; totalPence: number }>();
  for (const invoice of invoices) {
    const method = paymentMethodLabel(invoice.payer.paymentMethod);
    const row = rows.get(method) ?? { invoices: 0, totalPence: 0 };
    row.invoices += 1;
    row.totalPence += invoice.totalPence;
    rows.set(method, row);
  }
  return [...rows].map(([method, row]) => ({ method, ...row }));
}
