import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Preview } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { samplePreview } from '../../test/sample-preview.js';
import { xlsxParts } from '../../test/xlsx-parts.js';
import { LINES_COLUMNS } from '../exports/lines-csv.js';
import { INVOICE_COLUMNS } from '../tables/invoices.js';
import { WARNING_COLUMNS } from '../tables/warnings.js';
import { PREVIEW_SHEETS, renderPreviewWorkbook, writePreviewWorkbook } from './workbook.js';
import type { CleanedCell } from './xlsx-table.js';

async function workbookBuffer(preview: Preview, cleaned: CleanedCell[] = []): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writePreviewWorkbook(preview, stream, { onCleanedText: (c) => cleaned.push(c) });
  return Buffer.concat(chunks);
}

/** Read back with SheetJS, a second reader, keeping formulas, formats and the raw parts. */
function read(buffer: Buffer) {
  return XLSX.read(buffer, { cellNF: true, cellFormula: true, bookFiles: true });
}

function rawPart(wb: XLSX.WorkBook, path: string): string {
  const files = (wb as unknown as { files: Record<string, { content: Uint8Array }> }).files;
  return Buffer.from(files[path]!.content).toString('utf8');
}

function cell(ws: XLSX.WorkSheet, address: string): XLSX.CellObject {
  const found = ws[address] as XLSX.CellObject | undefined;
  if (!found) throw new Error(`no cell ${address}`);
  return found;
}

// 1 Nov 2024 and 15 Nov 2024 as Excel serials (days since 1970-01-01 + 25569).
const NOV_1 = 20028 + 25569;
const NOV_15 = NOV_1 + 14;

