/**
 * Accountant exports (SPEC §6): Xero and Sage 50 import files and a plain CSV of lines,
 * rendered from an invoice preview. Pure: they return text and warnings, and write nothing.
 */
import type { Preview } from '@carebill/core';
import { type LinesCsvOptions, renderLinesCsv } from './lines-csv.js';
import { renderSage50Csv, type Sage50CsvOptions } from './sage50-csv.js';
import type { ExportResult } from './types.js';
import { renderXeroCsv, type XeroCsvOptions } from './xero-csv.js';

export {
  FORMULA_LEADS,
  isFormulaText,
  type NeutralisedText,
  neutraliseText,
} from './csv-safety.js';
export { type CsvColumn, renderCsvTable } from './csv-write.js';
export {
  LINES_COLUMNS,
  LINES_CSV_FILE_NAME,
  type LinesCsvOptions,
  renderLinesCsv,
} from './lines-csv.js';
export {
  deriveSageAccountRef,
  isSageAccountRef,
  SAGE_ACCOUNT_REF_MAX,
} from './sage50-account-ref.js';
export {
  renderSage50Csv,
  SAGE_DETAILS_MAX,
  SAGE50_COLUMNS,
  SAGE50_FILE_NAME,
  type Sage50CsvOptions,
  sageDetails,
} from './sage50-csv.js';
export type { ExportFile, ExportResult, ExportWarning, ExportWarningCode } from './types.js';
export {
  renderXeroCsv,
  XERO_COLUMNS,
  XERO_MAX_INVOICES_PER_FILE,
  type XeroCsvOptions,
  xeroContactName,
  xeroFileName,
} from './xero-csv.js';

/** The export formats of `carebill export --format`. */
export const EXPORT_FORMATS = ['xero', 'sage50', 'csv'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Options of every format in one object; each format reads only its own. */
export type ExportOptions = XeroCsvOptions & Sage50CsvOptions & LinesCsvOptions;

/**
 * Renders one accountant export of a preview: `xero` (Xero sales-invoice import files),
 * `sage50` (Sage 50 audit-trail CSV) or `csv` (a plain CSV of lines).
 *
 * @example
 * const { files, warnings } = renderExport('xero', preview, { taxType: 'Exempt Income' });
 * for (const file of files) writeFileSync(join(outDir, file.fileName), file.text);
 */
export function renderExport(
  format: ExportFormat,
  preview: Preview,
  options: ExportOptions = {},
): ExportResult {
  switch (format) {
    case 'xero':
      return renderXeroCsv(preview, options);
    case 'sage50':
      return renderSage50Csv(preview, options);
    case 'csv':
      return renderLinesCsv(preview, options);
  }
}
