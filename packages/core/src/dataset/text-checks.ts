/**
 * Checks on text that will reach outputs: spreadsheet formula triggers (OWASP CSV
 * injection) and characters that break workbooks and PDFs.
 */

/** First characters that make a spreadsheet treat a cell as a formula. */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Whether text starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab or CR).
 *
 * @example startsLikeFormula('=HYPERLINK("x")') === true; startsLikeFormula('Rose') === false
 */
export function startsLikeFormula(text: string): boolean {
  return FORMULA_STARTS.has(text.charAt(0)); // '' has no first character: charAt gives ''
}

/**
 * The first character that cannot be written into a workbook or PDF — U+FFFE, U+FFFF, a
 * lone surrogate or a C0 control other than tab and newline — as `U+XXXX`, or undefined.
 *
 * @example findInvalidChar('a\u0007b') === 'U+0007'; findInvalidChar('Zoë') === undefined
 * @internal
 */
export function findInvalidChar(text: string): string | undefined {
  // Stryker disable next-line EqualityOperator: past the end charCodeAt is NaN, which no check below matches
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      if (code === 0x09 || code === 0x0a) continue;
      return codePoint(code);
    }
    if (code === 0xfffe || code === 0xffff) return codePoint(code);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return codePoint(code);
    }
    if (code >= 0xdc00 && code <= 0xdfff) return codePoint(code);
  }
  return undefined;
}

function codePoint(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
