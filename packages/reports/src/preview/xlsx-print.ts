/**
 * How every sheet of carebill's workbooks prints, for the accountant who prints them: A4
 * landscape, fitted to one page wide (as many pages down as the rows need), the header row
 * repeated on every page, the workbook's title in the page header and the sheet's name and
 * "Page N of M" in the footer. exceljs's streaming `WorkbookWriter` takes these as
 * `addWorksheet` options and writes them (`pageSetup`, `headerFooter`, and the print titles
 * as a `_xlnm.Print_Titles` defined name); checked by converting the demo workbooks with
 * LibreOffice (packages/reports/test/print.test.ts).
 */
import type ExcelJS from 'exceljs';

/** Excel's paper size code for A4 (exceljs declares it as a `const enum`). */
const A4 = 9 as ExcelJS.PaperSize;

/**
 * Bold headings in the workbook's body font. A font given only as `{ bold: true }` has no
 * name, and LibreOffice then sets the headings in a serif.
 */
export const HEADING_FONT: Partial<ExcelJS.Font> = { name: 'Calibri', size: 11, bold: true };

/** The footer of every sheet: the sheet's name on the left, "Page N of M" on the right. */
export const PRINT_FOOTER = '&L&A&RPage &P of &N';

export interface PrintSetup {
  readonly pageSetup: Partial<ExcelJS.PageSetup>;
  readonly headerFooter: Partial<ExcelJS.HeaderFooter>;
}

export interface PrintOptions {
  /** The rows repeated at the top of every page. Default `1:1`, the header row. */
  readonly titleRows?: string;
  /** Columns repeated at the left of every page, e.g. `A:B`; none by default. */
  readonly titleColumns?: string;
  /** How many pages wide the sheet prints. Default 1. */
  readonly pagesWide?: number;
}

/**
 * The print setup of a sheet: A4 landscape, one page wide (or `pagesWide`), the header row
 * repeated on every page, `title` in the page header. Pass it to `addWorksheet` with the
 * sheet's other options.
 *
 * @example workbook.addWorksheet('Invoices', { ...printSetup('Invoice preview 1 Nov 2024 – 30 Nov 2024'), views })
 */
export function printSetup(title: string | undefined, options: PrintOptions = {}): PrintSetup {
  return {
    pageSetup: {
      paperSize: A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: options.pagesWide ?? 1,
      fitToHeight: 0, // as many pages down as needed
      printTitlesRow: options.titleRows ?? '1:1',
      ...(options.titleColumns !== undefined && { printTitlesColumn: options.titleColumns }),
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.25, footer: 0.25 },
    },
    headerFooter: {
      ...(title !== undefined && { oddHeader: `&L${headerText(title)}` }),
      oddFooter: PRINT_FOOTER,
    },
  };
}

/**
 * Text for a header or footer: `&` starts a code there (`&P` is the page number), so a
 * literal one is written `&&`.
 *
 * @example headerText('Unbilled & unallocated') === 'Unbilled && unallocated'
 */
export function headerText(text: string): string {
  return text.replace(/&/g, '&&');
}
