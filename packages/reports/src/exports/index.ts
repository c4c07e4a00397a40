/**
 * Accountant exports (SPEC §6): Xero and Sage 50 import files and a plain CSV of lines,
 * rendered from an invoice preview. Pure: they return text, bytes and warnings, and write
 * nothing.
 */
import type { Preview } from '@carebill/core';
import { EXPORT_ENCODINGS, type ExportEncoding, isExportEncoding } from './encoding.js';
import { LINES_CSV_DEFAULT_ENCODING, type LinesCsvOptions, renderLinesCsv } from './lines-csv.js';
import { renderSage50Csv, SAGE50_DEFAULT_ENCODING, type Sage50CsvOptions } from './sage50-csv.js';
import type { ExportResult } from './types.js';
import { renderXeroCsv, XERO_DEFAULT_ENCODING, type XeroCsvOptions } from './xero-csv.js';

export {
  FORMULA_LEADS,
  isFormulaText,
  type NeutralisedText,
  neutraliseText,
} from './csv-safety.js';
export { type CsvColumn, renderCsvTable } from './csv-write.js';
export {
  EXPORT_ENCODINGS,
  type ExportEncoding,
  encodeText,
  isExportEncoding,
  isWindows1252,
  type Transliterated,
  transliterateToWindows1252,
} from './encoding.js';
export {
  LINES_COLUMNS,
  LINES_CSV_DEFAULT_ENCODING,
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
  SAGE50_DEFAULT_ENCODING,
  SAGE50_FILE_NAME,
  type Sage50CsvOptions,
  sageDetails,
} from './sage50-csv.js';
export type { ExportFile, ExportResult, ExportWarning, ExportWarningCode } from './types.js';
export {
  renderXeroCsv,
  XERO_COLUMNS,
  XERO_DEFAULT_ENCODING,
  XERO_MAX_INVOICES_PER_FILE,
  type XeroCsvOptions,
  xeroContactName,
  xeroFileName,
} from './xero-csv.js';

/** The export formats of `carebill export --format`. */
export const EXPORT_FORMATS = ['xero', 'sage50', 'csv'] as const;
/** One of {@link EXPORT_FORMATS}. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/**
 * The encoding each format is written in unless told: Xero reads UTF-8; Sage 50 Accounts
 * (UK) reads Windows-1252; the plain CSV is UTF-8 with a byte order mark for Excel.
 */
export const DEFAULT_EXPORT_ENCODING: Readonly<Record<ExportFormat, ExportEncoding>> = {
  xero: XERO_DEFAULT_ENCODING,
  sage50: SAGE50_DEFAULT_ENCODING,
  csv: LINES_CSV_DEFAULT_ENCODING,
};

/** Options of every format in one object; each format reads only its own. */
export type ExportOptions = XeroCsvOptions & Sage50CsvOptions & LinesCsvOptions;

/**
 * Renders one accountant export of a preview: `xero` (Xero sales-invoice import files),
 * `sage50` (Sage 50 audit-trail CSV) or `csv` (a plain CSV of lines), each in its
 * {@link DEFAULT_EXPORT_ENCODING} unless `encoding` says otherwise. Write each file's
 * `bytes`.
 *
 * @example
 * const { files, warnings } = renderExport('sage50', preview, { encoding: 'windows-1252' });
 * for (const file of files) writeFileSync(join(outDir, file.fileName), file.bytes);
 */
export function renderExport(
  format: ExportFormat,
  preview: Preview,
  options: ExportOptions = {},
): ExportResult {
  if (options.encoding !== undefined && !isExportEncoding(options.encoding)) {
    throw new RangeError(
      `encoding must be one of ${EXPORT_ENCODINGS.join(', ')}: ${JSON.stringify(options.encoding)}`,
    );
  }
  switch (format) {
    case 'xero':
      return renderXeroCsv(preview, options);
    case 'sage50':
      return renderSage50Csv(preview, options);
    case 'csv':
      return renderLinesCsv(preview, options);
  }
}
