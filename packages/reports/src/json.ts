/**
 * `@carebill/reports/json`: the JSON files of SPEC §6 and §11 as text — snake_case keys in
 * the spec's order, amounts in integer pence, dates `YYYY-MM-DD`, 2-space indent, a
 * trailing newline — and the words the management pack names sources and periods with.
 * Loads neither exceljs nor pdfmake.
 *
 * @packageDocumentation
 */
export { previewJsonChunks, renderPreviewJson, writePreviewJson } from './preview/json.js';
export { renderValidationReportJson } from './preview/problems-json.js';
export { renderManagementPackJson } from './report/json.js';
export { fundingSourceName, periodLabel } from './report/labels.js';
export { percentOfPermille } from './report/words.js';
export { renderRunwayJson } from './runway/json.js';
