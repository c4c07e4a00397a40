import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalPairs,
  canonicalParamString,
  encodePairs,
  nonceFromBytes,
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

  it('writes values as text, unencoded, and drops nulls inside lists too', () => {
    const pairs = canonicalPairs({ q: 'a b&c=d', flag: true, n: [10, 9, null], z: undefined });
    expect(pairs).toEqual([
      ['flag', 'true'],
      ['n', '10'],
      ['n', '9'],
      ['q', 'a b&c=d'],
    ]);
    expect(canonicalParamString(pairs)).toBe('flag=true\nn=10\nn=9\nq=a b&c=d');
    expect(new URLSearchParams(encodePairs(pairs)).getAll('q')).toEqual(['a b&c=d']);
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
