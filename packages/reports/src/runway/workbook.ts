/**
 * `runway.xlsx` (SPEC §6): sheets Summary (a row per resident) and Monthly balances (a row
 * per fund, a column per month). Written with exceljs's streaming writer (`useStyles` on, or
 * number formats are dropped), money in pounds with `£#,##0.00`, dates as real dates built
 * with `Date.UTC`, header rows frozen, filters on, readable widths.
 *
 * Highlighting: a month's cell is amber when the resident's total across funds at that
 * month's end is below the upper limit, red when below the lower limit. The limits apply to
 * the resident's capital, not to one fund, so every fund row of a resident is coloured by
 * the resident's total.
 */
import type { Stream } from 'node:stream';
import type { Day, ResidentRunway, Runway } from '@carebill/core';
import { formatDayShort } from '@carebill/core/internal';
import ExcelJS from 'exceljs';
import { HEADING_FONT, printSetup } from '../preview/xlsx-print.js';
import { dateOfDay } from '../preview/xlsx-table.js';
import { LINE_HEIGHT_PT, wrappedLines } from '../preview/xlsx-wrap.js';
import { bytesOf, writeInto } from '../streams.js';

const MONEY = '£#,##0.00';
const DATE = 'dd/mm/yyyy';
const AMBER = 'FFFFD966';
const RED = 'FFF4A6A6';
const HEADER_FILL = 'FFD9E1F2';
/** Months of balances printed side by side on one page of Monthly balances. */
const MONTHS_PER_PAGE = 12;

const pounds = (pence: number) => pence / 100;
const dateOrEmpty = (day: Day | null) => (day === null ? null : dateOfDay(day));

function monthLabel(monthEnd: Day): string {
  // "Nov 2024" from "30 Nov 2024".
  return formatDayShort(monthEnd).replace(/^\d+ /, '');
}

function fill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Bold on blue, wrapped, and tall enough for the longest wrapped heading. */
function styleHeader(sheet: ExcelJS.Worksheet): void {
  const row = sheet.getRow(1);
  row.font = HEADING_FONT;
  row.fill = fill(HEADER_FILL);
  row.alignment = { vertical: 'top', wrapText: true };
  const lines = sheet.columns.map((column) =>
    wrappedLines(String(column.header ?? ''), column.width ?? 10),
  );
  row.height = Math.max(1, ...lines) * LINE_HEIGHT_PT;
}

/** An id of CareHQ (24 hexadecimal digits) and a little room. */
const ID_WIDTH = 26;

/**
 * The runway workbook as the bytes of an .xlsx file: sheets Summary (a row per resident)
 * and Monthly balances (a row per fund, a column per month, amber below the upper limit,
 * red below the lower). Its `created` and `modified` are the as-of date, never the clock.
 *
 * @example
 * const runway = projectRunway(loaded, { asOf: parseDay('2024-11-22')! });
 * const xlsx = await renderRunwayWorkbook(runway); // Uint8Array of a zip (starts with PK)
 */
export function renderRunwayWorkbook(runway: Runway): Promise<Uint8Array> {
  return bytesOf((sink) => writeRunwayWorkbook(runway, sink));
}

/**
 * Streams the runway workbook (see {@link renderRunwayWorkbook}) into a writable stream
 * (a file, an HTTP response), ends the stream and resolves once it has finished.
 *
 * @example await writeRunwayWorkbook(runway, createWriteStream('runway.xlsx'));
 */
export function writeRunwayWorkbook(runway: Runway, output: NodeJS.WritableStream): Promise<void> {
  return writeInto(output, () => writeSheets(runway, output));
}

async function writeSheets(runway: Runway, output: NodeJS.WritableStream): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    // exceljs types its stream as a `Stream`; any Node writable works.
    stream: output as unknown as Stream,
    useStyles: true,
    useSharedStrings: false,
  });
  const stamp = dateOfDay(runway.asOf);
  workbook.creator = 'carebill';
  workbook.created = stamp;
  workbook.modified = stamp;

  const title = `Care fund runway as of ${formatDayShort(runway.asOf)}`;
  writeSummary(workbook, runway, title);
  writeMonthly(workbook, runway, title);
  await workbook.commit();
}

