import { describe, expect, it } from 'vitest';
import { formulaPreview, parsePounds, readCsv, samplePreview } from '../../test/exports-sample.js';
import { LINES_COLUMNS, renderLinesCsv } from './lines-csv.js';

describe('renderLinesCsv', () => {
  it("has the Lines sheet's columns, a BOM for Excel, and one row per line", () => {
    const { files, warnings } = renderLinesCsv(samplePreview());
    expect(files.map((f) => f.fileName)).toEqual(['invoice-lines.csv']);
    const text = files[0]!.text;
    expect(text.startsWith('\uFEFFInvoice,Payer,Account code,Location,Resident,Resident id,')).toBe(
      true,
    );
    const { header, rows } = readCsv(text);
    expect(header).toEqual([
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
      'Adjusts from',
      'Adjusts to',
      'Was',
      'Now',
    ]);
    expect(header).toEqual([...LINES_COLUMNS]);
    expect(rows).toHaveLength(5);
    expect(rows[2]).toEqual({
      Invoice: 'PREVIEW-202411-0002',
      Payer: 'Kent County Council',
      'Account code': 'KCC',
      Location: 'The Oaks',
      Resident: 'Patel, Ravi',
      'Resident id': 'su-3',
      Booking: 'bk-3',
      Contract: 'bc-3',
      Basis: 'contract',
      Description:
        'Council contribution 1 Nov 2024 – 14 Nov 2024, 14 days at £850.00 per week\n"Room 4"',
      From: '2024-11-01',
      To: '2024-11-14',
      Days: '14',
      Amount: '1700.00',
      Provisional: 'yes',
      'Adjusts from': '',
      'Adjusts to': '',
      Was: '',
      Now: '',
    });
    expect(rows[4]).toMatchObject({ Contract: '', Basis: 'default', Provisional: 'no' });
    expect(warnings).toEqual([]);
  });

  it('totals the preview to the penny', () => {
    const preview = samplePreview();
    const { rows } = readCsv(renderLinesCsv(preview).files[0]!.text);
    const total = rows.reduce((sum, row) => sum + parsePounds(row['Amount']!), 0);
    expect(total).toBe(preview.totals.invoicedPence);
  });

  it('can leave out the BOM, and neutralises formula-like text', () => {
    const { files, warnings } = renderLinesCsv(formulaPreview(), { bom: false });
    expect(files[0]!.text.startsWith('Invoice,')).toBe(true);
    const { rows } = readCsv(files[0]!.text);
    expect(rows[0]!['Payer']).toBe(`'=HYPERLINK("http://x","y")`);
    expect(rows[0]!['Amount']).toBe('-12.34');
    expect(new Set(warnings.map((w) => w.column))).toEqual(new Set(['Payer', 'Resident']));
  });
});
