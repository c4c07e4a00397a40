/**
 * `report.xlsx` (SPEC §11): a Summary sheet (a row per home, then the group) and a Fee
 * income sheet (one row per home × funding source, nothing else in the table, so a pivot
 * table reads it as it is). Streamed with exceljs's `WorkbookWriter` like the other
 * workbooks: money as numbers in pounds with `£#,##0.00`, occupancy as a percentage,
 * header row frozen and filtered, and set up to print as every carebill workbook does
 * (`printSetup`: A4 landscape, one page wide, the header row repeated on every page, the
 * title in the page header, the sheet's name and page numbers in the footer).
 *
 * With `--compare`, each figure has the compared period's beside it and the change.
 */
import type { HomeFigures, ManagementPack, PackChange, PackFigures } from '@carebill/core';
import type ExcelJS from 'exceljs';
import { HEADING_FONT, printSetup } from '../preview/xlsx-print.js';
import { columnLetter, MONEY_FORMAT } from '../preview/xlsx-table.js';
import { LINE_HEIGHT_PT, wrappedLines } from '../preview/xlsx-wrap.js';
import { bytesOf, writeInto } from '../streams.js';
import { cleanCellText } from '../tables/cell-text.js';
import { createWorkbookWriter } from '../tables/workbook-writer.js';
import { fundingSourceName, periodLabel } from './labels.js';

export const REPORT_SHEETS = ['Summary', 'Fee income'] as const;

const PERCENT = '0.0%';
const PERCENT_CHANGE = '+0.0%;-0.0%;0.0%';
const POINTS = '+0.0" pts";-0.0" pts";0.0" pts"';
const MONEY_CHANGE = '+£#,##0.00;-£#,##0.00;£0.00';
const WHOLE = '#,##0';
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFD9E1F2' },
};

type Cell = string | number | null | { readonly formula: string; readonly result: number };

interface SheetColumn<Row> {
  readonly header: string;
  readonly width: number;
  readonly numFmt?: string;
  /** The cell of a row; `rowNumber` and `letter` place it, for a formula. */
  readonly value: (row: Row, rowNumber: number, letter: string) => Cell;
}

/**
 * The management pack's workbook as the bytes of an .xlsx file: sheets Summary and Fee
 * income. Its `created` and `modified` are the period's first day, never the clock.
 *
 * @example
 * const pack = buildManagementPack(loaded, { period });
 * const xlsx = await renderManagementPackWorkbook(pack); // Uint8Array of a zip (starts with PK)
 */
export function renderManagementPackWorkbook(pack: ManagementPack): Promise<Uint8Array> {
  return bytesOf((sink) => writeManagementPackWorkbook(pack, sink));
}

/**
 * Streams the management pack's workbook (see {@link renderManagementPackWorkbook}) into
 * a writable stream (a file, an HTTP response), ends the stream and resolves once it has
 * finished.
 *
 * @example await writeManagementPackWorkbook(pack, createWriteStream('report.xlsx'));
 */
export function writeManagementPackWorkbook(
  pack: ManagementPack,
  output: NodeJS.WritableStream,
): Promise<void> {
  return writeInto(output, () => writeSheets(pack, output));
}

async function writeSheets(pack: ManagementPack, output: NodeJS.WritableStream): Promise<void> {
  const workbook = createWorkbookWriter(output, pack.period.from);
  const title = `Management pack ${periodLabel(pack.period)}`;
  writeSheet(workbook, 'Summary', title, summaryColumns(pack), summaryRows(pack), {
    boldLast: true,
  });
  writeSheet(workbook, 'Fee income', title, feeIncomeColumns(pack), feeIncomeRows(pack), {
    boldLast: false,
  });
  await workbook.commit();
}

interface SummaryRow {
  readonly name: string;
  readonly location: string | null;
  readonly figures: PackFigures;
  readonly before: (PackFigures & { readonly change: PackChange }) | null;
  readonly isGroup: boolean;
}

function summaryRows(pack: ManagementPack): SummaryRow[] {
  const rows: SummaryRow[] = pack.homes.map((home, i) => ({
    name: home.name,
    location: home.location,
    figures: home,
    before: pack.compare?.homes[i] ?? null,
    isGroup: false,
  }));
  rows.push({
    name: `Group (${pack.homes.length} home${pack.homes.length === 1 ? '' : 's'})`,
    location: null,
    figures: pack.group,
    before: pack.compare?.group ?? null,
    isGroup: true,
  });
  return rows;
}

