/**
 * One table as one streamed worksheet: header row frozen and filtered, a shared style per
 * column (a £ format for money, `d mmm yyyy` for dates), widths measured from the text,
 * rows committed as they are written, an optional totals row of `SUM` formulas whose
 * cached results are the exact totals, and the print setup of {@link printSetup}.
 */
import type { Day } from '@carebill/core';
import { formatPounds } from '@carebill/core';
import { ymdOfDay } from '@carebill/core/internal';
import type ExcelJS from 'exceljs';
import { type CleanedText, cleanCellText } from '../tables/cell-text.js';
import type { CellData, Column, ColumnKind } from '../tables/columns.js';
import { HEADING_FONT, printSetup } from './xlsx-print.js';
import { LINE_HEIGHT_PT, textWidth, wrappedLines } from './xlsx-wrap.js';

/** Excel formats of the kinds of column. */
export const MONEY_FORMAT = '£#,##0.00';
export const DATE_FORMAT = 'd mmm yyyy';

const MIN_WIDTH = 6;
/**
 * The widest a column grows, in characters; longer text wraps onto more lines. Narrow
 * enough that a sheet fitted to one landscape A4 page wide still prints at a readable size.
 */
const MAX_WIDTH = 32;
const HEADER_FONT = HEADING_FONT;
const HEADER_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top' };

/** Where a cell's text had to be cleaned, for the caller's `INVALID_TEXT` warning. */
export interface CleanedCell {
  readonly sheet: string;
  readonly row: number;
  readonly column: string;
  readonly cleaned: CleanedText;
}

export interface TableSpec<Row> {
  readonly name: string;
  /** The workbook's title, printed in the header of every page; none if absent. */
  readonly printTitle?: string;
  readonly columns: readonly Column<Row>[];
  /** Called twice: once to measure widths, once to write. */
  readonly rows: () => Iterable<Row>;
  /** Headers of the columns summed in a totals row under the data; no totals row if absent. */
  readonly sum?: readonly string[];
  /**
   * Columns whose cells are formulas built here (never from data), e.g. `SUMIF`s over
   * another sheet; the cell's cached result is the column's value.
   */
  readonly formulas?: Readonly<Record<string, (row: Row, rowNumber: number) => string>>;
}

/** A formula with its cached result, made only by this module. */
interface FormulaValue {
  readonly formula: string;
  readonly result: number;
}

type ExcelValue = string | number | Date | null | FormulaValue;

/**
 * Writes the table as a worksheet of `workbook` and commits it.
 *
 * @example writeTable(workbook, { name: 'Lines', columns: LINE_COLUMNS, rows: () => lineRows(invoices), sum: ['Amount'] }, onCleaned)
 */
export function writeTable<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: TableSpec<Row>,
  onCleaned: (cell: CleanedCell) => void,
): { readonly lastDataRow: number } {
  const { columns } = spec;
  const widths = measureWidths(spec);
  const sheet = workbook.addWorksheet(spec.name, {
    ...printSetup(spec.printTitle),
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  sheet.columns = columns.map((column, index) => ({
    key: `c${index}`,
    width: widths[index] ?? MIN_WIDTH,
    style: styleOf(column.kind),
  }));

  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = HEADER_FONT;
  header.alignment = HEADER_ALIGNMENT;
  header.commit();

  let rowNumber = 1;
  const sums = columns.map(() => 0);
  for (const row of spec.rows()) {
    rowNumber += 1;
    const values = columns.map((column, index): ExcelValue => {
      const data = column.value(row);
      const cellValue = toCellValue(column.kind, data, (cleaned) =>
        onCleaned({ sheet: spec.name, row: rowNumber, column: column.header, cleaned }),
      );
      if (typeof data === 'number' && (column.kind === 'pence' || column.kind === 'count')) {
        sums[index] = (sums[index] ?? 0) + data;
      }
      const formula = spec.formulas?.[column.header];
      if (formula !== undefined && typeof cellValue === 'number') {
        return { formula: formula(row, rowNumber), result: cellValue };
      }
      return cellValue;
    });
    const added = sheet.addRow(values);
    const lines = Math.max(
      1,
      ...values.map((value, index) =>
        typeof value === 'string' ? wrappedLines(value, widths[index] ?? MIN_WIDTH) : 1,
      ),
    );
    if (lines > 1) added.height = lines * LINE_HEIGHT_PT;
    added.commit();
  }
  const lastDataRow = rowNumber;

  if (spec.sum !== undefined) {
    const totals = columns.map((column, index): ExcelValue => {
      if (index === 0) return 'Total';
      if (!spec.sum?.includes(column.header)) return null;
      const letter = columnLetter(index + 1);
      const total = sums[index] ?? 0;
      const result = column.kind === 'pence' ? total / 100 : total;
      // With no data rows a SUM would refer to its own cell: write the (zero) total.
      if (lastDataRow < 2) return result;
      return { formula: `SUM(${letter}2:${letter}${lastDataRow})`, result };
    });
    const totalsRow = sheet.addRow(totals);
    totalsRow.font = HEADER_FONT;
    totalsRow.commit();
  }

  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: lastDataRow, column: columns.length },
  };
  sheet.commit();
  return { lastDataRow };
}

