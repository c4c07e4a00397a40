/**
 * How wide text is in a spreadsheet column, and how many lines it wraps to. A column's width
 * is counted in widths of the digit "0" of the default font (Calibri 11, or LibreOffice's
 * metric-compatible Carlito); lower-case letters are about that wide, capitals and "_" wider.
 * Neither Excel nor LibreOffice sizes the rows of a streamed workbook to wrapped text when it
 * opens it, so the writer sets each row's height from {@link wrappedLines}.
 */

/** The points of one line of 11 pt text in a row: Excel's and LibreOffice's default row. */
export const LINE_HEIGHT_PT = 15;

const NARROW = /[ .,:;'|!ijlI()[\]]/;
const SEMI_NARROW = /[frt\-/]/;
const WIDEST = /[mwMW]/;
const WIDE = /[A-Z_@%&]/;

/**
 * The width of a text in "0" widths, from Calibri's proportions, rounded up a little so a
 * row is never too short for its text: spaces, stops and i, l, I half, f r t ¾, capitals
 * 1.2, m w M W 1.6, anything else 1.
 *
 * @example textWidth('abc') === 3; textWidth('ABC') === 3.6; textWidth('i i') === 1.5
 */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (NARROW.test(char)) width += 0.5;
    else if (SEMI_NARROW.test(char)) width += 0.75;
    else if (WIDEST.test(char)) width += 1.6;
    else if (WIDE.test(char)) width += 1.2;
    else width += 1;
  }
  return width;
}

/**
 * The lines a text wraps to in a column `width` wide: it breaks at spaces and line breaks,
 * and a word longer than the line is broken where it meets the edge, as Excel does.
 *
 * @example wrappedLines('Care fees 1 Nov 2024 – 30 Nov 2024', 20) === 2
 */
export function wrappedLines(text: string, width: number): number {
  // A cell has a little padding on each side.
  const room = Math.max(1, width - 1);
  const space = textWidth(' ');
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    lines += 1;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      const size = textWidth(word);
      if (used > 0 && used + space + size <= room) {
        used += space + size;
        continue;
      }
      if (used > 0) lines += 1;
      used = size;
      while (used > room) {
        lines += 1;
        used -= room;
      }
    }
  }
  return lines;
}
