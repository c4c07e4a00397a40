/**
 * CSV cells no spreadsheet will run (OWASP CSV injection, SPEC §6): text that begins with
 * `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe. Numbers are
 * never passed through here, so they are never altered.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The text, with an apostrophe in front when a spreadsheet would read it as a formula.
 *
 * @example neutraliseCsvText('=SUM(A1)') === "'=SUM(A1)"; neutraliseCsvText('Ŷwen') === 'Ŷwen'
 */
export function neutraliseCsvText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Whether the text would be neutralised (the caller warns `FORMULA_TEXT`). */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}
