import { describe, expect, it } from 'vitest';
import { samplePreview } from '../../test/exports-sample.js';
import { EXPORT_FORMATS, renderExport } from './index.js';

describe('renderExport', () => {
  it('renders each format by name, passing its options on', () => {
    const preview = samplePreview();
    expect(EXPORT_FORMATS).toEqual(['xero', 'sage50', 'csv']);
    expect(renderExport('xero', preview).files.map((f) => f.fileName)).toEqual([
      'xero-invoices-001.csv',
    ]);
    expect(renderExport('sage50', preview).files.map((f) => f.fileName)).toEqual([
      'sage50-audit-trail.csv',
    ]);
    expect(renderExport('csv', preview).files.map((f) => f.fileName)).toEqual([
      'invoice-lines.csv',
    ]);
    expect(renderExport('xero', preview, { maxInvoicesPerFile: 1 }).files).toHaveLength(3);
    expect(renderExport('sage50', preview, { nominalCode: '4100' }).files[0]!.text).toContain(
      ',4100,',
    );
  });

  it('gives the same bytes for the same preview', () => {
    for (const format of EXPORT_FORMATS) {
      expect(renderExport(format, samplePreview())).toEqual(renderExport(format, samplePreview()));
    }
  });
});
