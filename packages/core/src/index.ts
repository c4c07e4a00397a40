export * from './calendar/index.js';
export * from './charges/index.js';
export type * from './dataset/load-types.js';
export * from './dataset/model.js';
export * from './dataset/problems.js';
export type * from './invoices/types.js';
export * from './money/index.js';
export * from './runway/index.js';
