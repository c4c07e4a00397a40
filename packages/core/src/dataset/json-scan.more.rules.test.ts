/**
 * scanJson (what JSON.parse hides, SPEC §2: money written as whole pence; a key given twice):
 * any valid JSON value, every way a number can be written, and text it cannot trust.
 */
import { describe, expect, it } from 'vitest';
import { scanJson } from './json-scan.js';

describe('scanJson on any JSON value', () => {
  it('a value that is not in an array or object: a string, a number, an object', () => {
    expect(scanJson('"1.5"')).toEqual({ literals: [], duplicateKeys: [] });
    expect(scanJson(' 1.5 ')).toEqual({ literals: [{ path: [], text: '1.5' }], duplicateKeys: [] });
    expect(scanJson('{"a": 1, "a": 2.0}')).toEqual({
      literals: [{ path: ['a'], text: '2.0' }],
      duplicateKeys: [['a']],
    });
  });

  it('every digit, sign and exponent form is read whole: the literal as written', () => {
    const text = '[19.5, 9e+5, 1E-9, -0.0, 90, 1e2, 0.25, 38.75, 5]';
    expect(scanJson(text).literals.map((l) => [l.path[0], l.text])).toEqual([
      [0, '19.5'],
      [1, '9e+5'],
      [2, '1E-9'],
      [3, '-0.0'],
      [5, '1e2'],
      [6, '0.25'],
      [7, '38.75'],
    ]);
  });

  it('keys with an escaped quote or backslash are read as JSON reads them', () => {
    const text = '{"a\\"b": 1, "q": "\\\\", "a\\u0022b": 2, "c\\\\": 1, "c\\u005c": 2}';
    expect(scanJson(text).duplicateKeys).toEqual([['a"b'], ['c\\']]);
  });

  it('text JSON.parse would refuse ends the scan rather than looping: an unclosed string', () => {
    expect(scanJson('[{"a": "never closed')).toEqual({ literals: [], duplicateKeys: [] });
    expect(scanJson('["\\"')).toEqual({ literals: [], duplicateKeys: [] });
  });
});