describe('writePreviewWorkbook', async () => {
  const preview = samplePreview();
  const wb = read(await workbookBuffer(preview));
  const invoices = wb.Sheets['Invoices']!;
  const lines = wb.Sheets['Lines']!;

  it('has the five sheets of SPEC §6 and the Adjustments sheet of §10', () => {
    expect(wb.SheetNames).toEqual([...PREVIEW_SHEETS]);
  });

  it('writes invoice rows with £ amounts, real dates and the payer', () => {
    const header = XLSX.utils.sheet_to_json<string[]>(invoices, { header: 1 })[0];
    // The Invoices table's columns, which tables.rules.test.ts spells out.
    expect(header).toEqual(INVOICE_COLUMNS.map((column) => column.header));
    expect(cell(invoices, 'A2').v).toBe('PREVIEW-202411-0001');
    expect(cell(invoices, 'B2').v).toBe('Invoice');
    expect(cell(invoices, 'C2').v).toBe('Cyngor Sir Ceredigion County Council');
    expect(cell(invoices, 'G2').v).toBe(
      'Gwenllian Ŷwen; Łukasz Wróbel; Margaret Jones; Dafydd ap Gruffydd',
    );
    expect(cell(invoices, 'H2')).toMatchObject({ t: 'n', v: NOV_1, z: 'd mmm yyyy' });
    expect(cell(invoices, 'I2')).toMatchObject({ t: 'n', v: NOV_15, z: 'd mmm yyyy' });
    expect(cell(invoices, 'J2').v).toBe('BACS');
    expect(cell(invoices, 'P2')).toMatchObject({ t: 'n', v: 13509.45, z: '£#,##0.00' });
    expect(cell(invoices, 'N3').v).toBe('DD_WITHOUT_MANDATE');
    expect(cell(invoices, 'M4').v).toBe('Yes');
  });

  it('totals Invoices and Lines with SUM formulas whose cached results agree', () => {
    const invoiceTotal = cell(invoices, 'P5');
    expect(cell(invoices, 'A5').v).toBe('Total');
    expect(invoiceTotal.f).toBe('SUM(P2:P4)');
    expect(invoiceTotal.v).toBe(preview.totals.invoicedPence / 100);
    expect(cell(invoices, 'O5')).toMatchObject({ f: 'SUM(O2:O4)', v: 7 });

    const lineCount = preview.invoices.reduce((n, i) => n + i.lines.length, 0);
    const lastLine = lineCount + 1;
    const lineTotal = cell(lines, `N${lastLine + 1}`);
    expect(lineTotal.f).toBe(`SUM(N2:N${lastLine})`);
    expect(lineTotal.v).toBe(invoiceTotal.v);
    // The cached totals equal the sum of the cells a user sees.
    let sum = 0;
    for (let r = 2; r <= lastLine; r++) sum += Math.round(Number(cell(lines, `N${r}`).v) * 100);
    expect(sum).toBe(preview.totals.invoicedPence);
  });

  it('writes the Lines columns in order with dates, days and the provisional flag', () => {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(lines, { header: 1 });
    // The same columns as invoice-lines.csv, whose test spells them out.
    expect(rows[0]).toEqual([...LINES_COLUMNS]);
    expect(rows[1]).toEqual([
      'PREVIEW-202411-0001',
      'Cyngor Sir Ceredigion County Council',
      'CCC01',
      'Bryn Awel',
      'Gwenllian Ŷwen',
      'su-1',
      'bk-1',
      'ct-la-1',
      'contract',
      'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week, Room 4 (Ystafell Ŵy), council share',
      NOV_1,
      NOV_1 + 29,
      30,
      5938.03,
      'No',
    ]);
    expect(rows[4]?.[14]).toBe('Yes');
    expect(cell(lines, 'K2').z).toBe('d mmm yyyy');
    expect(cell(lines, 'N2').z).toBe('£#,##0.00');
  });

  it('totals by payment method with COUNTIF/SUMIF over Invoices', () => {
    const ws = wb.Sheets['By payment method']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
    expect(rows).toEqual([
      ['Payment method', 'Invoices', 'Total'],
      ['BACS', 1, 13509.45],
      ['Direct debit', 1, 428.57],
      ['Cheque', 1, 732.86],
      ['Total', 3, preview.totals.invoicedPence / 100],
    ]);
    expect(cell(ws, 'C2').f).toBe('SUMIF(Invoices!$J$2:$J$4,A2,Invoices!$P$2:$P$4)');
    expect(cell(ws, 'B3').f).toBe('COUNTIF(Invoices!$J$2:$J$4,A3)');
  });

  it('lists unbilled and unallocated amounts, the over-contracted one negative', () => {
    const ws = wb.Sheets['Unbilled & unallocated']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
    expect(rows[1]).toEqual([
      'Unbilled',
      'bk-6',
      'ct-9',
      'suc-9',
      'Dafydd Ŵyn & Sons',
      NOV_1,
      NOV_1 + 29,
      30,
      214.29,
      'BILLING_NOT_ENABLED',
    ]);
    expect(rows[2]?.slice(3, 5)).toEqual(['su-3', 'Margaret Jones']);
    expect(rows[3]?.[8]).toBe(-42.86);
    expect(rows[3]?.[9]).toBe('OVER_CONTRACTED');
    expect(rows[4]?.[8]).toBe(
      (preview.totals.unbilledPence + preview.totals.unallocatedPence) / 100,
    );
  });

  it('keeps formula-looking text as text', () => {
    const ws = wb.Sheets['Warnings']!;
    const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1 });
    expect(rows[0]).toEqual(WARNING_COLUMNS.map((column) => column.header));
    expect(rows[1]?.slice(0, 6)).toEqual([
      'Parked',
      'BAD_MONEY',
      'bookings',
      'bk-7',
      'rate',
      'su-7',
    ]);
    const formulaRow = rows.findIndex((r) => r[1] === 'FORMULA_TEXT') + 1;
    const message = cell(ws, `G${formulaRow}`);
    expect(message.t).toBe('s');
    expect(message.f).toBeUndefined();
    expect(String(message.v).startsWith('=HYPERLINK(')).toBe(true);
  });

  it('freezes the header row, filters it and sizes columns to their text', () => {
    for (const [index, name] of PREVIEW_SHEETS.entries()) {
      const xml = rawPart(wb, `xl/worksheets/sheet${index + 1}.xml`);
      expect(xml, name).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      expect(wb.Sheets[name]!['!autofilter']?.ref, name).toMatch(/^A1:[A-Z]+\d+$/);
    }
    expect(invoices['!autofilter']?.ref).toBe('A1:P4');
    const colsXml = rawPart(wb, 'xl/worksheets/sheet2.xml');
    // exceljs leaves out columns of the default width (9), so read each <col>'s position.
    const widths = new Map(
      [...colsXml.matchAll(/<col min="(\d+)"[^>]*width="([\d.]+)"/g)].map((m) => [
        Number(m[1]) - 1,
        Number(m[2]),
      ]),
    );
    expect(widths.get(0)).toBeGreaterThanOrEqual('PREVIEW-202411-0001'.length);
    expect(widths.get(9)).toBe(32); // the long description is capped, and wraps
    // Its row is as tall as the wrapped lines: at least two of 15 pt.
    const linesXml = rawPart(wb, 'xl/worksheets/sheet2.xml');
    const heights = [...linesXml.matchAll(/<row r="(\d+)"[^>]* ht="([\d.]+)"/g)].map((m) =>
      Number(m[2]),
    );
    expect(heights.length).toBeGreaterThan(0);
    for (const height of heights) expect(height % 15).toBe(0);
    expect(Math.max(...heights)).toBeGreaterThanOrEqual(30);
  });

  it('prints every sheet on A4 landscape, one page wide, the header row on every page', () => {
    // SheetJS reads the print titles back as defined names, one per sheet.
    expect(wb.Workbook?.Names?.filter((n) => n.Name === '_xlnm.Print_Titles')).toEqual(
      PREVIEW_SHEETS.map((name, index) => ({
        Name: '_xlnm.Print_Titles',
        Sheet: index,
        Ref: `'${name}'!$1:$1`,
      })),
    );
    for (const [index, name] of PREVIEW_SHEETS.entries()) {
      const xml = rawPart(wb, `xl/worksheets/sheet${index + 1}.xml`);
      expect(xml, name).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
      const setup = /<pageSetup [^>]*\/>/.exec(xml)?.[0] ?? '';
      expect(setup, name).toContain('paperSize="9"');
      expect(setup, name).toContain('orientation="landscape"');
      expect(setup, name).toContain('fitToWidth="1"');
      expect(setup, name).toContain('fitToHeight="0"');
      expect(xml, name).toContain(
        '<oddHeader>&amp;LInvoice preview 1 Nov 2024 – 30 Nov 2024</oddHeader>',
      );
      expect(xml, name).toContain('<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>');
    }
  });

  it('dates the workbook from the period, never the clock', () => {
    const core = rawPart(wb, 'docProps/core.xml');
    expect(core).toContain('2024-11-01T00:00:00Z');
  });

  it('cleans text a cell cannot hold and reports it', async () => {
    const bad = samplePreview();
    const [first, ...rest] = bad.invoices;
    const payer = { ...first!.payer, name: `Bad\u0000Name\uFFFE\uD800 Ltd` };
    const cleaned: CleanedCell[] = [];
    const wb2 = read(
      await workbookBuffer({ ...bad, invoices: [{ ...first!, payer }, ...rest] }, cleaned),
    );
    expect(cell(wb2.Sheets['Invoices']!, 'C2').v).toBe('BadName Ltd');
    expect(cleaned[0]).toMatchObject({ sheet: 'Invoices', row: 2, column: 'Payer' });
    expect(cleaned[0]?.cleaned.removed).toBe(3);
  });

  it('writes an empty preview with headers and zero totals', async () => {
    const empty = samplePreview();
    const none: Preview = {
      ...empty,
      invoices: [],
      unallocated: [],
      unbilled: [],
      parked: [],
      warnings: [],
      totals: {
        feesPence: 0,
        invoicedPence: 0,
        unbilledPence: 0,
        unallocatedPence: 0,
        adjustmentsPence: 0,
        unbilledAdjustmentsPence: 0,
      },
    };
    const wb0 = read(await workbookBuffer(none));
    expect(wb0.SheetNames).toEqual([...PREVIEW_SHEETS]);
    const ws = wb0.Sheets['Invoices']!;
    expect(cell(ws, 'A1').v).toBe('Invoice');
    expect(cell(ws, 'A2').v).toBe('Total');
    expect(cell(ws, 'P2').v).toBe(0);
    expect(cell(ws, 'P2').f).toBeUndefined(); // no SUM referring to itself
  });

  it('gives as bytes the workbook it streams into a file, complete once it resolves', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'carebill-xlsx-')), 'preview.xlsx');
    await writePreviewWorkbook(preview, createWriteStream(path));
    const fromFile = readFileSync(path);
    expect(XLSX.read(fromFile).SheetNames).toEqual([...PREVIEW_SHEETS]);
    const bytes = await renderPreviewWorkbook(preview);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const parts = xlsxParts(bytes);
    expect([...parts.keys()]).toContain('xl/worksheets/sheet1.xml');
    expect(parts).toEqual(xlsxParts(fromFile));
  });
});
