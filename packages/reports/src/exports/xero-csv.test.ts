import { describe, expect, it } from 'vitest';
import {
  bulkPreview,
  FORMULA_TEXTS,
  formulaPreview,
  makeInvoice,
  makeLine,
  makePayer,
  makePreview,
  parsePounds,
  readCsv,
  samplePreview,
} from '../../test/exports-sample.js';
import { decodeWindows1252, HAS_ICONV } from '../../test/iconv.js';
import { renderXeroCsv, XERO_COLUMNS } from './xero-csv.js';

/** The header row of Xero's downloadable sales-invoice template, verbatim (27 columns). */
const TEMPLATE_HEADER =
  '*ContactName,EmailAddress,POAddressLine1,POAddressLine2,POAddressLine3,POAddressLine4,' +
  'POCity,PORegion,POPostalCode,POCountry,*InvoiceNumber,Reference,*InvoiceDate,*DueDate,' +
  'InventoryItemCode,*Description,*Quantity,*UnitAmount,Discount,*AccountCode,*TaxType,' +
  'TrackingName1,TrackingOption1,TrackingName2,TrackingOption2,Currency,BrandingTheme';

/** Reads a Xero file back with csv-parse, naming each column without the template's `*`. */
function readXero(text: string): { header: string[]; rows: Record<string, string>[] } {
  const { header, rows } = readCsv(text);
  const unstar = (name: string) => name.replace(/^\*/, '');
  return {
    header,
    rows: rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, value]) => [unstar(key), value])),
    ),
  };
}

/** Sums UnitAmount × Quantity (always 1) per invoice, in pence, from the written text. */
function penceByInvoice(rows: Record<string, string>[]): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    expect(row['Quantity']).toBe('1');
    const number = row['InvoiceNumber']!;
    sums.set(number, (sums.get(number) ?? 0) + parsePounds(row['UnitAmount']!));
  }
  return sums;
}