function summaryColumns(pack: ManagementPack): SheetColumn<SummaryRow>[] {
  const now = periodLabel(pack.period);
  const homes = pack.homes.length;
  // The group's fees, occupied bed-days and rooms are the homes' sums: formulas with their
  // results cached, so a reader can check them; the others are counted for the group itself.
  const sumOfHomes = (row: SummaryRow, n: number, letter: string, value: number): Cell =>
    row.isGroup && homes > 0
      ? { formula: `SUM(${letter}2:${letter}${n - 1})`, result: value }
      : value;
  const columns: SheetColumn<SummaryRow>[] = [
    { header: 'Home', width: nameWidth(pack.homes), value: (r) => text(r.name) },
    {
      header: 'Location id',
      width: 26,
      value: (r) => (r.location === null ? null : text(r.location)),
    },
    {
      header: `Fees ${now}`,
      width: 16,
      numFmt: MONEY_FORMAT,
      value: (r, n, letter) => sumOfHomes(r, n, letter, pounds(r.figures.feesPence)),
    },
    { header: 'Residents', width: 11, numFmt: WHOLE, value: (r) => r.figures.residents },
    {
      header: 'Bed-days occupied',
      width: 12,
      numFmt: WHOLE,
      value: (r, n, letter) => sumOfHomes(r, n, letter, r.figures.bedDaysOccupied),
    },
    {
      header: 'Rooms',
      width: 9,
      numFmt: WHOLE,
      value: (r, n, letter) => sumOfHomes(r, n, letter, r.figures.rooms),
    },
    {
      header: 'Bed-days out of service',
      width: 12,
      numFmt: WHOLE,
      value: (r) => r.figures.bedDaysOutOfService,
    },
    {
      header: 'Bed-days available',
      width: 12,
      numFmt: WHOLE,
      value: (r) => r.figures.bedDaysAvailable,
    },
    {
      header: 'Occupancy',
      width: 11,
      numFmt: PERCENT,
      value: (r) => permille(r.figures.occupancyPermille),
    },
    {
      header: 'Average weekly fee',
      width: 14,
      numFmt: MONEY_FORMAT,
      value: (r) => poundsOrNull(r.figures.averageWeeklyFeePence),
    },
  ];
  if (pack.compare === null) return columns;
  const before = periodLabel(pack.compare.period);
  return [
    ...columns,
    ...beforeAndChange<SummaryRow>({
      figure: 'Fees',
      before,
      widths: [16, 15],
      formats: [MONEY_FORMAT, MONEY_CHANGE],
      value: (r) => poundsOrNull(r.before?.feesPence ?? null),
      change: (r) => poundsOrNull(r.before?.change.feesPence ?? null),
    }),
    {
      header: 'Change in fees %',
      width: 11,
      numFmt: PERCENT_CHANGE,
      value: (r) => permille(r.before?.change.feesPermille ?? null),
    },
    ...beforeAndChange<SummaryRow>({
      figure: 'Occupancy',
      before,
      widths: [11, 12],
      formats: [PERCENT, POINTS],
      value: (r) => permille(r.before?.occupancyPermille ?? null),
      change: (r) => points(r.before?.change.occupancyPermille ?? null),
    }),
    ...beforeAndChange<SummaryRow>({
      figure: 'Average weekly fee',
      before,
      widths: [14, 14],
      formats: [MONEY_FORMAT, MONEY_CHANGE],
      value: (r) => poundsOrNull(r.before?.averageWeeklyFeePence ?? null),
      change: (r) => poundsOrNull(r.before?.change.averageWeeklyFeePence ?? null),
    }),
  ];
}

interface FeeIncomeRow {
  readonly home: HomeFigures;
  readonly source: string;
  readonly pence: number;
  readonly beforePence: number | null;
}

/** One row per home × source (every source of either period, when comparing). */
function* feeIncomeRows(pack: ManagementPack): Generator<FeeIncomeRow> {
  for (const [i, home] of pack.homes.entries()) {
    const before = pack.compare?.homes[i];
    const sources = new Map<string, { pence: number; beforePence: number | null }>();
    for (const share of home.byFunding) {
      sources.set(share.source, { pence: share.pence, beforePence: before ? 0 : null });
    }
    for (const share of before?.byFunding ?? []) {
      const entry = sources.get(share.source) ?? { pence: 0, beforePence: 0 };
      entry.beforePence = share.pence;
      sources.set(share.source, entry);
    }
    for (const [source, amounts] of sources) yield { home, source, ...amounts };
  }
}

