/**
 * A TRANSLITERATED warning names an invisible change of several code points by each of
 * them, spaced, so a reader can find them in the source record.
 */
import { describe, expect, it } from 'vitest';
import { renderCsvTable } from './csv-write.js';

const NAME = [{ header: 'Name', kind: 'text' as const, value: (r: { n: string }) => r.n }];

describe('TRANSLITERATED: stray marks with no letter', () => {
  it('names two marks before a name as two code points, spaced', () => {
    const { text, warnings } = renderCsvTable(NAME, [{ n: '\u0301\u0308Smith' }], {
      invoiceOf: () => 'INV-1',
      encoding: 'windows-1252',
    });
    expect(text).toBe('Name\r\nSmith\r\n');
    expect(warnings[0]?.message).toContain('cannot hold (U+0301 U+0308 → (removed))');
  });
});
