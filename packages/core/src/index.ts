export * from './calendar/index.js';
export * from './charges/index.js';
export * from './dataset/index.js';
export type * from './dataset/load-types.js';
export * from './dataset/model.js';
export * from './dataset/problems.js';
export * from './invoices/index.js';
export * from './money/index.js';
export * from './referrals/index.js';