function feeIncomeColumns(pack: ManagementPack): SheetColumn<FeeIncomeRow>[] {
  const now = periodLabel(pack.period);
  const columns: SheetColumn<FeeIncomeRow>[] = [
    { header: 'Period', width: 12, value: () => now },
    { header: 'Home', width: nameWidth(pack.homes), value: (r) => text(r.home.name) },
    {
      header: 'Location id',
      width: 26,
      value: (r) => (r.home.location === null ? null : text(r.home.location)),
    },
    { header: 'Source', width: 22, value: (r) => text(r.source) },
    { header: 'Funding source', width: 30, value: (r) => text(fundingSourceName(r.source)) },
    { header: `Fees ${now}`, width: 16, numFmt: MONEY_FORMAT, value: (r) => pounds(r.pence) },
    {
      header: 'Share of the home’s fees',
      width: 12,
      numFmt: PERCENT,
      value: (r) => (r.home.feesPence === 0 ? null : r.pence / r.home.feesPence),
    },
  ];
  if (pack.compare === null) return columns;
  const before = periodLabel(pack.compare.period);
  return [
    ...columns,
    ...beforeAndChange<FeeIncomeRow>({
      figure: 'Fees',
      before,
      widths: [16, 15],
      formats: [MONEY_FORMAT, MONEY_CHANGE],
      value: (r) => poundsOrNull(r.beforePence),
      change: (r) => poundsOrNull(r.beforePence === null ? null : r.pence - r.beforePence),
    }),
  ];
}

/** A figure's two columns under `--compare`: its value in the compared period, then the change. */
function beforeAndChange<Row>(compared: {
  readonly figure: string;
  /** The compared period's label. */
  readonly before: string;
  readonly widths: readonly [number, number];
  readonly formats: readonly [string, string];
  readonly value: (row: Row) => Cell;
  readonly change: (row: Row) => Cell;
}): SheetColumn<Row>[] {
  const { figure, before, widths, formats } = compared;
  return [
    { header: `${figure} ${before}`, width: widths[0], numFmt: formats[0], value: compared.value },
    {
      header: `Change in ${figure.toLowerCase()}`,
      width: widths[1],
      numFmt: formats[1],
      value: compared.change,
    },
  ];
}

/** One sheet: styled header, rows committed as written, frozen, filtered and print-ready. */
function writeSheet<Row>(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  title: string,
  columns: readonly SheetColumn<Row>[],
  rows: Iterable<Row>,
  options: { readonly boldLast: boolean },
): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'A2' }],
    ...printSetup(title),
  });
  sheet.columns = columns.map((column, index) => ({
    key: `c${index}`,
    width: column.width,
    ...(column.numFmt !== undefined && { style: { numFmt: column.numFmt } }),
  }));
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = HEADING_FONT;
  header.fill = HEADER_FILL;
  header.alignment = { vertical: 'middle', wrapText: true };
  // Neither Excel nor LibreOffice fits a streamed row to its wrapped text: size it here.
  const lines = Math.max(...columns.map((c) => wrappedLines(c.header, c.width)));
  header.height = lines * LINE_HEIGHT_PT;
  header.commit();

  let rowNumber = 1;
  let pending: ExcelJS.Row | null = null;
  for (const row of rows) {
    pending?.commit();
    rowNumber += 1;
    pending = sheet.addRow(
      columns.map((column, index) => column.value(row, rowNumber, columnLetter(index + 1))),
    );
  }
  if (pending !== null) {
    if (options.boldLast) pending.font = HEADING_FONT;
    pending.commit();
  }
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(rowNumber, 1), column: columns.length },
  };
  sheet.commit();
}

const pounds = (pence: number): number => {
  if (!Number.isSafeInteger(pence)) throw new RangeError(`not whole pence: ${pence}`);
  return pence / 100;
};
const poundsOrNull = (pence: number | null) => (pence === null ? null : pounds(pence));
const permille = (value: number | null) => (value === null ? null : value / 1000);
const points = (value: number | null) => (value === null ? null : value / 10);
const text = (value: string) => cleanCellText(value).text;

function nameWidth(homes: readonly { readonly name: string }[]): number {
  let longest = 12;
  for (const home of homes) longest = Math.max(longest, home.name.length);
  return Math.min(40, longest + 2);
}