describe('renderXeroCsv', () => {
  it("writes Xero's template header, in its order", () => {
    const { files } = renderXeroCsv(samplePreview());
    expect(files[0]!.text.split('\r\n')[0]).toBe(TEMPLATE_HEADER);
    expect(readCsv(files[0]!.text).header).toEqual([...XERO_COLUMNS]);
  });

  it('writes one row per line with the worked values of the sample month', () => {
    const { files, warnings } = renderXeroCsv(samplePreview());
    expect(files.map((f) => f.fileName)).toEqual(['xero-invoices-001.csv']);
    const { rows } = readXero(files[0]!.text);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      ContactName: "Margaret O'Brien (OBR001)",
      EmailAddress: 'margaret@example.com',
      POAddressLine1: '12 High Street',
      POAddressLine2: 'Flat 3',
      POAddressLine3: '',
      POAddressLine4: '',
      POCity: 'Canterbury',
      PORegion: 'Kent',
      POPostalCode: 'CT1 2AB',
      POCountry: 'United Kingdom',
      InvoiceNumber: 'PREVIEW-202411-0001',
      Reference: "Ann O'Brien",
      InvoiceDate: '01/11/2024',
      DueDate: '15/11/2024',
      InventoryItemCode: '',
      Description: 'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week',
      Quantity: '1',
      UnitAmount: '5938.03',
      Discount: '',
      AccountCode: '200',
      TaxType: 'Exempt Income',
      TrackingName1: '',
      TrackingOption1: '',
      TrackingName2: '',
      TrackingOption2: '',
      Currency: 'GBP',
      BrandingTheme: '',
    });
    // The council's consolidated invoice: three rows sharing one number and contact.
    const council = rows.filter((r) => r['InvoiceNumber'] === 'PREVIEW-202411-0002');
    expect(council.map((r) => r['ContactName'])).toEqual(
      Array(3).fill('Kent County Council (KCC)'),
    );
    expect(council.map((r) => r['UnitAmount'])).toEqual(['3642.86', '1700.00', '-123.45']);
    expect(council[0]!['Reference']).toBe('2 residents');
    expect(council[1]!['Description']).toContain('\n"Room 4"');
    // No account code: just the name, no address.
    const jones = rows.find((r) => r['InvoiceNumber'] === 'PREVIEW-202411-0003')!;
    expect(jones['ContactName']).toBe('Jones, Siân');
    expect(jones['POAddressLine1']).toBe('');
    expect(warnings).toEqual([]);
  });

  it('quotes names with commas and writes negative amounts as plain, unquoted numbers', () => {
    const text = renderXeroCsv(samplePreview()).files[0]!.text;
    expect(text).toContain('"Jones, Siân",');
    expect(text).toContain(',1,-123.45,,200,Exempt Income,');
  });

  it('totals the preview to the penny, and each invoice its own total', () => {
    const preview = samplePreview();
    const sums = penceByInvoice(readXero(renderXeroCsv(preview).files[0]!.text).rows);
    for (const invoice of preview.invoices)
      expect(sums.get(invoice.number)).toBe(invoice.totalPence);
    expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(preview.totals.invoicedPence);
    expect(preview.totals.invoicedPence).toBe(593803 + 521941 + 277108);
  });

  it('splits 1,201 invoices into files of 500, 500 and 201 without splitting an invoice', () => {
    const preview = bulkPreview(1201);
    const { files } = renderXeroCsv(preview);
    expect(files.map((f) => f.fileName)).toEqual([
      'xero-invoices-001.csv',
      'xero-invoices-002.csv',
      'xero-invoices-003.csv',
    ]);
    const fileOfInvoice = new Map<string, number>();
    const all: Record<string, string>[] = [];
    files.forEach((file, index) => {
      const { header, rows } = readXero(file.text);
      expect(header).toEqual([...XERO_COLUMNS]);
      for (const row of rows) {
        const seen = fileOfInvoice.get(row['InvoiceNumber']!);
        expect(seen === undefined || seen === index).toBe(true);
        fileOfInvoice.set(row['InvoiceNumber']!, index);
      }
      expect(new Set(rows.map((r) => r['InvoiceNumber'])).size).toBe([500, 500, 201][index]);
      all.push(...rows);
    });
    expect(fileOfInvoice.size).toBe(1201);
    const sums = penceByInvoice(all);
    for (const invoice of preview.invoices)
      expect(sums.get(invoice.number)).toBe(invoice.totalPence);
    expect([...sums.values()].reduce((a, b) => a + b, 0)).toBe(preview.totals.invoicedPence);
  });

  it('makes exactly 500 invoices one file, and an empty preview a header-only file', () => {
    expect(renderXeroCsv(bulkPreview(500)).files).toHaveLength(1);
    expect(renderXeroCsv(bulkPreview(501)).files).toHaveLength(2);
    const empty = renderXeroCsv(makePreview([]));
    expect(empty.files).toEqual([
      {
        fileName: 'xero-invoices-001.csv',
        text: `${TEMPLATE_HEADER}\r\n`,
        bytes: new TextEncoder().encode(`${TEMPLATE_HEADER}\r\n`),
        encoding: 'utf-8',
      },
    ]);
  });

  it('takes account code, tax type, branding theme, tracking and file size as options', () => {
    const { files } = renderXeroCsv(bulkPreview(5), {
      accountCode: '4010',
      taxType: 'No VAT',
      brandingTheme: 'Care homes',
      trackingName: 'Home',
      maxInvoicesPerFile: 2,
    });
    expect(files).toHaveLength(3);
    const row = readXero(files[0]!.text).rows[0]!;
    expect(row['AccountCode']).toBe('4010');
    expect(row['TaxType']).toBe('No VAT');
    expect(row['BrandingTheme']).toBe('Care homes');
    expect(row['TrackingName1']).toBe('Home');
    expect(row['TrackingOption1']).toBe('The Oaks');
    expect(() => renderXeroCsv(bulkPreview(1), { maxInvoicesPerFile: 501 })).toThrow(RangeError);
    expect(() => renderXeroCsv(bulkPreview(1), { maxInvoicesPerFile: 0 })).toThrow(RangeError);
  });

  it('neutralises formula-like names and labels, warns about each, and leaves numbers alone', () => {
    const { files, warnings } = renderXeroCsv(formulaPreview());
    const { rows } = readXero(files[0]!.text);
    FORMULA_TEXTS.forEach((text, i) => {
      expect(rows[i]!['ContactName']).toBe(`'${text} (F${i})`);
      expect(rows[i]!['Reference']).toBe(`'${text}`);
    });
    const formula = warnings.filter((w) => w.code === 'FORMULA_TEXT');
    expect(formula).toHaveLength(FORMULA_TEXTS.length * 2);
    expect(formula[0]).toEqual({
      code: 'FORMULA_TEXT',
      invoice: 'PREVIEW-202411-0001',
      column: 'ContactName',
      value: '=HYPERLINK("http://x","y") (F0)',
      message: expect.stringContaining('PREVIEW-202411-0001'),
    });
    expect(formula.map((w) => w.column)).toEqual(
      FORMULA_TEXTS.flatMap(() => ['ContactName', 'Reference']),
    );
    // The first invoice is negative: its amount is a plain number, and it is warned about.
    expect(rows[0]!['UnitAmount']).toBe('-12.34');
    expect(files[0]!.text).toContain(',-12.34,');
    expect(warnings.filter((w) => w.code === 'NEGATIVE_TOTAL').map((w) => w.invoice)).toEqual([
      'PREVIEW-202411-0001',
    ]);
  });

  it('warns when two payers would become one Xero contact', () => {
    const twins = makePreview([
      makeInvoice('INV-1', [makeLine()], { payer: makePayer({ id: 'a', accountCode: '' }) }),
      makeInvoice('INV-2', [makeLine()], { payer: makePayer({ id: 'b', accountCode: '' }) }),
      makeInvoice('INV-3', [makeLine()], { payer: makePayer({ id: 'b', accountCode: '' }) }),
    ]);
    const { warnings } = renderXeroCsv(twins);
    expect(warnings.map((w) => [w.code, w.invoice, w.value])).toEqual([
      ['SHARED_CONTACT_NAME', 'INV-2', "Margaret O'Brien"],
    ]);
  });

  it('writes UTF-8 by default: £ as C2 A3, Welsh names as they are, no warning', () => {
    const preview = makePreview([
      makeInvoice('INV-1', [makeLine({ label: 'Siân Ŵynne' })], {
        payer: makePayer({ name: 'Gwenllïan Ŵyn' }),
      }),
    ]);
    const { files, warnings } = renderXeroCsv(preview);
    expect(files[0]!.encoding).toBe('utf-8');
    const text = new TextDecoder('utf-8', { fatal: true }).decode(files[0]!.bytes);
    expect(text).toBe(files[0]!.text);
    expect(text).toContain('Gwenllïan Ŵyn (OBR001)');
    expect(text).toContain('at £1,385.54 per week');
    expect(warnings).toEqual([]);
  });

  it.skipIf(!HAS_ICONV)('writes Windows-1252 when asked: £ is one byte, ŵ becomes w', () => {
    const preview = makePreview([
      makeInvoice('INV-1', [makeLine({ label: 'Siân Ŵynne' })], {
        payer: makePayer({ name: 'Gwenllïan Ŵyn' }),
      }),
    ]);
    const { files, warnings } = renderXeroCsv(preview, { encoding: 'windows-1252' });
    const bytes = files[0]!.bytes;
    expect(bytes.includes(0xa3)).toBe(true);
    expect(Buffer.from(bytes).includes(Buffer.from([0xc2, 0xa3]))).toBe(false);
    const row = readXero(decodeWindows1252(bytes)).rows[0]!;
    expect(row['ContactName']).toBe('Gwenllïan Wyn (OBR001)');
    expect(row['Reference']).toBe('Siân Wynne');
    expect(row['Description']).toBe(
      'Care fees 1 Nov 2024 – 30 Nov 2024, 30 days at £1,385.54 per week',
    );
    expect(warnings.map((w) => [w.code, w.invoice, w.line, w.column, w.value])).toEqual([
      ['TRANSLITERATED', 'INV-1', 1, 'ContactName', 'Gwenllïan Ŵyn (OBR001)'],
      ['TRANSLITERATED', 'INV-1', 1, 'Reference', 'Siân Ŵynne'],
    ]);
  });
});
