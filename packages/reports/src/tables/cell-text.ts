/**
 * Text made safe for a spreadsheet cell. Excel reports a damaged file for U+FFFE/U+FFFF,
 * lone surrogates, most C0 control characters and cells over 32,767 characters
 * (reference/libraries.md, exceljs): those are removed or cut here, and what was done is
 * returned so the caller can warn (`INVALID_TEXT`).
 */

/** Excel's limit on the characters of one cell. */
export const MAX_CELL_CHARS = 32_767;

/** Text as it went into a cell, and what was done to it. */
export interface CleanedText {
  readonly text: string;
  /** How many characters were removed (controls, non-characters, lone surrogates). */
  readonly removed: number;
  /** Whether the text was cut to Excel's limit of 32,767 characters a cell. */
  readonly truncated: boolean;
}

// C0 controls except tab (09) and line feed (0A); U+FFFE/U+FFFF; a high surrogate not
// followed by a low one; a low surrogate not preceded by a high one.
const INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Removes what a spreadsheet cell cannot hold and caps the length, never cutting a
 * surrogate pair in half. Text that looks like a formula is left alone: the writer stores
 * it as text, never as a formula.
 *
 * @example cleanCellText('a\u0000b\uFFFE') // { text: 'ab', removed: 2, truncated: false }
 */
export function cleanCellText(text: string): CleanedText {
  let removed = 0;
  let cleaned = text.replace(INVALID, () => {
    removed += 1;
    return '';
  });
  let truncated = false;
  if (cleaned.length > MAX_CELL_CHARS) {
    let end = MAX_CELL_CHARS;
    const last = cleaned.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1; // keep the pair whole
    cleaned = cleaned.slice(0, end);
    truncated = true;
  }
  return { text: cleaned, removed, truncated };
}
