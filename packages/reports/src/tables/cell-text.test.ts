import { propertyRuns } from '@carebill/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanCellText, MAX_CELL_CHARS } from './cell-text.js';

describe('cleanCellText', () => {
  it('removes controls, non-characters and lone surrogates, keeps tab, newline and pairs', () => {
    expect(cleanCellText('a\u0000b\u0007\tc\nd\uFFFEe\uFFFF')).toEqual({
      text: 'ab\tc\nde',
      removed: 4,
      truncated: false,
    });
    expect(cleanCellText('x\uD800y\uDC00z 😀')).toEqual({
      text: 'xyz 😀',
      removed: 2,
      truncated: false,
    });
    expect(cleanCellText('=SUM(A1:A2)').text).toBe('=SUM(A1:A2)');
    expect(cleanCellText('Gwenllian Ŷwen, Łukasz Wróbel').removed).toBe(0);
  });

  it('caps at 32,767 characters without splitting a surrogate pair', () => {
    const long = cleanCellText('a'.repeat(MAX_CELL_CHARS + 10));
    expect(long.text.length).toBe(MAX_CELL_CHARS);
    expect(long.truncated).toBe(true);
    const emoji = cleanCellText(`${'a'.repeat(MAX_CELL_CHARS - 1)}😀`);
    expect(emoji.text.length).toBe(MAX_CELL_CHARS - 1);
  });

  it('always gives text a cell can hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (input) => {
        const { text, removed } = cleanCellText(input);
        for (const ch of text) {
          const code = ch.codePointAt(0) ?? 0;
          expect(code < 0x20 ? code === 9 || code === 10 : code !== 0xfffe && code !== 0xffff).toBe(
            true,
          );
        }
        // No lone surrogate left: encodeURIComponent throws on one.
        expect(() => encodeURIComponent(text)).not.toThrow();
        expect(text.length + removed).toBe(input.length);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
