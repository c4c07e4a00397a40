/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with `=`,
 * `+`, `-` or `@` as a formula, and tab or CR can hide such a start. Every text cell that
 * an export writes goes through {@link neutraliseText}; numbers never do, so a negative
 * amount stays `-12.34`.
 *
 * csv-stringify's own `escape_formulas` option is not used: it would also prefix negative
 * numbers and it does not say which cells it changed.
 */

/** The characters that make a spreadsheet treat a cell as a formula when they lead it. */
export const FORMULA_LEADS: readonly string[] = ['=', '+', '-', '@', '\t', '\r'];

/**
 * Whether a text would be run as a formula if a spreadsheet opened it.
 *
 * @example isFormulaText('=SUM(A1)') === true; isFormulaText('Ann Smith') === false;
 * isFormulaText('') === false
 */
export function isFormulaText(text: string): boolean {
  // charAt(0) of '' is '', which leads no formula.
  return FORMULA_LEADS.includes(text.charAt(0));
}

/** A text after neutralising, and whether it had to change. */
export interface NeutralisedText {
  readonly text: string;
  readonly changed: boolean;
}

/**
 * Prefixes a single quote to a text that would run as a formula; leaves any other text as it
 * is. Apply to text cells only, never to numbers.
 *
 * @example neutraliseText('=HYPERLINK("http://x","y")') // { text: `'=HYPERLINK("http://x","y")`, changed: true }
 * neutraliseText('Ann Smith') // { text: 'Ann Smith', changed: false }
 */
export function neutraliseText(text: string): NeutralisedText {
  return isFormulaText(text) ? { text: `'${text}`, changed: true } : { text, changed: false };
}
