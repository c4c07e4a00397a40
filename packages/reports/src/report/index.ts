export { renderManagementPackJson } from './json.js';
export { fundingSourceName, periodLabel } from './labels.js';
export { managementPackDocument, renderManagementPackPdf } from './pdf.js';
export { percentOfPermille } from './words.js';
export { REPORT_SHEETS, writeManagementPackWorkbook } from './workbook.js';
