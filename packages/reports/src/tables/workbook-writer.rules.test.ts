/**
 * Every carebill workbook: strings written inline (no shared-strings table, so a sheet
 * streams without holding every string of the workbook), and the document's author and
 * dates from carebill and the run's calendar day, never the clock or the machine's user.
 */
import { PassThrough } from 'node:stream';
import { parseDay } from '@carebill/core';
import { describe, expect, it } from 'vitest';
import { xlsxParts } from '../../test/xlsx-parts.js';
import { createWorkbookWriter } from './workbook-writer.js';

async function oneCellWorkbook(): Promise<Map<string, string>> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const workbook = createWorkbookWriter(stream, parseDay('2024-11-01')!);
  const sheet = workbook.addWorksheet('Sheet');
  sheet.addRow(['Ann Smith']).commit();
  sheet.commit();
  await workbook.commit();
  return xlsxParts(Buffer.concat(chunks));
}

describe('createWorkbookWriter', () => {
  it('writes strings inline, with no shared-strings part', async () => {
    const parts = await oneCellWorkbook();
    expect([...parts.keys()].filter((path) => /sharedStrings/i.test(path))).toEqual([]);
    expect(parts.get('xl/worksheets/sheet1.xml')).toContain('Ann Smith');
  });

  it('names carebill as creator and last editor, dated the run’s day', async () => {
    const core = (await oneCellWorkbook()).get('docProps/core.xml') ?? '';
    expect(core).toContain('<dc:creator>carebill</dc:creator>');
    expect(core).toContain('<cp:lastModifiedBy>carebill</cp:lastModifiedBy>');
    expect(core).toMatch(/<dcterms:created[^>]*>2024-11-01T00:00:00Z<\/dcterms:created>/);
  });
});
