/**
 * A plain CSV of every invoice line, for anyone who is not loading Xero or Sage: the same
 * columns as the workbook's Lines sheet, dates as YYYY-MM-DD, amounts in pounds.
 */
import type { Day, Preview } from '@carebill/core';
import { formatDay } from '@carebill/core';
import { formatPoundsPlain } from '@carebill/core/internal';
import type { CellData, ColumnKind } from '../tables/columns.js';
import { LINE_COLUMNS, type LineRow } from '../tables/lines.js';
import { type CsvColumn, renderCsvTable } from './csv-write.js';
import type { ExportEncoding } from './encoding.js';
import type { ExportResult } from './types.js';

/** The columns of the lines CSV: exactly the workbook's Lines sheet ({@link LINE_COLUMNS}). */
export const LINES_COLUMNS: readonly string[] = LINE_COLUMNS.map((column) => column.header);

/** The file name of the lines CSV. */
export const LINES_CSV_FILE_NAME = 'invoice-lines.csv';

/** Options of the plain CSV of lines. */
export interface LinesCsvOptions {
  /** Text encoding of the file. Default {@link LINES_CSV_DEFAULT_ENCODING}. */
  readonly encoding?: ExportEncoding;
  /**
   * Start the file with a UTF-8 byte order mark, so Excel reads accents. Default true in
   * UTF-8; a Windows-1252 file has none.
   */
  readonly bom?: boolean;
}

/** UTF-8 (with a byte order mark) holds every name as it is. */
export const LINES_CSV_DEFAULT_ENCODING: ExportEncoding = 'utf-8';

/** A table cell as CSV text: dates ISO, pence as pounds, flags yes/no. */
function csvCell(kind: ColumnKind, value: CellData): string {
  if (value === null) return '';
  switch (kind) {
    case 'day':
      return formatDay(value as Day);
    case 'pence':
      return formatPoundsPlain(value as number);
    case 'flag':
      return value ? 'yes' : 'no';
    default:
      return String(value);
  }
}

interface NumberedLineRow extends LineRow {
  /** The line's number within its invoice, from 1. */
  readonly lineNumber: number;
}

const COLUMNS: readonly CsvColumn<NumberedLineRow>[] = LINE_COLUMNS.map((column) => ({
  header: column.header,
  kind: column.kind === 'pence' || column.kind === 'count' ? 'number' : 'text',
  value: (row) => csvCell(column.kind, column.value(row)),
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
    invoice.lines.map((line, i): NumberedLineRow => ({ invoice, line, lineNumber: i + 1 })),
  );
  const encoding = options.encoding ?? LINES_CSV_DEFAULT_ENCODING;
  const table = renderCsvTable(COLUMNS, rows, {
    invoiceOf: (row) => row.invoice.number,
    lineOf: (row) => row.lineNumber,
    encoding,
    bom: options.bom ?? encoding === 'utf-8',
  });
  return {
    files: [{ fileName: LINES_CSV_FILE_NAME, text: table.text, bytes: table.bytes, encoding }],
    warnings: table.warnings,
  };
}
