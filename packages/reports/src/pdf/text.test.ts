import { findInvalidChar } from '@carebill/core/internal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { day } from '../../test/sample-preview.js';
import {
  addressLines,
  boundText,
  breakLongTokens,
  MAX_PDF_TEXT,
  pdfDate,
  unbreakable,
} from './text.js';

const ZWSP = '\u200B';

describe('breakLongTokens', () => {
  it('leaves ordinary words alone and breaks long tokens', () => {
    expect(breakLongTokens('Gwenllian Ŷwen pays £1,385.54')).toBe('Gwenllian Ŷwen pays £1,385.54');
    expect(breakLongTokens('a'.repeat(20))).toBe(`${'a'.repeat(16)}${ZWSP}aaaa`);
    expect(breakLongTokens('finance.department@ceredigion.example')).toBe(
      `finance.${ZWSP}department@${ZWSP}ceredigion.${ZWSP}example`,
    );
  });

  it('only adds zero-width spaces, never more than 16 characters between breaks', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (text) => {
        const broken = breakLongTokens(text);
        expect(broken.replaceAll(ZWSP, '')).toBe(text.replaceAll(ZWSP, ''));
        for (const run of broken.split(/[\s\u200B]+/u))
          expect([...run].length).toBeLessThanOrEqual(16);
      }),
      { numRuns: 300 },
    );
  });
});

describe('values kept on one line', () => {
  it('uses no-break spaces in dates', () => {
    expect(pdfDate(day('2024-11-01'))).toBe('1\u00A0Nov\u00A02024');
    expect(unbreakable('30 days')).toBe('30\u00A0days');
  });

  it('lists the parts of an address that are present', () => {
    expect(
      addressLines({
        address1: '3 Heol y Bont',
        address2: ' ',
        town: 'Machynlleth',
        county: '',
        postcode: 'SY20 8AA',
        country: '',
      }),
    ).toEqual(['3 Heol y Bont', 'Machynlleth', 'SY20 8AA']);
    expect(addressLines(null)).toEqual([]);
  });
});

describe('boundText', () => {
  it('cuts every text over the limit, keeps SVG and everything else, shares what it keeps', () => {
    const long = 'Wa '.repeat(100_000);
    const svg = `<svg>${'x'.repeat(20_000)}</svg>`;
    const kept = { text: 'short', bold: true };
    const content = [{ stack: [long, { text: [{ text: long }, 'ok'] }] }, { svg }, kept];
    const bounded = boundText(content);
    const stack = (bounded[0] as { stack: unknown }).stack as [
      string,
      { text: [{ text: string }, string] },
    ];
    expect(stack[0]).toHaveLength(MAX_PDF_TEXT);
    expect(stack[0].endsWith('…')).toBe(true);
    expect(stack[1].text[0].text).toBe(stack[0]);
    expect(stack[1].text[1]).toBe('ok');
    expect(bounded[1]).toBe(content[1]);
    expect(bounded[2]).toBe(kept);
    expect((content[0] as { stack: unknown[] }).stack[0]).toBe(long); // the input is unchanged
    expect(boundText(content.slice(1))).toEqual(content.slice(1));
  });

  it('never splits a surrogate pair', () => {
    const text = `${'a'.repeat(MAX_PDF_TEXT - 2)}${'😀'.repeat(10)}`;
    const cut = boundText(text);
    expect(cut.endsWith('…')).toBe(true);
    expect(findInvalidChar(cut)).toBeUndefined(); // no lone surrogate
  });
});
