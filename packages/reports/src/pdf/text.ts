/**
 * Text for PDFs: data made to wrap (long unbroken tokens get break opportunities, pdfmake
 * #2731) and values that must never split across lines kept whole.
 */
import type { Address, Day } from '@carebill/core';
import { formatPounds } from '@carebill/core';
import { formatDayShort } from '@carebill/core/internal';

const ZERO_WIDTH_SPACE = '\u200B';
const NO_BREAK_SPACE = '\u00A0';
/** A token longer than this gets a break opportunity at least every this many characters. */
const MAX_RUN = 16;

/**
 * Inserts zero-width spaces into runs of non-space characters longer than 16, after a
 * natural separator (`/ . @ _ - ,`) when there is one, so a long email address, URL or
 * reference wraps instead of pushing a table off the page. Short words are untouched.
 *
 * @example breakLongTokens('a'.repeat(20)) === 'a'.repeat(16) + '\u200B' + 'aaaa'
 */
export function breakLongTokens(text: string, maxRun = MAX_RUN): string {
  return text.replace(/\S+/gu, (token) => {
    const chars = [...token];
    if (chars.length <= maxRun) return token;
    let out = '';
    let run = 0;
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] ?? '';
      out += ch;
      run += 1;
      const atSeparator = /[/.@_\-,]/.test(ch) && run >= maxRun / 2;
      if ((atSeparator || run >= maxRun) && i < chars.length - 1) {
        out += ZERO_WIDTH_SPACE;
        run = 0;
      }
    }
    return out;
  });
}

/**
 * Spaces made non-breaking, so a value such as a date stays on one line.
 *
 * @example unbreakable('1 Nov 2024') === '1\u00A0Nov\u00A02024'
 */
export function unbreakable(text: string): string {
  return text.replace(/ /g, NO_BREAK_SPACE);
}

/** A date for a PDF, never split. @example pdfDate(d) === '1\u00A0Nov\u00A02024' */
export function pdfDate(day: Day): string {
  return unbreakable(formatDayShort(day));
}

/** An amount for a PDF. @example pdfMoney(138554) === '£1,385.54' */
export function pdfMoney(amountPence: number): string {
  return formatPounds(amountPence);
}

/**
 * The lines of a postal address, empty parts left out.
 *
 * @example addressLines({ address1: '3 Heol y Bont', address2: '', town: 'Machynlleth', county: 'Powys', postcode: 'SY20 8AA', country: '' })
 * // ['3 Heol y Bont', 'Machynlleth', 'Powys', 'SY20 8AA']
 */
export function addressLines(address: Address | null): string[] {
  if (address === null) return [];
  return [
    address.address1,
    address.address2,
    address.town,
    address.county,
    address.postcode,
    address.country,
  ]
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
