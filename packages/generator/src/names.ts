/**
 * Names for people, with the occasional Welsh, Polish, Irish or accented one, so outputs
 * meet ŵ, ŷ, Ł, ë and apostrophes the way a real UK group's data does.
 */
import type { Rng } from './prng.js';

/** The words of a whitespace-separated list. @example words(' Joan  Mavis\n') // ['Joan', 'Mavis'] */
export function words(text: string): readonly string[] {
  return text.split(/\s+/).filter((word) => word !== '');
}

const FIRST_NAMES_F = words(`
  Margaret Joan Patricia Dorothy Barbara Jean Sheila Brenda Eileen Maureen Doreen
  Irene Pauline Valerie Christine Janet Elizabeth Mary Susan Ann Audrey Beryl Gwen
  Hilda Iris Joyce Kathleen Linda Mavis Norma Olive Rita Sylvia Vera Winifred Abbey
  Carly Dawn Eleanor Abigail Danielle Helen Karen Sarah Emma Rachel
`);
const FIRST_NAMES_M = words(`
  John David Michael Peter Robert Brian Kenneth Alan Derek Dennis Raymond Ronald Roy
  Frank George Harold Arthur Albert Stanley Leonard Norman Trevor Colin Keith Graham
  Geoffrey Malcolm Terence William James Brett Gareth Garry Mark Paul Richard Stephen
  Andrew Ian Neil
`);
const LAST_NAMES = words(`
  Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts
  Robinson Thompson Wright Walker White Edwards Hughes Green Hall Wood Harris Lewis
  Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward Moore King Watson
  Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips Lee Bell
  Parker Davis Kerr Mills Wall Frey Shaw Lloyd Price Owen Griffiths Khan Begum Ahmed
  Singh Kaur
`);

/** The occasional name that stresses fonts, sorting and CSV quoting. */
const SPECIAL_PEOPLE: readonly { first: string; last: string; title: string }[] = [
  { first: 'Gwenllian', last: 'ap Rhys', title: 'Mrs' },
  { first: 'Ŷwen', last: 'Llewelyn', title: 'Miss' },
  { first: 'Siân', last: 'Pritchard', title: 'Mrs' },
  { first: 'Dafydd', last: 'ab Iorwerth', title: 'Mr' },
  { first: 'Eirlys', last: 'Gwŷr', title: 'Mrs' },
  { first: 'Gethin', last: 'Rhŷs-Jones', title: 'Mr' },
  { first: 'Ffion', last: 'Ŵyn', title: 'Ms' },
  { first: 'Łukasz', last: 'Wiśniewski', title: 'Mr' },
  { first: 'Małgorzata', last: 'Kowalczyk', title: 'Mrs' },
  { first: 'Zbigniew', last: 'Łukaszewicz', title: 'Mr' },
  { first: 'Grażyna', last: 'Dąbrowska', title: 'Mrs' },
  { first: 'Zoë', last: 'Brontë', title: 'Ms' },
  { first: 'Renée', last: 'Dubois', title: 'Mrs' },
  { first: 'Noël', last: 'Müller', title: 'Mr' },
  { first: 'José', last: 'García', title: 'Mr' },
  { first: 'Chloë', last: 'Ó Súilleabháin', title: 'Mrs' },
  { first: 'Seán', last: "O'Brien", title: 'Mr' },
  { first: 'Bridget', last: "D'Arcy", title: 'Mrs' },
  { first: 'Mary-Jane', last: 'Smith-Jones', title: 'Mrs' },
];

export type Sex = 'f' | 'm';

export interface PersonName {
  readonly title: string;
  readonly firstName: string;
  readonly lastName: string;
}

/**
 * A random person's name; about 1 in 12 is Welsh, Polish, Irish or accented.
 *
 * @example pickName(createRng(1), 'f') // { title: 'Mrs', firstName: 'Joan', lastName: 'Hall' }
 */
export function pickName(rng: Rng, sex: Sex, lastName?: string): PersonName {
  if (lastName === undefined && rng.chance(1 / 12)) {
    const special = rng.pick(SPECIAL_PEOPLE);
    return { title: special.title, firstName: special.first, lastName: special.last };
  }
  const firstName = sex === 'f' ? rng.pick(FIRST_NAMES_F) : rng.pick(FIRST_NAMES_M);
  const title = sex === 'm' ? 'Mr' : rng.pick(['Mrs', 'Mrs', 'Miss', 'Ms'] as const);
  return { title, firstName, lastName: lastName ?? rng.pick(LAST_NAMES) };
}

/**
 * Upper-case initials of a name, as CareHQ shows them.
 *
 * @example initialsOf('Ŷwen', 'Llewelyn') === 'ŶL'
 */
export function initialsOf(firstName: string, lastName: string): string {
  const first = [...firstName][0] ?? '';
  const last = [...lastName][0] ?? '';
  return `${first}${last}`.toUpperCase();
}

/**
 * An email-safe local part for a name: ASCII letters only.
 *
 * @example emailLocalPart('Zoë', "O'Brien") === 'zoe.obrien'
 */
export function emailLocalPart(firstName: string, lastName: string): string {
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[łŁ]/g, 'l')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${ascii(firstName)}.${ascii(lastName)}`;
}
