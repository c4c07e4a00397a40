/**
 * SPEC §9 encoding, rule by rule: bracket keys by default, one `json` field on request,
 * absent fields left out, and a body that is not a referral refused with what is wrong.
 */
import { describe, expect, it } from 'vitest';
import { CarebillError } from '../errors/carebill-error.js';
import {
  decodeReferralBody,
  encodeReferralBody,
  personFields,
  REFERRAL_CONTENT_TYPE,
} from './encode.js';
import type { CharitylogPerson } from './types.js';

const ann: CharitylogPerson = { first_name: 'Ann', surname: 'Smith', org_type_id: 1 };

/** The message of the CarebillError a call throws. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof CarebillError)) throw error;
    return { code: error.code, option: error.option, message: error.message };
  }
  throw new Error('expected a CarebillError, but nothing was thrown');
}

describe('SPEC §9 encoding: a form body of bracket keys, or one json field', () => {
  it('the body is application/x-www-form-urlencoded', () => {
    expect(REFERRAL_CONTENT_TYPE).toBe('application/x-www-form-urlencoded');
  });

  it('bracket keys by default; json only when asked', () => {
    expect(encodeReferralBody([ann])).toBe(
      '0%5Bfirst_name%5D=Ann&0%5Bsurname%5D=Smith&0%5Borg_type_id%5D=1',
    );
    expect(encodeReferralBody([ann], 'json')).toBe(
      `json=${encodeURIComponent(JSON.stringify([ann])).replace(/%20/g, '+')}`,
    );
  });

  it('a field that is not known is left out, not sent empty', () => {
    const person = { ...ann, email: undefined, phone: '01' } as unknown as CharitylogPerson;
    expect(personFields(person)).toEqual({
      first_name: 'Ann',
      surname: 'Smith',
      org_type_id: '1',
      phone: '01',
    });
    expect(encodeReferralBody([person])).not.toContain('email');
  });

  it('an encoding other than form or json is refused, naming the option', () => {
    expect(refusal(() => encodeReferralBody([ann], 'xml' as never))).toEqual({
      code: 'INVALID_OPTION',
      option: 'encoding',
      message: 'encoding must be one of form, json; found "xml"',
    });
  });

  it('people must be a list', () => {
    expect(refusal(() => encodeReferralBody(ann as never))).toEqual({
      code: 'INVALID_OPTION',
      option: 'people',
      message:
        'people must be a list of people; found {"first_name":"Ann","surname":"Smith","org_type_id":1}',
    });
  });
});

describe('decoding a body: the inverse, refusing what is not a referral', () => {
  it('a json body’s values are read as text', () => {
    expect(decodeReferralBody('json=%5B%7B%22a%22%3A1%2C%22b%22%3Anull%7D%5D')).toEqual([
      { a: '1', b: 'null' },
    ]);
  });

  it.each([
    ['json=%7B%7D', 'the json field does not hold an array'],
    ['json=%5Bnull%5D', 'the json array holds something that is not a person'],
    ['json=%5B%5B%5D%5D', 'the json array holds something that is not a person'],
    ['json=%5B1%5D', 'the json array holds something that is not a person'],
    ['x0%5Ba%5D=1', 'unexpected form key "x0[a]"'],
    ['0%5Ba%5Dx=1', 'unexpected form key "0[a]x"'],
    ['0%5B%5D=1', 'unexpected form key "0[]"'],
    ['0%5Ba%5Bb%5D=1', 'unexpected form key "0[a[b]"'],
    ['0%5Ba%5Db%5D=1', 'unexpected form key "0[a]b]"'],
    ['a%5Bb%5D=1', 'unexpected form key "a[b]"'],
    ['0%5Ba%5D=1&2%5Ba%5D=1', 'person 2 comes before person 1'],
  ])('%s is refused: %s', (body, reason) => {
    expect(refusal(() => decodeReferralBody(body))).toEqual({
      code: 'INVALID_OPTION',
      option: 'body',
      message: `body is not a referral body: ${reason}`,
    });
  });

  it('indexes of two or more digits: the eleventh person is 10', () => {
    const people = Array.from({ length: 11 }, (_, i) => ({ ...ann, first_name: `P${i}` }));
    const body = encodeReferralBody(people);
    expect(body).toContain('&10%5Bfirst_name%5D=P10&');
    expect(decodeReferralBody(body).map((p) => p['first_name'])).toEqual(
      people.map((p) => p.first_name),
    );
  });

  it('people may come back in any key order, each index after the ones before it', () => {
    expect(decodeReferralBody('0%5Ba%5D=1&1%5Ba%5D=2&0%5Bb%5D=3')).toEqual([
      { a: '1', b: '3' },
      { a: '2' },
    ]);
  });
});
