/**
 * Accountant exports of a month with adjustments and a credit note (SPEC §10), parsed back
 * with csv-parse: Xero credit notes in their own file with positive amounts, adjustment
 * lines kept (negative ones too) inside invoices; Sage 50 credit notes as SC with positive
 * net; the plain CSV's Adjusts from, Adjusts to, Was and Now.
 */
import { describe, expect, it } from 'vitest';
import { adjustedPreview } from '../../test/adjusted-preview.js';
import { parsePounds, readCsv, samplePreview } from '../../test/exports-sample.js';
import { renderExport } from './index.js';
import { LINES_COLUMNS } from './lines-csv.js';
import { XERO_COLUMNS } from './xero-csv.js';

const preview = adjustedPreview();

function unstarred(rows: Record<string, string>[]): Record<string, string>[] {
  return rows.map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/^\*/, ''), v])),
  );
}

function sumBy(rows: Record<string, string>[], key: string, amount: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const id = row[key]!;
    sums.set(id, (sums.get(id) ?? 0) + parsePounds(row[amount]!));
  }
  return sums;
}

describe('Xero with adjustments and a credit note', () => {
  const { files, warnings } = renderExport('xero', preview);
  const [invoicesFile, creditFile] = files;

  it('writes the invoices and the credit notes to separate files, the same template columns', () => {
    expect(files.map((f) => f.fileName)).toEqual([
      'xero-invoices-001.csv',
      'xero-credit-notes-001.csv',
    ]);
    for (const file of files) expect(readCsv(file.text).header).toEqual([...XERO_COLUMNS]);
    expect(warnings.filter((w) => w.code === 'NEGATIVE_TOTAL')).toEqual([]);
  });

  it('keeps adjustment lines as lines of the invoices, a negative unit amount included', () => {
    const rows = unstarred(readCsv(invoicesFile!.text).rows);
    expect(rows.map((r) => [r['InvoiceNumber'], r['UnitAmount']])).toEqual([
      ['PREVIEW-202411-0001', '5938.03'],
      ['PREVIEW-202411-0001', '83.40'],
      ['PREVIEW-202411-0002', '3642.86'],
      ['PREVIEW-202411-0002', '121.43'],
      ['PREVIEW-202411-0002', '-2064.29'],
    ]);
    expect(rows[1]!['Description']).toBe(preview.invoices[0]!.lines[1]!.description);
    const sums = sumBy(rows, 'InvoiceNumber', 'UnitAmount');
    expect(sums.get('PREVIEW-202411-0001')).toBe(preview.invoices[0]!.totalPence);
    expect(sums.get('PREVIEW-202411-0002')).toBe(preview.invoices[1]!.totalPence);
  });

  it('writes the credit note with positive amounts that add up to the credit', () => {
    const rows = unstarred(readCsv(creditFile!.text).rows);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      ContactName: 'NHS Kent and Medway ICB (ICB01)',
      InvoiceNumber: 'PREVIEW-202411-0003',
      InvoiceDate: '01/11/2024',
      DueDate: '15/11/2024',
      Quantity: '1',
      UnitAmount: '573.45',
      TaxType: 'Exempt Income',
    });
    // Invoices less credit notes is exactly what the preview invoiced.
    const invoiced = [
      ...sumBy(unstarred(readCsv(invoicesFile!.text).rows), 'InvoiceNumber', 'UnitAmount').values(),
    ];
    const credited = [...sumBy(rows, 'InvoiceNumber', 'UnitAmount').values()];
    expect(invoiced.reduce((a, b) => a + b, 0) - credited.reduce((a, b) => a + b, 0)).toBe(
      preview.totals.invoicedPence,
    );
  });

  it('splits credit notes at the per-file limit as it does invoices', () => {
    const many = {
      ...preview,
      invoices: [
        ...preview.invoices,
        { ...preview.invoices[2]!, number: 'PREVIEW-202411-0004' },
        { ...preview.invoices[2]!, number: 'PREVIEW-202411-0005' },
      ],
    };
    const split = renderExport('xero', many, { maxInvoicesPerFile: 2 }).files;
    expect(split.map((f) => f.fileName)).toEqual([
      'xero-invoices-001.csv',
      'xero-credit-notes-001.csv',
      'xero-credit-notes-002.csv',
    ]);
    expect(readCsv(split[2]!.text).rows.map((r) => r['*InvoiceNumber'])).toEqual([
      'PREVIEW-202411-0005',
    ]);
  });

  it('writes no credit-note file for a month without credit notes', () => {
    expect(renderExport('xero', samplePreview()).files.map((f) => f.fileName)).toEqual([
      'xero-invoices-001.csv',
    ]);
  });
});

describe('Sage 50 with adjustments and a credit note', () => {
  const { files, warnings } = renderExport('sage50', preview, { encoding: 'utf-8' });
  const rows = readCsv(files[0]!.text).rows;

  it('posts invoices as SI, adjustment lines included, and the credit note as SC with positive net', () => {
    expect(rows.map((r) => [r['Type'], r['Reference'], r['Net Amount']])).toEqual([
      ['SI', 'PREVIEW-202411-0001', '5938.03'],
      ['SI', 'PREVIEW-202411-0001', '83.40'],
      ['SI', 'PREVIEW-202411-0002', '3642.86'],
      ['SI', 'PREVIEW-202411-0002', '121.43'],
      ['SI', 'PREVIEW-202411-0002', '-2064.29'],
      ['SC', 'PREVIEW-202411-0003', '573.45'],
    ]);
    expect(rows[5]!['Account Reference']).toBe('ICB01');
    expect(rows[5]!['Details']).toBe('Patel, Ravi 01/10/2024-31/10/2024');
    expect(warnings.filter((w) => w.code === 'NEGATIVE_TOTAL')).toEqual([]);
  });

  it('adds up: SI less SC is what the preview invoiced', () => {
    let net = 0;
    for (const row of rows) {
      const pence = parsePounds(row['Net Amount']!);
      net += row['Type'] === 'SC' ? -pence : pence;
    }
    expect(net).toBe(preview.totals.invoicedPence);
  });
});

describe('the plain CSV with adjustments', () => {
  const { files } = renderExport('csv', preview);
  const { header, rows } = readCsv(files[0]!.text);

  it('has Adjusts from, Adjusts to, Was and Now after the Lines columns', () => {
    expect(header).toEqual([...LINES_COLUMNS]);
    expect(header.slice(-4)).toEqual(['Adjusts from', 'Adjusts to', 'Was', 'Now']);
  });

  it('fills them on adjustment lines and leaves them blank on the period’s own', () => {
    expect(rows[0]).toMatchObject({ 'Adjusts from': '', 'Adjusts to': '', Was: '', Now: '' });
    expect(rows[1]).toMatchObject({
      From: '2024-10-01',
      To: '2024-10-31',
      Days: '31',
      Amount: '83.40',
      'Adjusts from': '2024-10-01',
      'Adjusts to': '2024-10-31',
      Was: '5938.03',
      Now: '6021.43',
    });
    // The credit note's line keeps the preview's sign: it is a plain list of lines.
    expect(rows.at(-1)).toMatchObject({
      Invoice: 'PREVIEW-202411-0003',
      Amount: '-573.45',
      Was: '1045.71',
      Now: '472.26',
    });
    for (const row of rows) {
      if (row['Was'] === '') continue;
      expect(parsePounds(row['Now']!) - parsePounds(row['Was']!)).toBe(parsePounds(row['Amount']!));
    }
  });
});
