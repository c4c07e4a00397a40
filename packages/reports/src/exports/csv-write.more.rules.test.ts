/**
 * renderCsvTable's refusals and warnings word for word: a number cell must be a plain
 * decimal throughout, and a transliterated value is named with what changed, invisible
 * characters by code point.
 */
import { describe, expect, it } from 'vitest';
import { renderCsvTable } from './csv-write.js';

const NAME = [{ header: 'Name', kind: 'text' as const, value: (r: { n: string }) => r.n }];

describe('number cells', () => {
  it.each(['1.5x', '12 ', '1.00.0'])('%j is refused: a number must be plain to its end', (raw) => {
    const columns = [{ header: 'Amount', kind: 'number' as const, value: () => raw }];
    expect(() => renderCsvTable(columns, [{}], { invoiceOf: () => 'INV-1' })).toThrow(
      `export column Amount holds ${JSON.stringify(raw)}, not a number`,
    );
  });
});

describe('a blank number cell', () => {
  const amount = (optional: boolean, raw: string) => [
    {
      header: 'Was',
      kind: 'number' as const,
      value: () => raw,
      ...(optional && { optional: true as const }),
    },
  ];
  const render = (optional: boolean, raw: string) =>
    renderCsvTable(amount(optional, raw), [{}], { invoiceOf: () => 'INV-1' }).text;

  it('is written where the column is optional', () => {
    expect(render(true, '')).toBe('Was\r\n\r\n');
  });

  it('is refused where it is not', () => {
    expect(() => render(false, '')).toThrow('export column Was holds "", not a number');
  });

  it('an optional column still refuses text that is not a number', () => {
    expect(() => render(true, 'x')).toThrow('export column Was holds "x", not a number');
  });
});

describe('TRANSLITERATED in Windows-1252', () => {
  it('names the invoice, what changed (an invisible character by code point) and the result', () => {
    const { text, warnings } = renderCsvTable(NAME, [{ n: 'Ŵyn\u200bJones' }], {
      invoiceOf: () => 'INV-1',
      encoding: 'windows-1252',
    });
    expect(text).toBe('Name\r\nWynJones\r\n');
    expect(warnings).toEqual([
      {
        code: 'TRANSLITERATED',
        invoice: 'INV-1',
        column: 'Name',
        value: 'Ŵyn\u200bJones',
        message:
          'Invoice INV-1: Name "Ŵyn\u200bJones" has characters Windows-1252 cannot hold (Ŵ → W, U+200B → (removed)), so it was written as "WynJones"; check the name, or export as UTF-8 if the importing program reads it.',
      },
    ]);
  });

  it('is given once for an invoice, column and value, however many rows repeat it', () => {
    const { warnings } = renderCsvTable(NAME, [{ n: 'Ŵyn' }, { n: 'Ŵyn' }, { n: 'Ŷr' }], {
      invoiceOf: () => 'INV-1',
      encoding: 'windows-1252',
    });
    expect(warnings.map((w) => w.value)).toEqual(['Ŵyn', 'Ŷr']);
  });

  it.each([
    ['a letter with a mark no code point composes', 'q\u0301', 'q\u0301 → q'],
    ['punctuation', 'a\u2010b', '\u2010 → -'],
    ['a number', 'x\u2153', '\u2153 → ?'],
    ['a symbol', 'a\u2192b', '\u2192 → ?'],
    ['a lone mark, invisible by itself', '\u0301', 'U+0301 → (removed)'],
  ])('shows %s as itself: %j', (_kind, raw, change) => {
    const { warnings } = renderCsvTable(NAME, [{ n: raw }], {
      invoiceOf: () => 'INV-1',
      encoding: 'windows-1252',
    });
    expect(warnings[0]?.message).toContain(`cannot hold (${change})`);
  });

  it('names the line when the rows are lines', () => {
    const { warnings } = renderCsvTable(NAME, [{ n: 'Ŵyn' }], {
      invoiceOf: () => 'INV-1',
      lineOf: () => 3,
      encoding: 'windows-1252',
    });
    expect(warnings.map((w) => [w.line, w.message.slice(0, 24)])).toEqual([
      [3, 'Invoice INV-1 line 3: Na'],
    ]);
  });
});
