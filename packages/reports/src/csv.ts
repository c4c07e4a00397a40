/**
 * `@carebill/reports/csv`: accountant exports (Xero, Sage 50, a plain CSV of lines) and
 * the email manifest, as text. Loads neither exceljs nor pdfmake.
 */
export {
  DEFAULT_EXPORT_ENCODING,
  EXPORT_ENCODINGS,
  EXPORT_FORMATS,
  type ExportEncoding,
  type ExportFormat,
  type ExportOptions,
  isExportEncoding,
  renderExport,
} from './exports/index.js';
export { type LinesCsvOptions, renderLinesCsv } from './exports/lines-csv.js';
export { renderSage50Csv, type Sage50CsvOptions } from './exports/sage50-csv.js';
export type {
  ExportFile,
  ExportResult,
  ExportWarning,
  ExportWarningCode,
} from './exports/types.js';
export { renderXeroCsv, type XeroCsvOptions } from './exports/xero-csv.js';
export { type EmailManifestRow, renderEmailManifest } from './preview/email-manifest.js';
