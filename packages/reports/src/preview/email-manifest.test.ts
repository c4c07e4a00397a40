import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SAMPLE_INVOICES } from '../../test/sample-preview.js';
import { renderEmailManifest } from './email-manifest.js';

describe('renderEmailManifest', () => {
  const { council, family } = SAMPLE_INVOICES;

  it('writes an RFC 4180 CSV that a CSV reader gives back', () => {
    const text = renderEmailManifest([
      {
        invoice: council,
        recipients: ['finance@ceredigion.example', 'a, b <b@x.example>'],
        file: 'invoices/PREVIEW-202411-0001.pdf',
      },
      { invoice: family, recipients: ['rhys@example.org'], file: 'invoices/Ŷwen "copy".pdf' },
    ]);
    expect(text.startsWith('invoice,recipients,file,kind\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parse(text)).toEqual([
      ['invoice', 'recipients', 'file', 'kind'],
      [
        'PREVIEW-202411-0001',
        'finance@ceredigion.example; a, b <b@x.example>',
        'invoices/PREVIEW-202411-0001.pdf',
        'invoice',
      ],
      ['PREVIEW-202411-0002', 'rhys@example.org', 'invoices/Ŷwen "copy".pdf', 'invoice'],
    ]);
    expect(text).toContain('"invoices/Ŷwen ""copy"".pdf"');
  });

  it('neutralises text a spreadsheet would run', () => {
    const text = renderEmailManifest([
      { invoice: council, recipients: ['=HYPERLINK("http://x")'], file: '@evil.pdf' },
    ]);
    const [, row] = parse(text) as string[][];
    expect(row).toEqual([
      'PREVIEW-202411-0001',
      `'=HYPERLINK("http://x")`,
      "'@evil.pdf",
      'invoice',
    ]);
  });

  it('writes only the header for no rows', () => {
    expect(renderEmailManifest([])).toBe('invoice,recipients,file,kind\r\n');
  });

  it('says which rows are credit notes (SPEC §10)', () => {
    const credit = { ...family, kind: 'credit_note' as const };
    const text = renderEmailManifest([
      { invoice: council, recipients: ['finance@ceredigion.example'], file: 'a.pdf' },
      { invoice: credit, recipients: ['rhys@example.org'], file: 'b.pdf' },
    ]);
    expect((parse(text) as string[][]).map((row) => row[3])).toEqual([
      'kind',
      'invoice',
      'credit_note',
    ]);
  });
});
