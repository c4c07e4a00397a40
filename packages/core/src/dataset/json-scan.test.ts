import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { booking, codes } from '../../test/dataset-helpers.js';
import { scanJson } from './json-scan.js';
import { loadDataset } from './load.js';

const BK = '6724fbca4f73a2cebf63868c';
/** One booking's JSON with `"rate":0` replaced by the given text. */
const withRate = (replacement: string) =>
  `[${JSON.stringify(booking({ rate: 0 })).replace('"rate":0', replacement)}]`;

describe('scanJson', () => {
  it('finds fractional and exponent literals by path, keys decoded', () => {
    expect(scanJson('[{"r\\u0061te": 1e5, "n": [1, 2.5], "s": "1.5 \\" 2e3"}]').literals).toEqual([
      { path: [0, 'rate'], text: '1e5' },
      { path: [0, 'n', 1], text: '2.5' },
    ]);
  });

  it('finds keys given twice in one object, at any depth, escaped or not', () => {
    const text = '{"a": 1, "b": {"x": 1, "\\u0078": 2}, "a": [{"a": 1}], "c": "\\\\"}';
    expect(scanJson(text).duplicateKeys).toEqual([['b', 'x'], ['a']]);
  });

  it('an object past 32 keys (kept as a set) still finds its duplicate and its literal', () => {
    const keys = Array.from({ length: 100 }, (_, i) => `"k${i}": ${i}`);
    const text = `[{${keys.join(', ')}, "k7": 1.5}]`;
    expect(scanJson(text)).toEqual({
      literals: [{ path: [0, 'k7'], text: '1.5' }],
      duplicateKeys: [[0, 'k7']],
    });
  });

  it('finds exactly the non-integer literals of any JSON, at their paths, and no duplicate', () => {
    const expected = (value: unknown, path: (string | number)[], out: unknown[]) => {
      if (typeof value === 'number' && /[.eE]/.test(JSON.stringify(value))) {
        out.push({ path, text: JSON.stringify(value) });
      } else if (Array.isArray(value)) {
        for (const [i, v] of value.entries()) expected(v, [...path, i], out);
      } else if (typeof value === 'object' && value !== null) {
        for (const [k, v] of Object.entries(value)) expected(v, [...path, k], out);
      }
      return out;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value, null, 1);
        const scan = scanJson(text);
        expect(scan.duplicateKeys).toEqual([]);
        expect(scan.literals).toEqual(expected(JSON.parse(text), [], []));
      }),
    );
  });
});

describe('how a record was written', () => {
  it.each([
    ['an escaped key', '"r\\u0061te":1e5', '1e5'],
    ['an escaped key and a fraction', '"r\\u0061te":138554.0', '138554.0'],
    ['a plain key', '"rate":  -2.5E3', '-2.5E3'],
  ])('%s: a whole number written as %s is BAD_MONEY', (_label, replacement, shown) => {
    const loaded = loadDataset({ bookings: withRate(replacement) });
    expect(codes(loaded)).toEqual([['BAD_MONEY', 'bookings', BK, 'rate']]);
    expect(loaded.parked[0]?.problems[0]?.value).toBe(shown);
  });

  it('a key given twice is DUPLICATE_KEY on the record, escaped or not', () => {
    for (const second of ['"rate":999', '"r\\u0061te":999']) {
      const loaded = loadDataset({ bookings: withRate(`"rate":138554,${second}`) });
      expect(codes(loaded)).toEqual([['DUPLICATE_KEY', 'bookings', BK, 'rate']]);
      expect(loaded.parked[0]?.problems[0]?.message).toBe(
        'the key "rate" is given 2 times in this record; a JSON reader keeps only the last, so remove all but the right one',
      );
      expect(loaded.dataset.bookings).toEqual([]);
    }
  });

  it('a nested key given twice names the nested field', () => {
    const text = '[{"_id": "lc1", "postal_address": {"town": "Oxford", "town": "Bath"}}]';
    const loaded = loadDataset({ bookings: '[]', 'location-contacts': text });
    expect(codes(loaded)).toEqual([
      ['DUPLICATE_KEY', 'location-contacts', 'lc1', 'postal_address.town'],
    ]);
  });

  it('in pages, findings land on the right record; a page giving "items" twice is a dataset error', () => {
    const b = (id: string, rate: string) =>
      JSON.stringify(booking({ _id: id, rate: 0 })).replace('"rate":0', `"rate":${rate}`);
    const page = (n: number, items: string) =>
      `{"item_count": 3, "items": [${items}], "page": ${n}, "page_count": 2, "per_page": 2}`;
    const text = `[${page(1, `${b('b1', '1')},${b('b2', '2')}`)},${page(2, b('b3', '3.0'))}]`;
    const loaded = loadDataset({ bookings: text });
    expect(codes(loaded).filter(([code]) => code !== 'OVERLAPPING_BOOKINGS')).toEqual([
      ['BAD_MONEY', 'bookings', 'b3', 'rate'],
    ]);
    const twice = `{"item_count": 1, "items": [], "page": 1, "page_count": 1, "per_page": 2, "items": [${b('b1', '1')}]}`;
    expect(loadDataset({ bookings: twice }).errors.map((p) => [p.code, p.value])).toEqual([
      ['DUPLICATE_KEY', '"items"'],
    ]);
  });
});
