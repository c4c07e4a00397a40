import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalPairs,
  canonicalParamString,
  compareCodePoints,
  encodePairs,
  nonceFromBytes,
  type ParamValue,
  pythonText,
  signRequest,
  stringToSign,
} from './sign.js';

const credentials = {
  accountId: '6724fbc74f73a2cebf6377aa',
  apiKey: 'key-abc',
  apiSecret: 'test-secret-0123456789',
};
const nonce = nonceFromBytes(Uint8Array.from({ length: 16 }, (_, i) => i));
const params = {
  per_page: 100,
  attributes: ['start_date', 'rate', 'end_date'],
  'filters-location': ['6724fbc74f73a2cebf6377fa'],
  page: 2,
  sort_by: null,
};

describe('signature version 2.0', () => {
  it('signs a known request as worked out by hand from the protocol description', () => {
    // 16 bytes 0x00..0x0f, base64url without padding.
    expect(nonce).toBe('AAECAwQFBgcICQoLDA0ODw');
    // Canonical parameters: null sort_by dropped; keys sorted; attribute values sorted;
    // `key=value` lines, not URL-encoded.
    const canonical = [
      'attributes=end_date',
      'attributes=rate',
      'attributes=start_date',
      'filters-location=6724fbc74f73a2cebf6377fa',
      'page=2',
      'per_page=100',
    ].join('\n');
    // Timestamp, nonce, upper-case method, path with /v1/, canonical parameters.
    const toSign = ['1700000000', nonce, 'GET', '/v1/bookings', canonical].join('\n');
    const expected = createHmac('sha256', credentials.apiSecret)
      .update(toSign, 'utf8')
      .digest('hex');

    const signed = signRequest({
      credentials,
      method: 'get',
      path: '/v1/bookings',
      params,
      timestampSeconds: 1_700_000_000,
      nonce,
    });
    expect(signed.headers['X-CareHQ-Signature']).toBe(expected);
    expect(signed.headers['X-CareHQ-Signature']).toBe(
      '05c9cc580eb215f773fcae633034eb9ff8e427fc99e002cd95aa8934264d2bc1',
    );
    expect(signed.headers).toEqual({
      Accept: 'application/json',
      'X-CareHQ-AccountId': credentials.accountId,
      'X-CareHQ-APIKey': credentials.apiKey,
      'X-CareHQ-Timestamp': '1700000000',
      'X-CareHQ-Nonce': 'AAECAwQFBgcICQoLDA0ODw',
      'X-CareHQ-Signature-Version': '2.0',
      'X-CareHQ-Signature': expected,
    });
    // The query is encoded from the same pairs, in the same order.
    expect(signed.encodedParams).toBe(
      'attributes=end_date&attributes=rate&attributes=start_date' +
        '&filters-location=6724fbc74f73a2cebf6377fa&page=2&per_page=100',
    );
  });

  it('writes values as Python writes them, unencoded, and a null inside a list as None', () => {
    const pairs = canonicalPairs({ q: 'a b&c=d', flag: true, n: [10, 9, null], z: undefined });
    expect(pairs).toEqual([
      ['flag', 'True'],
      ['n', '10'],
      ['n', '9'],
      ['n', 'None'],
      ['q', 'a b&c=d'],
    ]);
    expect(canonicalParamString(pairs)).toBe('flag=True\nn=10\nn=9\nn=None\nq=a b&c=d');
    expect(new URLSearchParams(encodePairs(pairs)).getAll('q')).toEqual(['a b&c=d']);
    expect(new URLSearchParams(encodePairs(pairs)).getAll('n')).toEqual(['10', '9', 'None']);
  });

  it.each<[ParamValue, string]>([
    [true, 'True'],
    [false, 'False'],
    [null, 'None'],
    [undefined, 'None'],
    [0, '0'],
    [-12, '-12'],
    [2 ** 60, '1152921504606846976'],
    [1.5, '1.5'],
    [-0.25, '-0.25'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [123456.789, '123456.789'],
    [Number.NaN, 'nan'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ])('writes %s as str() does: %s', (value, text) => {
    // Each right-hand side is what Python 3 prints for str() of the same value.
    expect(pythonText(value)).toBe(text);
  });

  it('signs an empty parameter list with an empty last part', () => {
    expect(
      stringToSign({
        timestamp: '1',
        nonce: 'n',
        method: 'get',
        path: '/v1/rooms',
        canonicalParams: '',
      }),
    ).toBe('1\nn\nGET\n/v1/rooms\n');
  });

  it('does not depend on the order parameters are given in', () => {
    const entry = fc.tuple(
      fc.constantFrom('attributes', 'page', 'filters-ids', 'per_page'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        const build = (list: Array<[string, string]>) => {
          const p: Record<string, string[]> = {};
          for (const [k, v] of list) p[k] = [...(p[k] ?? []), v];
          return signRequest({
            credentials,
            method: 'GET',
            path: '/v1/rooms',
            params: p,
            timestampSeconds: 5,
            nonce,
          });
        };
        const a = build(entries);
        const b = build([...entries].reverse());
        expect(a.headers['X-CareHQ-Signature']).toBe(b.headers['X-CareHQ-Signature']);
        expect(a.encodedParams).toBe(b.encodedParams);
      }),
    );
  });

  it('refuses a path outside /v1/ and a nonce that is not 16 bytes', () => {
    expect(() =>
      signRequest({
        credentials,
        method: 'GET',
        path: 'rooms',
        params: {},
        timestampSeconds: 1,
        nonce,
      }),
    ).toThrow(/\/v1\//);
    expect(() => nonceFromBytes(new Uint8Array(8))).toThrow(/16 bytes/);
  });
});

/**
 * Worked values of CareHQ's official Python client (`carehq` 0.1.3): the canonical string
 * and signature below were computed by running its `_ensure_string`, `_canonical_params_str`
 * and `_compute_signature` on the same parameters, timestamp, nonce and secret — and each
 * canonical string is also worked out by hand in the comments.
 */
describe('the official client’s worked values', () => {
  const sign = (params: Parameters<typeof canonicalPairs>[0]) =>
    signRequest({
      credentials,
      method: 'GET',
      path: '/v1/rooms',
      params,
      timestampSeconds: 1_700_000_000,
      nonce,
    });
  const head = '1700000000\nAAECAwQFBgcICQoLDA0ODw\nGET\n/v1/rooms\n';
  const signatureOf = (canonical: string) =>
    createHmac('sha256', credentials.apiSecret)
      .update(head + canonical, 'utf8')
      .digest('hex');

  it('sorts values by code point: U+FF5E before U+1F600, though its UTF-16 unit is higher', () => {
    // '～' is U+FF5E (one unit, 0xFF5E); '😀' is U+1F600 (units 0xD83D 0xDE00). By code
    // point 0x61 < 0xFF5E < 0x1F600, so: a, ～, 😀. JavaScript's default sort would put the
    // emoji before '～' (0xD83D < 0xFF5E) — and CareHQ would answer 401.
    expect(['😀', '～', 'a'].sort()).toEqual(['a', '😀', '～']);
    expect(['😀', '～', 'a'].sort(compareCodePoints)).toEqual(['a', '～', '😀']);
    const canonical = 'attributes=name\nfilters-q=a\nfilters-q=～\nfilters-q=😀\npage=1';
    const signed = sign({ 'filters-q': ['～', '😀', 'a'], attributes: ['name'], page: 1 });
    expect(signed.headers['X-CareHQ-Signature']).toBe(signatureOf(canonical));
    expect(signed.headers['X-CareHQ-Signature']).toBe(
      'a90fcad05e16024530616d5cf0bac2117b5e94fe3b8263504d0cbd7d9e881aa0',
    );
  });

  it('sorts keys by code point too', () => {
    const canonical = '～key=a\n😀key=b';
    const signed = sign({ '😀key': 'b', '～key': 'a' });
    expect(signed.headers['X-CareHQ-Signature']).toBe(signatureOf(canonical));
    expect(signed.headers['X-CareHQ-Signature']).toBe(
      'adb190109d46bfbdb5db54a880d003717f36a25bb1d9cbfd262aefb079bc474d',
    );
  });

  it('keeps a null inside a list as None, drops a null key, and writes True and floats as str()', () => {
    // sort_by=None is dropped; the list's None is the text "None", sorted among the others
    // ("None" < "None2" < "x"); "10" < "9" as text; 0.00001 is "1e-05".
    const canonical = [
      'filters-ids=None',
      'filters-ids=None2',
      'filters-ids=x',
      'flag=True',
      'n=10',
      'n=9',
      'ratio=1.5',
      'tiny=1e-05',
    ].join('\n');
    const signed = sign({
      'filters-ids': [null, 'x', 'None2'],
      sort_by: null,
      flag: true,
      ratio: 1.5,
      tiny: 0.00001,
      n: [10, 9],
    });
    expect(signed.headers['X-CareHQ-Signature']).toBe(signatureOf(canonical));
    expect(signed.headers['X-CareHQ-Signature']).toBe(
      '283d9185cbfc315539b179e4a7ee70d7efdbf932e8000bc48dac4a240b5ff5ea',
    );
    expect(new URLSearchParams(signed.encodedParams).getAll('filters-ids')).toEqual([
      'None',
      'None2',
      'x',
    ]);
  });

  it('refuses a lone surrogate, which has no UTF-8 form to sign', () => {
    expect(() => sign({ 'filters-q': ['\uD83D'] })).toThrow(/lone surrogate/);
  });
});
