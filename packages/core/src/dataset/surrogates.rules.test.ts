/**
 * A high surrogate is half of a character only when a low surrogate (U+DC00–U+DFFF) comes
 * next; before anything else, even a character just past that range, it stands alone and
 * no workbook or PDF can hold it.
 */
import { describe, expect, it } from 'vitest';
import { findInvalidChar } from './text-checks.js';

describe('a high surrogate and what follows it', () => {
  it.each([
    ['\uD800\uE000', 'U+D800'],
    ['\uDBFF\uE000', 'U+DBFF'],
    ['\uD800\uDBFF\uDC00', 'U+D800'],
    ['a\uD800\uDBFF', 'U+D800'],
  ])('%j holds a lone high surrogate: %s', (text, code) => {
    expect(findInvalidChar(text)).toBe(code);
  });

  it.each(['\uD800\uDFFF', '\uDBFF\uDC00x'])('%j is one whole character', (text) => {
    expect(findInvalidChar(text)).toBeUndefined();
  });
});
