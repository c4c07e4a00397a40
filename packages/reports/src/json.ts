/**
 * `@carebill/reports/json`: the JSON files of SPEC §6 as text — snake_case keys in the
 * spec's order, amounts in integer pence, dates `YYYY-MM-DD`, 2-space indent, a trailing
 * newline. Loads neither exceljs nor pdfmake.
 */
export { renderPreviewJson } from './preview/json.js';
export { renderValidationReportJson } from './preview/problems-json.js';
export { renderRunwayJson } from './runway/json.js';
