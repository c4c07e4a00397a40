import { describe, expect, it } from 'vitest';
import { readCsv } from '../../test/exports-sample.js';
import { type CsvColumn, renderCsvTable } from './csv-write.js';

interface Row {
  readonly name: string;
  readonly amount: string;
}

const COLUMNS: CsvColumn<Row>[] = [
  { header: 'Name', kind: 'text', value: (r) => r.name },
  { header: 'Amount', kind: 'number', value: (r) => r.amount },
];

function render(rows: Row[], bom = false) {
  return renderCsvTable(COLUMNS, rows, { invoiceOf: () => 'INV-1', bom });
}

describe('renderCsvTable', () => {
  it('ends every record with CRLF and quotes only what RFC 4180 needs', () => {
    const { text } = render([
      { name: 'Plain', amount: '1.00' },
      { name: 'Comma, here', amount: '-12.34' },
      { name: 'Say "hi"', amount: '0.00' },
      { name: 'Line\nbreak', amount: '2.50' },
      { name: 'Lone\rCR', amount: '3.00' },
      { name: 'Both\r\nends', amount: '4.00' },
    ]);
    expect(text).toBe(
      [
        'Name,Amount',
        'Plain,1.00',
        '"Comma, here",-12.34',
        '"Say ""hi""",0.00',
        '"Line\nbreak",2.50',
        '"Lone\rCR",3.00',
        '"Both\r\nends",4.00',
        '',
      ].join('\r\n'),
    );
    expect(readCsv(text).rows.map((r) => r['Name'])).toEqual([
      'Plain',
      'Comma, here',
      'Say "hi"',
      'Line\nbreak',
      'Lone\rCR',
      'Both\r\nends',
    ]);
  });

  it('neutralises formula-like text, warns, and leaves negative numbers as they are', () => {
    const { text, warnings } = render([{ name: '-2+3', amount: '-2.30' }]);
    expect(text).toBe("Name,Amount\r\n'-2+3,-2.30\r\n");
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'FORMULA_TEXT',
        invoice: 'INV-1',
        column: 'Name',
        value: '-2+3',
      }),
    ]);
  });

  it('throws when a number column holds anything but a plain number', () => {
    expect(() => render([{ name: 'x', amount: '£1.00' }])).toThrow(/Amount/);
    expect(() => render([{ name: 'x', amount: '=1' }])).toThrow(/not a number/);
  });

  it('writes a byte order mark only when asked', () => {
    expect(render([], true).text).toBe('\uFEFFName,Amount\r\n');
    expect(render([]).text).toBe('Name,Amount\r\n');
  });
});
