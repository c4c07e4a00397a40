import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWindows1252, HAS_ICONV } from '../../test/iconv.js';
import {
  encodeText,
  isExportEncoding,
  isWindows1252,
  transliterateToWindows1252,
} from './encoding.js';

/** The 27 characters Windows-1252 puts at 0x80–0x9F, where Latin-1 has control codes. */
const HIGH = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

describe('isWindows1252', () => {
  it('holds ASCII, Latin-1 letters, £, € and the typographic quotes and dashes', () => {
    for (const char of `Az09 £éâêîôûÿ×${HIGH}`) expect(isWindows1252(char)).toBe(true);
  });

  it('does not hold Welsh ŵ ŷ, Polish Ł, Romanian ș, Greek, CJK, emoji or U+FFFD', () => {
    for (const char of ['ŵ', 'Ŷ', 'Ł', 'ș', 'Ω', '東', '😀', '\uFFFD', '\u0081'])
      expect(isWindows1252(char)).toBe(false);
  });
});

describe('transliterateToWindows1252', () => {
  it.each([
    ['Siân Ŵynne', 'Siân Wynne', [['Ŵ', 'W']]],
    [
      'Rhŷs ap Ŵil',
      'Rhys ap Wil',
      [
        ['ŷ', 'y'],
        ['Ŵ', 'W'],
      ],
    ],
    [
      'Łukasz Żółć',
      'Lukasz Zólc',
      [
        ['Ł', 'L'],
        ['Ż', 'Z'],
        ['ł', 'l'],
        ['ć', 'c'],
      ],
    ],
    [
      'Ștefan Dvořák',
      'Stefan Dvorák',
      [
        ['Ș', 'S'],
        ['ř', 'r'],
      ],
    ],
    ['Aylin Yıldız', 'Aylin Yildiz', [['ı', 'i']]],
    [
      'Đorđe',
      'Dorde',
      [
        ['Đ', 'D'],
        ['đ', 'd'],
      ],
    ],
    ['−5', '-5', [['−', '-']]],
    ['Ann\u200BSmith', 'AnnSmith', [['\u200B', '']]],
    ['Москва 東京 😀', '?????? ?? ?', [...'Москва東京😀'].map((c) => [c, '?'])],
    ['£1,385.54 – “fees” €', '£1,385.54 – “fees” €', []],
  ])('%j → %j', (text, written, changes) => {
    const out = transliterateToWindows1252(text);
    expect(out.text).toBe(written);
    expect(out.changes.map((c) => [c.from, c.to])).toEqual(changes);
  });

  it('composes an accent written as a combining mark, and drops one with no such letter', () => {
    expect(transliterateToWindows1252('Jose\u0301')).toEqual({ text: 'José', changes: [] });
    expect(transliterateToWindows1252('q\u0302').text).toBe('q');
  });

  it('gives text Windows-1252 holds, never longer than it was, for any Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
        const out = transliterateToWindows1252(text).text;
        expect([...out].length).toBeLessThanOrEqual([...text].length);
        for (const char of out) expect(isWindows1252(char)).toBe(true);
        expect(() => encodeText(out, 'windows-1252')).not.toThrow();
      }),
    );
  });
});

describe('encodeText', () => {
  it.skipIf(!HAS_ICONV)('writes Windows-1252 bytes that the C library reads back', () => {
    const text = `£5 ${HIGH} Siân`;
    const bytes = encodeText(text, 'windows-1252');
    expect(bytes.length).toBe([...text].length); // one byte a character
    expect(bytes[0]).toBe(0xa3);
    expect(decodeWindows1252(bytes)).toBe(text);
  });

  it('writes UTF-8, and refuses Windows-1252 text that was not transliterated', () => {
    expect([...encodeText('£', 'utf-8')]).toEqual([0xc2, 0xa3]);
    expect(() => encodeText('ŵ', 'windows-1252')).toThrow(/transliterate/);
  });

  it('knows its encodings', () => {
    expect(isExportEncoding('windows-1252')).toBe(true);
    expect(isExportEncoding('utf-8')).toBe(true);
    expect(isExportEncoding('latin1')).toBe(false);
  });
});
