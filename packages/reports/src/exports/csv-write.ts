/**
 * The one CSV writer of the exports: RFC 4180 quoting (a field is quoted only when it holds a
 * comma, a double quote, CR or LF; inner quotes are doubled), CRLF after every record as
 * Excel, Xero and Sage 50 expect, text cells neutralised by {@link neutraliseText}, number
 * cells checked and written as they are.
 */
import { stringify } from 'csv-stringify/sync';
import { neutraliseText } from './csv-safety.js';
import type { ExportWarning } from './types.js';

/**
 * A column of an export: its header, what kind of value it holds and how to read it from a
 * row. `number` cells must be plain decimals (`-12.34`, `1`); every other cell is `text`.
 */
export interface CsvColumn<Row> {
  readonly header: string;
  readonly kind: 'text' | 'number';
  readonly value: (row: Row) => string;
}

export interface CsvTableOptions<Row> {
  /** The invoice number a row belongs to, for warnings. */
  readonly invoiceOf: (row: Row) => string;
  /** Start the text with a UTF-8 byte order mark (helps Excel read accents). */
  readonly bom?: boolean;
}

export interface CsvTable {
  readonly text: string;
  readonly warnings: readonly ExportWarning[];
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Writes rows as CSV text with a header row, neutralising formula-like text cells and
 * listing each as a `FORMULA_TEXT` warning. Throws if a `number` cell is not a plain number
 * (a bug in the caller, never bad input).
 *
 * @example
 * const { text } = renderCsvTable(
 *   [{ header: 'Name', kind: 'text', value: (r: { n: string }) => r.n }],
 *   [{ n: '=1+1' }],
 *   { invoiceOf: () => 'INV-1' },
 * );
 * text === "Name\r\n'=1+1\r\n"
 */
export function renderCsvTable<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  options: CsvTableOptions<Row>,
): CsvTable {
  const warnings: ExportWarning[] = [];
  const records: string[][] = [columns.map((column) => column.header)];
  for (const row of rows) {
    const record: string[] = [];
    for (const column of columns) {
      const raw = column.value(row);
      if (column.kind === 'number') {
        if (!PLAIN_NUMBER.test(raw)) {
          throw new Error(
            `export column ${column.header} holds ${JSON.stringify(raw)}, not a number`,
          );
        }
        record.push(raw);
        continue;
      }
      const safe = neutraliseText(raw);
      if (safe.changed) {
        const invoice = options.invoiceOf(row);
        warnings.push({
          code: 'FORMULA_TEXT',
          invoice,
          column: column.header,
          value: raw,
          message: `Invoice ${invoice}: ${column.header} ${JSON.stringify(raw)} begins like a spreadsheet formula, so it was written with a leading ' to stop it running; correct the record in CareHQ if the text is wrong.`,
        });
      }
      record.push(safe.text);
    }
    records.push(record);
  }
  const body = stringify(records, {
    record_delimiter: 'windows',
    // csv-stringify stops quoting fields that hold a lone CR or LF once record_delimiter is
    // set, which would split the record when read back: ask for it explicitly.
    quote_record_delimiter: true,
    eof: true,
  });
  return { text: options.bom ? `\uFEFF${body}` : body, warnings };
}