function writeSummary(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  runway: Runway,
  title: string,
): void {
  const sheet = workbook.addWorksheet('Summary', {
    ...printSetup(title),
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  sheet.columns = [
    { header: 'Resident', key: 'name', width: 28 },
    { header: 'Resident id', key: 'id', width: ID_WIDTH },
    { header: 'Funds', key: 'funds', width: 8 },
    {
      header: `Total at ${formatDayShort(runway.asOf)}`,
      key: 'total',
      width: 16,
      style: { numFmt: MONEY },
    },
    { header: 'Below upper limit on', key: 'upper', width: 14, style: { numFmt: DATE } },
    { header: 'Tell the council by', key: 'notify', width: 14, style: { numFmt: DATE } },
    { header: 'Below lower limit on', key: 'lower', width: 14, style: { numFmt: DATE } },
    {
      header: 'Weekly tariff at as-of date',
      key: 'tariffNow',
      width: 14,
      style: { numFmt: MONEY },
    },
    {
      header: 'Weekly tariff at upper-limit date',
      key: 'tariffUpper',
      width: 16,
      style: { numFmt: MONEY },
    },
    { header: 'Flags', key: 'flags', width: 34 },
  ];
  styleHeader(sheet);
  for (const resident of runway.serviceUsers) {
    sheet
      .addRow({
        name: resident.name,
        id: resident.id,
        funds: resident.funds.length,
        total: pounds(resident.totalAsOfPence),
        upper: dateOrEmpty(resident.upperLimitDate),
        notify: dateOrEmpty(resident.notifyCouncilBy),
        lower: dateOrEmpty(resident.lowerLimitDate),
        tariffNow: tariff(resident.weeklyTariffAsOfPence),
        tariffUpper: tariff(resident.weeklyTariffAtUpperLimitPence),
        flags: resident.flags.join(', '),
      })
      .commit();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 10 } };
  sheet.commit();
}

function tariff(pence: number | null): number | null {
  return pence === null ? null : pounds(pence);
}

function writeMonthly(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  runway: Runway,
  title: string,
): void {
  const months = runway.funds[0]?.monthly ?? runway.serviceUsers[0]?.monthly ?? [];
  // Three years of months fitted to one page would print at a quarter size: a year of
  // months a page, the resident and fund repeated at the left of each.
  const sheet = workbook.addWorksheet('Monthly balances', {
    ...printSetup(title, {
      titleColumns: 'A:B',
      pagesWide: Math.max(1, Math.ceil(months.length / MONTHS_PER_PAGE)),
    }),
    views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }],
  });
  const fixed = [
    { header: 'Resident', key: 'name', width: 28 },
    { header: 'Fund', key: 'fund', width: ID_WIDTH },
    { header: 'Description', key: 'description', width: 22 },
    {
      header: `Balance at ${formatDayShort(runway.asOf)}`,
      key: 'asOf',
      width: 16,
      style: { numFmt: MONEY },
    },
    { header: 'Runs out on', key: 'depletion', width: 13, style: { numFmt: DATE } },
    { header: 'Notify by', key: 'notify', width: 13, style: { numFmt: DATE } },
  ];
  sheet.columns = [
    ...fixed,
    ...months.map((m) => ({
      header: monthLabel(m.monthEnd),
      key: m.month,
      width: 13,
      style: { numFmt: MONEY },
    })),
  ];
  styleHeader(sheet);
  const residents = new Map<string, ResidentRunway>(runway.serviceUsers.map((r) => [r.id, r]));
  const { upperPence, lowerPence } = runway.limits;
  for (const fund of runway.funds) {
    const resident = residents.get(fund.serviceUser);
    const values: Record<string, unknown> = {
      name: resident?.name ?? fund.serviceUser,
      fund: fund.id,
      description: fund.description,
      asOf: pounds(fund.balanceAsOfPence),
      depletion: dateOrEmpty(fund.depletionDate),
      notify: dateOrEmpty(fund.notifyDepletionBy),
    };
    for (const m of fund.monthly) values[m.month] = pounds(m.closingBalancePence);
    const row = sheet.addRow(values);
    fund.monthly.forEach((_, i) => {
      const total = resident?.monthly[i]?.closingBalancePence;
      if (total === undefined) return;
      const cell = row.getCell(fixed.length + 1 + i);
      if (total < lowerPence) cell.fill = fill(RED);
      else if (total < upperPence) cell.fill = fill(AMBER);
    });
    row.commit();
  }
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: fixed.length + months.length },
  };
  sheet.commit();
}
