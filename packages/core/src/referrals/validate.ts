/**
 * What Charitylog requires of each person before anything leaves the machine: a
 * `first_name`, a `surname` and an `org_type_id`, and a `referral_role` whenever a
 * `source` is given.
 */
import type { CharitylogPerson, Referral } from './types.js';

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

/**
 * The names of the required fields a person lacks (empty when they can be sent).
 *
 * @example missingCharitylogFields({ first_name: 'Ann', surname: '', org_type_id: 1 }) // ['surname']
 */
export function missingCharitylogFields(person: CharitylogPerson): string[] {
  const missing: string[] = [];
  if (isBlank(person.first_name)) missing.push('first_name');
  if (isBlank(person.surname)) missing.push('surname');
  if (!Number.isSafeInteger(person.org_type_id) || person.org_type_id < 1) {
    missing.push('org_type_id');
  }
  if (person.source !== undefined && person.referral_role === undefined) {
    missing.push('referral_role');
  }
  return missing;
}

function whoIs(referral: Referral, index: number): string {
  if (index === 0 && referral.contact !== null) {
    return `their billing contact (service user contact ${referral.contact})`;
  }
  return 'the resident';
}

const FIX: Record<string, string> = {
  first_name: 'add the first name in CareHQ',
  surname: 'add the last name in CareHQ',
  org_type_id: 'give --org-type a whole number of 1 or more',
  referral_role: 'every person needs a referral_role when a source is set',
};

/**
 * Every reason Charitylog would refuse this referral, one sentence each naming the
 * resident, the person, the missing field and the fix; empty when it can be sent.
 *
 * @example validateReferral(referral)
 * // ['Resident su1 (Ann Smith): their billing contact (service user contact c1) has no
 * //   surname, which Charitylog requires; add the last name in CareHQ.']
 */
export function validateReferral(referral: Referral): string[] {
  const messages: string[] = [];
  referral.people.forEach((person, index) => {
    for (const field of missingCharitylogFields(person)) {
      messages.push(
        `Resident ${referral.serviceUser} (${referral.name}): ${whoIs(referral, index)} has no ` +
          `${field}, which Charitylog requires; ${FIX[field]}.`,
      );
    }
  });
  return messages;
}
