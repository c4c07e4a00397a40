export * from './preview/json.js';
export * from './preview/problems-json.js';
export * from './preview/workbook.js';
export type { CleanedCell } from './preview/xlsx-table.js';
export * from './tables/cell-text.js';
export type * from './tables/columns.js';
export * from './tables/lines.js';
