import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReferralBody, encodeReferralBody, personFields } from './encode.js';
import type { CharitylogPerson } from './types.js';

const awkward: CharitylogPerson[] = [
  {
    source: '1',
    referral_role: '1',
    first_name: "Siân O'Neill & Co",
    surname: 'Ap Ŵyn=Jones+1',
    address1: 'Flat 2, 10 High St & Mill Lane',
    postcode: 'LL55 4UR',
    email: 'sian+care@example.org',
    phone: '+44 1286 000000',
    org_type_id: 1,
    description: 'Savings 100% gone? a=b&c=d; £23,250 — 14 March 2026.',
    project: '7',
  },
  { source: '1', referral_role: '2', first_name: 'Gŵen', surname: "D'Arcy", org_type_id: 1 },
];

describe('encodeReferralBody', () => {
  it('writes bracket keys per person, percent-encoded by URLSearchParams rules', () => {
    const body = encodeReferralBody([
      { first_name: 'Ann Marie', surname: 'Smith+Jones', org_type_id: 1 },
      { first_name: 'Ŵ&=', surname: "O'Neill", org_type_id: 1 },
    ]);
    expect(body).toBe(
      '0%5Bfirst_name%5D=Ann+Marie&0%5Bsurname%5D=Smith%2BJones&0%5Borg_type_id%5D=1' +
        '&1%5Bfirst_name%5D=%C5%B4%26%3D&1%5Bsurname%5D=O%27Neill&1%5Borg_type_id%5D=1',
    );
    // the same keys read literally
    expect([...new URLSearchParams(body).keys()]).toEqual([
      '0[first_name]',
      '0[surname]',
      '0[org_type_id]',
      '1[first_name]',
      '1[surname]',
      '1[org_type_id]',
    ]);
  });

  it('decodes back to the same people, form or json, names with & = + spaces ŵ and apostrophes', () => {
    const expected = awkward.map(personFields);
    expect(decodeReferralBody(encodeReferralBody(awkward, 'form'))).toEqual(expected);
    expect(decodeReferralBody(encodeReferralBody(awkward, 'json'))).toEqual(expected);
    const json = new URLSearchParams(encodeReferralBody(awkward, 'json'));
    expect([...json.keys()]).toEqual(['json']);
    expect(JSON.parse(json.get('json') ?? '')).toEqual(awkward);
  });

  it('round-trips any text (property)', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    const person = fc.record({
      first_name: text,
      surname: text,
      org_type_id: fc.integer({ min: 1, max: 99 }),
      description: text,
    });
    fc.assert(
      fc.property(
        fc.array(person, { minLength: 1, maxLength: 4 }),
        fc.constantFrom('form', 'json' as const),
        (people, encoding) => {
          expect(decodeReferralBody(encodeReferralBody(people, encoding))).toEqual(
            people.map(personFields),
          );
        },
      ),
    );
  });

  it('refuses a body that is not a referral', () => {
    expect(() => decodeReferralBody('first_name=Ann')).toThrow('unexpected form key "first_name"');
    expect(() => decodeReferralBody('1%5Bfirst_name%5D=Ann')).toThrow(
      'person 1 comes before person 0',
    );
  });
});
