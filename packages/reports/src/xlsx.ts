/**
 * `@carebill/reports/xlsx`: the preview and runway workbooks, each as bytes
 * (`render…`) or streamed into a writable stream (`write…`). Loads exceljs.
 */
export {
  type PreviewWorkbookOptions,
  renderPreviewWorkbook,
  writePreviewWorkbook,
} from './preview/workbook.js';
export type { CleanedCell } from './preview/xlsx-table.js';
export { renderRunwayWorkbook, writeRunwayWorkbook } from './runway/workbook.js';
