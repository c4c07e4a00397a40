/**
 * The body of a referral request: `application/x-www-form-urlencoded`, either the array of
 * people with bracket keys (`0[first_name]=Ann&0[surname]=Smith&1[first_name]=…`) or one
 * `json` field holding the JSON array. Values are percent-encoded by `URLSearchParams`
 * (a space becomes `+`, `+` becomes `%2B`, UTF-8 for everything outside ASCII).
 */
import { CarebillError } from '../errors/carebill-error.js';
import { checkChoice, found } from '../errors/checks.js';
import type { CharitylogPerson, ReferralEncoding } from './types.js';

/** The content type of every referral body. */
export const REFERRAL_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * A person as the text fields a form carries, in the person's own key order.
 *
 * @internal
 */
export type DecodedPerson = Record<string, string>;

/**
 * A person's fields as text, in order, leaving out absent ones: what a form body holds.
 *
 * @example personFields({ first_name: 'Ann', surname: 'Smith', org_type_id: 1 })
 * // { first_name: 'Ann', surname: 'Smith', org_type_id: '1' }
 * @internal
 */
export function personFields(person: CharitylogPerson): DecodedPerson {
  const fields: DecodedPerson = {};
  for (const [key, value] of Object.entries(person)) {
    if (value !== undefined) fields[key] = String(value);
  }
  return fields;
}

/**
 * Encodes the people of one referral as a form body: bracket keys (`form`, the default) or
 * one `json` field. Throws a `CarebillError` for an encoding other than those two.
 *
 * @example encodeReferralBody([{ first_name: 'Ann', surname: 'Smith', org_type_id: 1 }], 'form')
 * // '0%5Bfirst_name%5D=Ann&0%5Bsurname%5D=Smith&0%5Borg_type_id%5D=1'
 */
export function encodeReferralBody(
  people: readonly CharitylogPerson[],
  encoding: ReferralEncoding = 'form',
): string {
  checkChoice('encoding', encoding, ['form', 'json']);
  if (!Array.isArray(people)) {
    throw new CarebillError(
      'INVALID_OPTION',
      `people must be a list of people; found ${found(people)}`,
      {
        option: 'people',
      },
    );
  }
  const params = new URLSearchParams();
  if (encoding === 'json') {
    params.append('json', JSON.stringify(people));
    return params.toString();
  }
  people.forEach((person, index) => {
    for (const [key, value] of Object.entries(personFields(person))) {
      params.append(`${index}[${key}]`, value);
    }
  });
  return params.toString();
}

const BRACKET_KEY = /^(\d+)\[([^\][]+)\]$/;

function badBody(reason: string): CarebillError {
  return new CarebillError('INVALID_OPTION', `body is not a referral body: ${reason}`, {
    option: 'body',
  });
}

/**
 * Decodes a referral body back to its people, as text fields: the inverse of
 * {@link encodeReferralBody} (a `json` body's values are turned to text the same way).
 * Throws on a key that is neither `json` nor `N[field]`, or on a gap in the indexes.
 *
 * @example decodeReferralBody('0%5Bfirst_name%5D=Ann&0%5Bsurname%5D=Smith')
 * // [{ first_name: 'Ann', surname: 'Smith' }]
 * @internal
 */
export function decodeReferralBody(body: string): DecodedPerson[] {
  const params = new URLSearchParams(body);
  const json = params.get('json');
  if (json !== null) {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) throw badBody('the json field does not hold an array');
    return parsed.map((item: unknown) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw badBody('the json array holds something that is not a person');
      }
      const fields: DecodedPerson = {};
      for (const [key, value] of Object.entries(item)) fields[key] = String(value);
      return fields;
    });
  }
  const people: DecodedPerson[] = [];
  for (const [key, value] of params) {
    const match = BRACKET_KEY.exec(key);
    if (!match) throw badBody(`unexpected form key "${key}"`);
    const index = Number(match[1]);
    const field = match[2] as string;
    if (index > people.length)
      throw badBody(`person ${index} comes before person ${people.length}`);
    const person = people[index] ?? {};
    people[index] = person;
    person[field] = value;
  }
  return people;
}
