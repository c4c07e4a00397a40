/**
 * `@carebill/reports/xlsx`: the preview, runway and management pack workbooks, each as bytes
 * (`render…`) or streamed into a writable stream (`write…`). Loads exceljs.
 */
export {
  type PreviewWorkbookOptions,
  renderPreviewWorkbook,
  writePreviewWorkbook,
} from './preview/workbook.js';
export type { CleanedCell } from './preview/xlsx-table.js';
export {
  REPORT_SHEETS,
  renderManagementPackWorkbook,
  writeManagementPackWorkbook,
} from './report/workbook.js';
export { renderRunwayWorkbook, writeRunwayWorkbook } from './runway/workbook.js';
