/**
 * The preview workbook of a month with adjustments to an issued period (SPEC §10), read
 * back with SheetJS: the Adjustments sheet, the adjustment columns on Lines, the kind of
 * each invoice, and the print setup every sheet shares.
 */
import type { Preview } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { adjustedPreview } from '../../test/adjusted-preview.js';
import { samplePreview } from '../../test/sample-preview.js';
import { PREVIEW_SHEETS, renderPreviewWorkbook } from './workbook.js';

async function read(preview: Preview) {
  const bytes = await renderPreviewWorkbook(preview);
  return XLSX.read(bytes, { cellNF: true, cellFormula: true, bookFiles: true, type: 'buffer' });
}

function rows(wb: XLSX.WorkBook, sheet: string): unknown[][] {
  return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet]!, { header: 1, defval: null });
}

function rawPart(wb: XLSX.WorkBook, path: string): string {
  const files = (wb as unknown as { files: Record<string, { content: Uint8Array }> }).files;
  return Buffer.from(files[path]!.content).toString('utf8');
}

/** Excel serials of 1 and 31 Oct 2024. */
const OCT_1 = 19997 + 25569;
const OCT_31 = OCT_1 + 30;

describe('the preview workbook with adjustments to earlier periods', async () => {
  const preview = adjustedPreview();
  const wb = await read(preview);

  it('has an Adjustments sheet after Lines', () => {
    expect(wb.SheetNames).toEqual([...PREVIEW_SHEETS]);
    expect(wb.SheetNames.indexOf('Adjustments')).toBe(wb.SheetNames.indexOf('Lines') + 1);
  });

  it('lists every adjustment: adjusted period, invoice, payer, resident, booking, was, now, adjustment', () => {
    const [header, ...body] = rows(wb, 'Adjustments');
    expect(header).toEqual([
      'Adjusts from',
      'Adjusts to',
      'Invoice',
      'On',
      'Payer',
      'Account code',
      'Location',
      'Resident',
      'Days now',
      'Was',
      'Now',
      'Adjustment',
      'Booking',
      'Contract',
      'Resident id',
      'Payer id',
      'Description',
    ]);
    const data = body.slice(0, -1);
    expect(data.map((r) => r.slice(0, 4))).toEqual([
      [OCT_1, OCT_31, 'PREVIEW-202411-0001', 'Invoice'],
      [OCT_1, OCT_31, 'PREVIEW-202411-0002', 'Invoice'],
      [OCT_1, OCT_31, 'PREVIEW-202411-0002', 'Invoice'],
      [OCT_1, OCT_31, 'PREVIEW-202411-0003', 'Credit note'],
      [OCT_1, OCT_31, '', 'Unbilled (BILLING_NOT_ENABLED)'],
    ]);
    expect(data.map((r) => [r[4], r[7], r[12], r[8], r[9], r[10], r[11]])).toEqual([
      ["Margaret O'Brien", "Ann O'Brien", 'bk-1', 31, 5938.03, 6021.43, 83.4],
      ['Kent County Council', 'Brown, Arthur', 'bk-2', 31, 3764.29, 3885.72, 121.43],
      ['Kent County Council', 'Patel, Ravi', 'bk-3', 14, 3764.29, 1700, -2064.29],
      ['NHS Kent and Medway ICB', 'Patel, Ravi', 'bk-3', 14, 1045.71, 472.26, -573.45],
      ['Dafydd Ŵyn', '', 'bk-9', 31, 0, 42.86, 42.86],
    ]);
    expect(data[4]![15]).toBe('service_user_contact/suc-9');
    expect(data[2]![16]).toBe(preview.invoices[1]!.lines[2]!.description);
  });

  it('totals was, now and adjustment with SUM formulas whose cached results are exact', () => {
    const ws = wb.Sheets['Adjustments']!;
    const total = ws['L7'] as XLSX.CellObject;
    expect(ws['A7']?.v).toBe('Total');
    expect(total.f).toBe('SUM(L2:L6)');
    expect(Math.round(Number(total.v) * 100)).toBe(
      preview.totals.adjustmentsPence + preview.totals.unbilledAdjustmentsPence,
    );
    expect(ws['J7']).toMatchObject({ f: 'SUM(J2:J6)' });
    expect(ws['L2']).toMatchObject({ t: 'n', z: '£#,##0.00' });
    expect(ws['A2']).toMatchObject({ t: 'n', z: 'd mmm yyyy' });
  });

  it('shows Adjusts from, Adjusts to, Was and Now on Lines, blank on the period’s own lines', () => {
    const [header, ...body] = rows(wb, 'Lines');
    expect(header!.slice(-5)).toEqual(['Provisional', 'Adjusts from', 'Adjusts to', 'Was', 'Now']);
    const own = body[0]!;
    expect(own.slice(-4)).toEqual([null, null, null, null]);
    const adjustment = body[1]!;
    expect(adjustment.slice(-4)).toEqual([OCT_1, OCT_31, 5938.03, 6021.43]);
    expect(adjustment[13]).toBe(83.4);
    // The Amount total still equals what was invoiced.
    const amounts = body.slice(0, -1).map((r) => Math.round(Number(r[13]) * 100));
    expect(amounts.reduce((a, b) => a + b, 0)).toBe(preview.totals.invoicedPence);
  });

  it('prints Lines up to Provisional and Adjustments up to Adjustment, the rest on screen', () => {
    const lines = wb.SheetNames.indexOf('Lines');
    expect(wb.Workbook?.Names?.filter((n) => n.Name === '_xlnm.Print_Area')).toEqual([
      { Name: '_xlnm.Print_Area', Sheet: lines, Ref: "'Lines'!$A:$O" },
      { Name: '_xlnm.Print_Area', Sheet: lines + 1, Ref: "'Adjustments'!$A:$L" },
    ]);
    expect(rows(wb, 'Lines')[0]![14]).toBe('Provisional');
  });

  it('marks the credit note on the Invoices sheet', () => {
    const [header, ...body] = rows(wb, 'Invoices');
    expect(header!.slice(0, 2)).toEqual(['Invoice', 'Kind']);
    expect(body.slice(0, -1).map((r) => [r[0], r[1], r.at(-1)])).toEqual([
      ['PREVIEW-202411-0001', 'Invoice', 6021.43],
      ['PREVIEW-202411-0002', 'Invoice', 1700],
      ['PREVIEW-202411-0003', 'Credit note', -573.45],
    ]);
  });

  it('keeps the adjustment left unbilled off the Unbilled & unallocated sheet, which adds up to the period’s own amounts', () => {
    const body = rows(wb, 'Unbilled & unallocated').slice(1);
    expect(body).toEqual([['Total', null, null, null, null, null, null, 0, 0, null]]);
  });

  it('prints the Adjustments sheet as the others: A4 landscape, one page wide, header row repeated', () => {
    const index = wb.SheetNames.indexOf('Adjustments') + 1;
    const sheet = rawPart(wb, `xl/worksheets/sheet${index}.xml`);
    expect(sheet).toMatch(/<pageSetup[^>]*paperSize="9"/);
    expect(sheet).toMatch(/<pageSetup[^>]*orientation="landscape"/);
    expect(sheet).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
    expect(sheet).toContain('<oddFooter>&amp;L&amp;A&amp;RPage &amp;P of &amp;N</oddFooter>');
    expect(sheet).toMatch(/<pane[^>]*ySplit="1"/);
    expect(wb.Workbook?.Names).toContainEqual({
      Name: '_xlnm.Print_Titles',
      Sheet: index - 1,
      Ref: "'Adjustments'!$1:$1",
    });
  });
});

describe('the preview workbook without adjustments', async () => {
  const wb = await read(samplePreview());

  it('has an Adjustments sheet holding only its header and a zero total', () => {
    const [header, ...body] = rows(wb, 'Adjustments');
    expect(header![0]).toBe('Adjusts from');
    expect(body).toHaveLength(1);
    expect(body[0]![0]).toBe('Total');
    expect(body[0]!.slice(9, 12)).toEqual([0, 0, 0]);
  });

  it('leaves the adjustment columns of Lines blank and calls every invoice an Invoice', () => {
    for (const row of rows(wb, 'Lines').slice(1, -1))
      expect(row.slice(-4)).toEqual([null, null, null, null]);
    for (const row of rows(wb, 'Invoices').slice(1, -1)) expect(row[1]).toBe('Invoice');
  });
});
