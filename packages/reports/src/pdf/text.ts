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

/**
 * The most characters of one text a PDF shows; longer text is cut with an ellipsis. The
 * loader already refuses data text over 2,000 characters (docs/input.md "Limits"); this is
 * the display edge's own guard, for callers of the renderers with any invoice, because pdfmake 0.3 lays a paragraph out in time that
 * grows with the square of its words (its line builder copies the rest of the
 * paragraph's words for every word it places): 300,000 characters of a name took 8.7 s
 * and a million never finished.
 */
export const MAX_PDF_TEXT = 10_000;

/** Keys whose strings are not text to lay out (SVG markup, image data). */
const NOT_TEXT = new Set(['svg', 'image']);

/**
 * pdfmake content with every string longer than {@link MAX_PDF_TEXT} cut to it (the last
 * character an ellipsis). Untouched parts are shared, not copied.
 *
 * @example boundText({ text: 'x'.repeat(20_000) }) // { text: 'xxx…' } of 10,000 characters
 */
export function boundText<T>(content: T): T {
  return bound(content) as T;
}

function bound(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_PDF_TEXT ? cut(value) : value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const next = bound(item);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (NOT_TEXT.has(key)) continue;
    const next = bound(item);
    if (next !== item) {
      out ??= { ...(value as Record<string, unknown>) };
      out[key] = next;
    }
  }
  return out ?? value;
}

function cut(text: string): string {
  let end = MAX_PDF_TEXT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // never split a surrogate pair
  return `${text.slice(0, end)}…`;
}