/** A cell value from a column's raw data: only primitives and UTC dates reach a cell. */
function toCellValue(
  kind: ColumnKind,
  data: CellData,
  onCleaned: (cleaned: CleanedText) => void,
): string | number | Date | null {
  if (data === null) return null;
  switch (kind) {
    case 'text': {
      const cleaned = cleanCellText(String(data));
      if (cleaned.removed > 0 || cleaned.truncated) onCleaned(cleaned);
      return cleaned.text;
    }
    case 'day':
      return dateOfDay(checkedNumber(data, kind) as Day);
    case 'pence': {
      const pence = checkedNumber(data, kind);
      if (!Number.isSafeInteger(pence)) throw new RangeError(`not whole pence: ${pence}`);
      return pence / 100;
    }
    case 'count':
      return checkedNumber(data, kind);
    case 'flag':
      return data === true ? 'Yes' : 'No';
  }
}

function checkedNumber(data: CellData, kind: ColumnKind): number {
  if (typeof data !== 'number' || !Number.isFinite(data)) {
    throw new RangeError(`a ${kind} cell needs a finite number, got ${String(data)}`);
  }
  return data;
}

/**
 * The UTC midnight of a day, which exceljs writes as the day's serial number whatever
 * the machine's time zone (exceljs #486).
 *
 * @example dateOfDay(parseDay('2024-11-01')!).toISOString() === '2024-11-01T00:00:00.000Z'
 */
export function dateOfDay(day: Day): Date {
  const { year, month, day: dayOfMonth } = ymdOfDay(day);
  return new Date(Date.UTC(year, month - 1, dayOfMonth));
}

function styleOf(kind: ColumnKind): Partial<ExcelJS.Style> {
  switch (kind) {
    case 'pence':
      return { numFmt: MONEY_FORMAT, alignment: { vertical: 'top' } };
    case 'day':
      return { numFmt: DATE_FORMAT, alignment: { horizontal: 'left', vertical: 'top' } };
    case 'count':
      return { numFmt: '0', alignment: { vertical: 'top' } };
    case 'flag':
      return { alignment: { horizontal: 'center', vertical: 'top' } };
    default:
      return { alignment: { vertical: 'top', wrapText: true } };
  }
}

/**
 * Widths in "0" widths ({@link textWidth}): the widest header or line of a value in each
 * column, capped at {@link MAX_WIDTH} (longer text wraps).
 */
function measureWidths<Row>(spec: TableSpec<Row>): number[] {
  // +3 leaves room for the filter button beside the header text.
  const widths = spec.columns.map((c) => textWidth(c.header) + 3);
  for (const row of spec.rows()) {
    spec.columns.forEach((column, index) => {
      const length = displayLength(column.kind, column.value(row));
      if (length > (widths[index] ?? 0)) widths[index] = length;
    });
  }
  return widths.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(w + 1))));
}

function displayLength(kind: ColumnKind, data: CellData): number {
  if (data === null) return 0;
  switch (kind) {
    case 'text': {
      let longest = 0;
      for (const part of String(data).split('\n')) longest = Math.max(longest, textWidth(part));
      return longest;
    }
    case 'day':
      return 11; // "30 Nov 2024"
    case 'pence':
      return typeof data === 'number' && Number.isFinite(data) ? formatPounds(data).length : 0;
    case 'count':
      return String(data).length;
    case 'flag':
      return 3;
  }
}

/** A1-style letters of a 1-based column. @example columnLetter(28) === 'AB' */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}
