/**
 * The one CSV writer of the exports: RFC 4180 quoting (a field is quoted only when it holds a
 * comma, a double quote, CR or LF; inner quotes are doubled), CRLF after every record as
 * Excel, Xero and Sage 50 expect, text cells transliterated when the encoding cannot hold
 * them and then neutralised by {@link neutraliseText}, number cells checked and written as
 * they are, and the text encoded to bytes.
 */
import { stringify } from 'csv-stringify/sync';
import { neutraliseText } from './csv-safety.js';
import {
  type ExportEncoding,
  encodeText,
  type Transliterated,
  transliterateToWindows1252,
} from './encoding.js';
import type { ExportWarning } from './types.js';

/**
 * A column of an export: its header, what kind of value it holds and how to read it from a
 * row. `number` cells must be plain decimals (`-12.34`, `1`); every other cell is `text`.
 */
export interface CsvColumn<Row> {
  readonly header: string;
  /** How warnings name the column; the header unless told (Xero's `*ContactName` is `ContactName`). */
  readonly label?: string;
  readonly kind: 'text' | 'number';
  /** A `number` column whose cells may also be blank (`Was` on a line that adjusts nothing). */
  readonly optional?: boolean;
  readonly value: (row: Row) => string;
}

export interface CsvTableOptions<Row> {
  /** The invoice number a row belongs to, for warnings. */
  readonly invoiceOf: (row: Row) => string;
  /** The row's line number within its invoice (1-based), for warnings. */
  readonly lineOf?: (row: Row) => number;
  /** The encoding of the bytes. Default `utf-8`. */
  readonly encoding?: ExportEncoding;
  /** Start the text with a UTF-8 byte order mark (helps Excel read accents); UTF-8 only. */
  readonly bom?: boolean;
}

export interface CsvTable {
  /** The file as text, as it reads after any transliteration. */
  readonly text: string;
  /** The file as bytes in the chosen encoding. */
  readonly bytes: Uint8Array;
  readonly warnings: readonly ExportWarning[];
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * Writes rows as CSV with a header row, neutralising formula-like text cells and listing
 * each as a `FORMULA_TEXT` warning. In Windows-1252, text the code page cannot hold is
 * transliterated first ({@link transliterateToWindows1252}) and listed as a
 * `TRANSLITERATED` warning, once per invoice, column and value: a transliterated "−5" is
 * "-5", which must still be neutralised. Throws if a `number` cell is not a plain number
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
  const encoding = options.encoding ?? 'utf-8';
  if (options.bom === true && encoding !== 'utf-8') {
    throw new RangeError(`a byte order mark belongs to UTF-8 text only, not ${encoding}`);
  }
  const warnings: ExportWarning[] = [];
  const warned = new Set<string>();
  const records: string[][] = [columns.map((column) => column.header)];
  for (const row of rows) {
    const record: string[] = [];
    for (const column of columns) {
      const raw = column.value(row);
      if (column.kind === 'number') {
        if (!PLAIN_NUMBER.test(raw) && !(column.optional === true && raw === '')) {
          throw new Error(
            `export column ${column.header} holds ${JSON.stringify(raw)}, not a number`,
          );
        }
        record.push(raw);
        continue;
      }
      let text = raw;
      if (encoding === 'windows-1252') {
        // Always take the fitted text: an accent written as a combining mark (e + U+0301)
        // is composed (é) without counting as a change.
        const fitted = transliterateToWindows1252(raw);
        text = fitted.text;
        if (fitted.changes.length > 0) {
          const invoice = options.invoiceOf(row);
          const key = `${invoice}\u0000${column.header}\u0000${raw}`;
          if (!warned.has(key)) {
            warned.add(key);
            const label = column.label ?? column.header;
            warnings.push(transliterated(invoice, options.lineOf?.(row), label, raw, fitted));
          }
        }
      }
      const safe = neutraliseText(text);
      if (safe.changed) {
        const invoice = options.invoiceOf(row);
        const label = column.label ?? column.header;
        warnings.push({
          code: 'FORMULA_TEXT',
          invoice,
          column: label,
          value: raw,
          message: `Invoice ${invoice}: ${label} ${JSON.stringify(raw)} begins like a spreadsheet formula, so it was written with a leading ' to stop it running; correct the record in CareHQ if the text is wrong.`,
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
  const text = options.bom ? `\uFEFF${body}` : body;
  return { text, bytes: encodeText(text, encoding), warnings };
}

function transliterated(
  invoice: string,
  line: number | undefined,
  column: string,
  raw: string,
  fitted: Transliterated,
): ExportWarning {
  const where = line === undefined ? `Invoice ${invoice}` : `Invoice ${invoice} line ${line}`;
  const changes = fitted.changes
    .map((change) => `${visible(change.from)} → ${change.to === '' ? '(removed)' : change.to}`)
    .join(', ');
  return {
    code: 'TRANSLITERATED',
    invoice,
    ...(line !== undefined && { line }),
    column,
    value: raw,
    message: `${where}: ${column} ${JSON.stringify(raw)} has characters Windows-1252 cannot hold (${changes}), so it was written as ${JSON.stringify(fitted.text)}; check the name, or export as UTF-8 if the importing program reads it.`,
  };
}

/** A cluster as a person can read it in a message: one with nothing visible by code point. */
function visible(text: string): string {
  // One cluster (encoding.ts): its first character is its only one that is not a mark.
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(text)
    ? text
    : [...text]
        .map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`)
        .join(' ');
}
